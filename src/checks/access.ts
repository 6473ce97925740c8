import type { BrokerErrorCode } from "../evidence/broker-error-codes.js";
import type { Check, ScenarioEvidence } from "../evidence/proof-result.js";
import type { ServiceRequest } from "../evidence/refs.js";
import { requestOf } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

const DOING: Record<ServiceRequest["action"], string> = { commit: "commit to", reset: "reset of", describe: "read of" };

/**
 * The broker refused a service's request about a group with exactly this error
 * code. Accepted is a failure (the detail says what was done); a timeout or a lost
 * connection is no refusal and is never recorded as one.
 */
export function refusedAs(evidence: ScenarioEvidence, ref: ServiceRequest, code: BrokerErrorCode): Check {
  const name = `the broker refused ${ref.user}'s ${DOING[ref.action]} group ${ref.group}'s offsets with ${code}`;
  const event = requestOf(evidence, ref);
  if (!event) return inconclusive(name, `request #${ref.request} (${ref.user}'s ${ref.action} of group ${ref.group})`);
  if (event.event !== "refused") return judged(name, false, `expected ${code}; the broker accepted it: ${event.summary}`);
  return judged(name, event.code === code, `expected ${code}; the broker answered ${String(event.code)}: ${String(event.error)}`);
}
