import type { Check, ScenarioEvidence } from "../evidence/proof-result.js";
import { groupOf, listMessages, messageKey } from "./evidence-queries.js";
import type { CommittedObservation } from "./offsets.js";

/**
 * At-least-once after a crash: the messages the crashed member had received
 * but not acknowledged (offsets at or above its group's committed offset when
 * it died) are received again, after the crash, by another member of the same
 * group — and the redelivery starts exactly at the committed offset.
 * Needs the scenario's "crash" event and a committed-offset reading taken at
 * the moment of the crash (`moment`).
 */
export function redeliveredAfterCrash(evidence: ScenarioEvidence, label: string, moment: string): Check {
  const name = `what the crashed member of group ${label} had not acknowledged was delivered again to another member`;
  const crash = evidence.timeline.find((e) => e.event === "crash" && e.group === label);
  const atCrash = evidence.timeline.find((e): e is CommittedObservation => e.event === "observe" && e.group === label && e.moment === moment);
  const group = groupOf(evidence, label);
  if (!crash || !atCrash || !group) return { name, ok: false, detail: "expected a crash and a reading of the committed offsets when it happened; the evidence lacks them" };

  const committedAt = (partition: number) => atCrash.committed.find((c) => c.partition === partition)?.offset ?? 0;
  const unacknowledged = group.received.filter((m) => m.consumer === crash.actor && m.offset >= committedAt(m.partition));
  const afterwards = group.received.filter((m) => m.consumer !== crash.actor && m.at >= crash.at);
  const again = new Set(afterwards.map(messageKey));
  const missing = unacknowledged.filter((m) => !again.has(messageKey(m)));
  const wrongStart = [...new Set(unacknowledged.map((m) => m.partition))].filter(
    (partition) => afterwards.find((m) => m.partition === partition)?.offset !== committedAt(partition),
  );
  const ok = unacknowledged.length > 0 && missing.length === 0 && wrongStart.length === 0;
  return {
    name,
    ok,
    detail: ok
      ? `${crash.actor} died holding ${unacknowledged.length} unacknowledged messages (${listMessages(unacknowledged)}); all were received again from the committed offset by ${[...new Set(afterwards.map((m) => m.consumer))].join(", ")}`
      : unacknowledged.length === 0
        ? `expected messages that ${crash.actor} received but had not acknowledged; it had acknowledged everything it received, so nothing was redelivered`
        : `expected redelivery from the committed offset of ${listMessages(unacknowledged)}; ${missing.length > 0 ? `never received again: ${listMessages(missing)}` : ""}${wrongStart.length > 0 ? ` redelivery did not start at the committed offset on p${wrongStart.join(", p")}` : ""}`,
  };
}
