import type { Check } from "../evidence/proof-result.js";

/** A check the evidence could decide. */
export function judged(name: string, holds: boolean, detail: string): Check {
  return { name, outcome: holds ? "pass" : "fail", detail };
}

/**
 * A check about something the evidence lacks: a group, consumer or reading the
 * scenario never made. It neither holds nor fails (see `Outcome`).
 */
export function inconclusive(name: string, missing: string): Check {
  return { name, outcome: "inconclusive", detail: `cannot be judged: the evidence has no ${missing}` };
}

export function passed(check: Check): boolean {
  return check.outcome === "pass";
}
