import type { Check, ProofResult } from "./proof-result.js";

/** A claim the broker's evidence does not bear out. The message lists each failed check. */
export class ClaimViolation extends Error {
  constructor(
    readonly proofId: string,
    readonly failed: readonly Check[],
  ) {
    super(`${proofId}: the claim does not hold\n${failed.map((c) => `  ✗ ${c.name}: ${c.detail}`).join("\n")}`);
    this.name = "ClaimViolation";
  }
}

/** Throws unless the proof passed: its checks held, its control came out differently, nothing broke off. */
export function assertProved(result: ProofResult): void {
  if (result.verdict === "skipped") return;
  const failed: Check[] = result.checks.filter((check) => !check.ok);
  if (result.error) failed.push({ name: "scenario ran to the end", ok: false, detail: result.error });
  if (!result.control.differs) {
    failed.push({
      name: "control comes out differently",
      ok: false,
      detail: `expected the control (${result.control.precondition}) to fail at least one check${
        result.control.error ? `; it broke off: ${result.control.error}` : "; every check passed on it too"
      }`,
    });
  }
  if (failed.length > 0 || result.verdict !== "pass") throw new ClaimViolation(result.id, failed);
}
