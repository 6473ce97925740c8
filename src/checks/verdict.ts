import type { Check, SecondWitness } from "../evidence/proof-result.js";

/** One scenario's run as the verdict sees it. */
export interface RunToJudge {
  checks: readonly Check[];
  /** Set when the scenario broke off. */
  error?: string;
  secondWitness: SecondWitness;
}

export interface ControlToJudge extends RunToJudge {
  precondition: string;
  /** The control's own results for the checks it must break (a subset of `checks`). */
  mustBreak: readonly Check[];
}

export interface Verdict {
  verdict: "pass" | "fail";
  /** Why it is not a pass, one plain sentence each; empty for a pass. */
  reasons: string[];
  /** The checks the control had to break and did, with evidence present; a pass has every one it declared. */
  broke: string[];
}

/**
 * A proof passes only if the claim holds and its control breaks it for the
 * claim's reason:
 * - the claim's scenario ran to the end and every one of its checks passed
 *   (an inconclusive check is no pass);
 * - the control ran to the end too: a control that errors shows nothing;
 * - every check the control declares it must break failed on it with its
 *   evidence present: a declaration is a promise, and one the control did not
 *   keep is named with what it came out as (a check about something the
 *   control never made is inconclusive, not broken; a failure of an
 *   undeclared check is no difference that counts);
 * - Kafka's consumer-groups tool did not disagree with either run's offsets
 *   (a tool that did not run is said so, and is no agreement).
 */
export function judgeProof(claim: RunToJudge, control: ControlToJudge): Verdict {
  const reasons: string[] = [];
  if (claim.error !== undefined) reasons.push(`the claim's scenario broke off: ${claim.error}`);
  for (const check of claim.checks) {
    if (check.outcome === "fail") reasons.push(`check failed: ${check.name} — ${check.detail}`);
    if (check.outcome === "inconclusive") reasons.push(`check could not be judged: ${check.name} — ${check.detail}`);
  }
  if (claim.error === undefined && claim.checks.length === 0) reasons.push("the claim has no checks, so nothing was shown");
  if (claim.secondWitness.state === "disagreed") reasons.push(`Kafka's consumer-groups tool disagreed with the claim's evidence: ${claim.secondWitness.detail}`);

  // A control that broke off broke nothing that counts, whatever its checks say.
  const broke = control.error !== undefined ? [] : control.mustBreak.filter((check) => check.outcome === "fail").map((check) => check.name);
  if (control.error !== undefined) {
    reasons.push(`the control (${control.precondition}) broke off: ${control.error}; a control that errors shows nothing about the claim`);
  } else if (control.mustBreak.length === 0) {
    reasons.push("the proof declares no check its control must break");
  } else {
    const kept = control.mustBreak.filter((check) => check.outcome !== "fail");
    const how = kept.map((check) => `${check.name} (${check.outcome === "pass" ? "passed" : `inconclusive: ${check.detail}`})`);
    if (kept.length === control.mustBreak.length) {
      reasons.push(`the control (${control.precondition}) broke none of the checks it must break: ${how.join("; ")}`);
    } else if (kept.length > 0) {
      reasons.push(
        `the control (${control.precondition}) broke ${broke.length} of the ${control.mustBreak.length} checks it declares it must break; left unbroken: ${how.join("; ")}`,
      );
    }
  }
  if (control.secondWitness.state === "disagreed") {
    reasons.push(`Kafka's consumer-groups tool disagreed with the control's evidence: ${control.secondWitness.detail}`);
  }
  return { verdict: reasons.length === 0 ? "pass" : "fail", reasons, broke };
}
