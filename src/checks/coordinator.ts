import type { Check, ScenarioEvidence } from "../evidence/proof-result.js";
import type { CoordinatorReading } from "../evidence/refs.js";
import { coordinatorReadingOf, type CoordinatorAnswer } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

const said = (answer: CoordinatorAnswer) => ("coordinator" in answer ? `node ${answer.coordinator}` : answer.code);

/** When the node was killed (ms on the timeline), if it was. */
function killedAt(evidence: ScenarioEvidence, nodeId: number): number | null {
  return evidence.brokers?.find((b) => b.nodeId === nodeId)?.killedAt ?? null;
}

/**
 * The node named as the group's coordinator at `reading` is one the scenario
 * killed afterwards: the scenario took down the very broker holding the group's
 * commits, not some other one.
 */
export function coordinatorKilled(evidence: ScenarioEvidence, reading: CoordinatorReading): Check {
  const seen = coordinatorReadingOf(evidence, reading);
  const name = `the node coordinating group ${reading.group} ${seen?.moment ?? `at reading #${reading.coordinatorReading}`} was killed`;
  if (!seen) return inconclusive(name, `coordinator reading #${reading.coordinatorReading} of group ${reading.group}`);
  if (!evidence.brokers) return inconclusive(name, "list of the cluster's nodes");
  if (!("coordinator" in seen.answer)) return judged(name, false, `expected a node; node ${seen.askedNode} answered ${seen.answer.code} ${seen.moment}`);
  const at = killedAt(evidence, seen.answer.coordinator);
  return judged(
    name,
    at !== null && at >= seen.at,
    at === null
      ? `expected node ${seen.answer.coordinator} to be killed; it ran to the end`
      : `node ${seen.answer.coordinator} was killed at +${at} ms, ${at >= seen.at ? "after" : "before"} it was named (+${seen.at} ms)`,
  );
}

/**
 * After the kill, a live node other than the one named before coordinates the group:
 * another broker took over the group's partition of `__consumer_offsets`. An error
 * code, the same node, or a node that had been killed by then is no new coordinator.
 */
export function coordinatorMoved(evidence: ScenarioEvidence, before: CoordinatorReading, after: CoordinatorReading): Check {
  const first = coordinatorReadingOf(evidence, before);
  const second = coordinatorReadingOf(evidence, after);
  const name = `group ${before.group} has a new, live coordinator ${second?.moment ?? "after"}, not the one ${first?.moment ?? "before"}`;
  if (!first || !second) return inconclusive(name, `coordinator reading #${!first ? before.coordinatorReading : after.coordinatorReading} of group ${before.group}`);
  if (before.group !== after.group) return judged(name, false, `expected two readings of one group; they are of ${before.group} and ${after.group}`);
  if (!evidence.brokers) return inconclusive(name, "list of the cluster's nodes");
  if (!("coordinator" in first.answer)) return judged(name, false, `expected a node ${first.moment}; node ${first.askedNode} answered ${first.answer.code}`);
  const was = first.answer.coordinator;
  const expected = `expected a live node other than node ${was} ${second.moment}`;
  if (!("coordinator" in second.answer)) return judged(name, false, `${expected}; node ${second.askedNode} answered ${said(second.answer)}`);
  const now = second.answer.coordinator;
  const deadAt = killedAt(evidence, now);
  if (deadAt !== null && deadAt <= second.at) return judged(name, false, `${expected}; node ${second.askedNode} named node ${now}, killed at +${deadAt} ms`);
  return judged(name, now !== was, `${expected}; node ${second.askedNode} named node ${now}`);
}
