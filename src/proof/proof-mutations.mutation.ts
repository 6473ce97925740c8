import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, inject, test } from "vitest";
import type { CellName } from "../harness/cell.js";
import { runProof, type ProofDefinition, type ProofEnvironment } from "../harness/run-proof.js";
import type { Check } from "../evidence/proof-result.js";
import { collectProofs } from "./define-proof.js";

/**
 * Every proof, altered four ways, must fail — for the reason the alteration
 * gives it, not by erroring:
 * 1. a control that no longer inverts the precondition (it runs the claim's own
 *    scenario) breaks none of the checks it must break;
 * 2. a control that throws at once is a broken-off control, never "a difference";
 * 3. the claim's checks run on the control's scenario (the claim with its
 *    precondition inverted) fail: for them to pass, Kafka would have to behave
 *    as the claim says although the precondition does not hold;
 * 4. a declaration widened by a check the control does not break (one of the
 *    proof's own checks that passed on the control, else one that always
 *    passes) is a promise the control did not keep, named as such.
 * No results file is written for these runs.
 */
const PROOFS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "proofs");
const files = readdirSync(PROOFS_DIR)
  .filter((name) => name.endsWith(".proof.ts"))
  .sort();
const proofs = await collectProofs(files, (file) => import(pathToFileURL(join(PROOFS_DIR, file)).href));

type AnyProof = ProofDefinition<unknown, Record<string, Check>>;
const ALTERATIONS: { name: string; alter: (proof: AnyProof) => AnyProof; because: RegExp }[] = [
  {
    name: "a control that runs the claim's own scenario",
    alter: (proof) => ({ ...proof, control: { ...proof.control, scenario: proof.scenario } }),
    because: /broke none of the checks it must break/,
  },
  {
    name: "a control that throws",
    alter: (proof) => ({ ...proof, control: { ...proof.control, scenario: () => Promise.reject(new Error("the altered control threw")) } }),
    because: /broke off: the altered control threw; a control that errors shows nothing/,
  },
  {
    name: "the claim run on the control's inverted scenario",
    alter: (proof) => ({ ...proof, scenario: proof.control.scenario }),
    because: /^check failed: /m,
  },
  {
    name: "a declaration widened by a check the control does not break",
    alter: (proof) => ({ ...proof, control: { ...proof.control, mustBreak: (checks) => widened(proof.control.mustBreak(checks), checks) } }),
    because: /broke \d+ of the \d+ checks it declares it must break; left unbroken: /,
  },
];

/**
 * Proofs judged by a refusal the broker answered: with a harness that misreports each refusal as accepted
 * (the evidence then says the broker took what it refused), each must fail a check of the claim.
 */
const JUDGED_BY_REFUSALS = ["reset-isolation", "reset-offsets-every-way", "slow-member-is-replaced", "zombie-producer-is-fenced"];

/** The declared checks and one more the control did not break: its own if it has one, else one that holds of anything. */
function widened(declared: readonly Check[], checks: Record<string, Check>): Check[] {
  const unbroken = Object.values(checks).find((check) => check.outcome === "pass" && !declared.includes(check));
  return [...declared, unbroken ?? { name: "a check that holds of any run", outcome: "pass", detail: "declared by the alteration" }];
}

/** The run's broker and hosts, in `cell`; no results file is written. */
function environment(cell: CellName): ProofEnvironment {
  return { broker: inject("broker"), groupTool: inject("groupTool"), cell, javaHost: inject("javaHost"), javaHostAbsent: inject("javaHostAbsent"), writeResults: false };
}

const ids = new Set(proofs.map((p) => p.id));
for (const id of JUDGED_BY_REFUSALS) if (!ids.has(id)) throw new Error(`JUDGED_BY_REFUSALS names ${id}, which is no proof`);

for (const { id, definition } of proofs) {
  // Altered in the first of the run's cells the proof applies to (a proof of share consumers only runs in java/consumer).
  const cells = inject("cells");
  const cell = cells.find((name) => definition.notApplicable?.[name] === undefined) ?? cells[0]!;
  describe(`${id}, altered`, () => {
    for (const { name, alter, because } of ALTERATIONS) {
      test.concurrent(
        `fails with ${name}`,
        async (context) => {
          const result = await runProof(`${id}-altered`, alter(definition), environment(cell));
          if (result.verdict === "skipped") return context.skip(result.skipReason);
          expect(result.verdict, result.reasons.join("\n")).toBe("fail");
          expect(result.reasons.join("\n")).toMatch(because);
        },
        definition.timeoutMs,
      );
    }
    if (JUDGED_BY_REFUSALS.includes(id)) {
      test.concurrent(
        "fails with a harness that records the broker's refusals as accepted",
        async (context) => {
          const result = await runProof(`${id}-altered`, definition, { ...environment(cell), swallowRefusals: true });
          if (result.verdict === "skipped") return context.skip(result.skipReason);
          expect(result.verdict, result.reasons.join("\n")).toBe("fail");
          expect(result.reasons.join("\n")).toMatch(/^check failed: .*refused/m);
        },
        definition.timeoutMs,
      );
    }
  });
}
