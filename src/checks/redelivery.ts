import type { Check, ScenarioEvidence } from "../evidence/proof-result.js";
import type { CommittedReading, GroupRef } from "../evidence/refs.js";
import { listMessages, messageKey, presentGroup, readingOf } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

/**
 * At-least-once after a crash: the messages the crashed member had received
 * but not acknowledged (offsets at or above its group's committed offset when
 * it died) are received again, after the crash, by another member of the same
 * group — and the redelivery starts exactly at the committed offset.
 * Needs the scenario's "crash" event and a reading of the group's committed
 * offsets taken at the moment of the crash.
 */
export function redeliveredAfterCrash(evidence: ScenarioEvidence, ref: GroupRef, reading: CommittedReading): Check {
  const label = ref.group;
  const name = `what the crashed member of group ${label} had not acknowledged was delivered again to another member`;
  const crash = evidence.timeline.find((e) => e.event === "crash" && e.group === label);
  const atCrash = readingOf(evidence, reading);
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${label}`);
  if (!atCrash) return inconclusive(name, `reading of group ${label}'s offsets at the crash`);
  if (!crash) return judged(name, false, `expected a member of group ${label} to crash; none did`);

  const committedAt = (partition: number) => atCrash.committed.find((c) => c.partition === partition)?.offset ?? 0;
  const unacknowledged = group.received.filter((m) => m.consumer === crash.actor && m.offset >= committedAt(m.partition));
  const afterwards = group.received.filter((m) => m.consumer !== crash.actor && m.at >= crash.at);
  const again = new Set(afterwards.map(messageKey));
  const missing = unacknowledged.filter((m) => !again.has(messageKey(m)));
  const wrongStart = [...new Set(unacknowledged.map((m) => m.partition))].filter(
    (partition) => afterwards.find((m) => m.partition === partition)?.offset !== committedAt(partition),
  );
  const ok = unacknowledged.length > 0 && missing.length === 0 && wrongStart.length === 0;
  return judged(
    name,
    ok,
    ok
      ? `${crash.actor} died holding ${unacknowledged.length} unacknowledged messages (${listMessages(unacknowledged)}); all were received again from the committed offset by ${[...new Set(afterwards.map((m) => m.consumer))].join(", ")}`
      : unacknowledged.length === 0
        ? `expected messages that ${crash.actor} received but had not acknowledged; it had acknowledged everything it received, so nothing was redelivered`
        : `expected redelivery from the committed offset of ${listMessages(unacknowledged)}; ${missing.length > 0 ? `never received again: ${listMessages(missing)}` : ""}${wrongStart.length > 0 ? ` redelivery did not start at the committed offset on p${wrongStart.join(", p")}` : ""}`,
  );
}
