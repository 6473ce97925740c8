/** A claim the broker's evidence does not bear out, or a control that did not break it. The message gives every reason. */
export class ClaimViolation extends Error {
  constructor(
    readonly proofId: string,
    readonly reasons: readonly string[],
  ) {
    super(`${proofId}: not proved\n${reasons.map((reason) => `  ✗ ${reason}`).join("\n")}`);
    this.name = "ClaimViolation";
  }
}
