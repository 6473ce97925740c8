import type { AcknowledgeType, Check, ScenarioEvidence, ShareDelivery } from "../evidence/proof-result.js";
import type { ConsumerRef, GroupRef, ShareGroupRef, ShareStateReading } from "../evidence/refs.js";
import { consumerOf, presentGroup, receivedBy } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";
import { formatShareState, sharedDeliveriesOf, shareGroupOf, shareReadingOf } from "./share-queries.js";

/**
 * Checks on share groups (KIP-932), where each record is delivered to one
 * member at a time and acknowledged on its own: accepted (done), released
 * (delivered again, its delivery count one higher) or rejected (never again);
 * a record released at its delivery-count limit is archived. They read the
 * delivery counts the broker sent with each record, and the share-group state
 * (start offset, lag) the broker reported.
 */

export interface RecordRef {
  partition: number;
  offset: number;
}

export interface ExpectedDeliveries extends RecordRef {
  /** How many times the record is delivered in all: 1 for one never redelivered. */
  deliveries: number;
}

const place = (r: RecordRef) => `p${r.partition}@${r.offset}`;

function deliveriesOfRecord(evidence: ScenarioEvidence, who: ConsumerRef, record: RecordRef): ShareDelivery[] {
  return sharedDeliveriesOf(evidence, who).filter((d) => d.partition === record.partition && d.offset === record.offset);
}

const SETTLED: Record<AcknowledgeType, string> = { accept: "accepted", release: "released", reject: "rejected" };

/** "1 released, 2 accepted": each delivery's number as the broker sent it, and how it was acknowledged. */
function history(deliveries: readonly ShareDelivery[]): string {
  return deliveries.map((d) => `${d.deliveryCount} ${d.acknowledgement ? SETTLED[d.acknowledgement.type] : "held"}`).join(", ");
}

/**
 * Each record was delivered exactly `deliveries` times, numbered 1, 2, … by the
 * broker, each delivery acknowledged (the broker taking it), and never again
 * although the consumer polled on after the last acknowledgement: a record
 * accepted or rejected is done, and one released at the group's delivery-count
 * limit is archived.
 */
export function deliveredTimes(evidence: ScenarioEvidence, who: ConsumerRef, expected: readonly ExpectedDeliveries[]): Check {
  const name = `consumer ${who.consumer} was delivered ${expected.map((e) => `${place(e)} ${e.deliveries === 1 ? "once" : `${e.deliveries} times`}`).join(", ")}, and never again`;
  const consumer = consumerOf(evidence, who);
  if (!consumer) return inconclusive(name, `consumer ${who.consumer}`);
  if (expected.length === 0) return judged(name, false, "expected records to look for; none were named");
  const problems: string[] = [];
  const seen: string[] = [];
  for (const record of expected) {
    const got = deliveriesOfRecord(evidence, who, record);
    const last = got.at(-1);
    seen.push(`${place(record)}: ${got.length === 0 ? "never delivered" : history(got)}`);
    if (got.length !== record.deliveries)
      problems.push(`${place(record)} was delivered ${got.length} times (${got.length === 0 ? "none" : history(got)}), not ${record.deliveries}`);
    else if (got.some((d, i) => d.deliveryCount !== i + 1)) problems.push(`the broker numbered the deliveries of ${place(record)} ${got.map((d) => d.deliveryCount).join(", ")}`);
    else if (!last?.acknowledgement) problems.push(`${place(record)}'s last delivery was never acknowledged`);
    else if (last.acknowledgement.error !== null) problems.push(`the broker refused the acknowledgement of ${place(record)}: ${last.acknowledgement.error}`);
    else if ((consumer.lastFetchAt ?? -1) <= last.acknowledgement.at)
      problems.push(`${who.consumer} did not poll after acknowledging ${place(record)}, so "never again" is not shown`);
  }
  const polledOn = consumer.lastFetchAt === null ? "" : `; ${who.consumer} polled until ${consumer.lastFetchAt} ms`;
  return judged(
    name,
    problems.length === 0,
    problems.length === 0 ? `${seen.join("; ")}${polledOn}` : `expected ${expected.map((e) => `${place(e)} ×${e.deliveries}`).join(", ")}; ${problems.join("; ")}`,
  );
}

/** The record came back after the consumer released it: delivery `count`, right after delivery `count - 1` was released. */
export function redeliveredAfterRelease(evidence: ScenarioEvidence, who: ConsumerRef, record: RecordRef, count: number): Check {
  const name = `${place(record)} released by ${who.consumer} was delivered again, as delivery ${count}`;
  if (!consumerOf(evidence, who)) return inconclusive(name, `consumer ${who.consumer}`);
  const got = deliveriesOfRecord(evidence, who, record);
  const previous = got.find((d) => d.deliveryCount === count - 1);
  const again = got.find((d) => d.deliveryCount === count);
  if (!previous)
    return judged(
      name,
      false,
      `expected delivery ${count - 1} of ${place(record)} to be released; ${got.length === 0 ? "it was never delivered" : `the deliveries were ${history(got)}`}`,
    );
  const ack = previous.acknowledgement;
  const why =
    ack?.type !== "release"
      ? `delivery ${count - 1} was ${ack ? SETTLED[ack.type] : "never acknowledged"}`
      : ack.error !== null
        ? `the broker refused the release: ${ack.error}`
        : again === undefined
          ? `no delivery ${count} came`
          : again.at < ack.at
            ? `delivery ${count} came at ${again.at} ms, before the broker answered the release at ${ack.at} ms`
            : null;
  return judged(
    name,
    why === null,
    why === null
      ? `deliveries of ${place(record)}: ${history(got)}, numbered by the broker`
      : `expected ${place(record)} released at delivery ${count - 1} and delivered again as delivery ${count}; ${why} (the deliveries were ${history(got)})`,
  );
}

/** At a reading the scenario took, the broker's share-group state had these lags (records neither acknowledged nor archived). */
export function shareLagAt(evidence: ScenarioEvidence, ref: ShareStateReading, expected: readonly { partition: number; lag: number }[]): Check {
  const seen = shareReadingOf(evidence, ref);
  const listed = expected.map((e) => `p${e.partition}=${e.lag}`).join(", ");
  const name = `share group ${ref.shareGroup} lags ${listed} ${seen?.moment ?? `at reading #${ref.reading}`}`;
  if (!seen) return inconclusive(name, `reading #${ref.reading} of share group ${ref.shareGroup}'s state`);
  const wrong = expected.filter((e) => seen.partitions.find((p) => p.partition === e.partition)?.lag !== e.lag);
  return judged(name, expected.length > 0 && wrong.length === 0, `expected lag ${listed}; the broker reported ${formatShareState(seen.partitions)} ${seen.moment}`);
}

/** The broker's share-group state did not change between two readings of one share group. */
export function shareStateUnchanged(evidence: ScenarioEvidence, before: ShareStateReading, after: ShareStateReading): Check {
  const first = shareReadingOf(evidence, before);
  const second = shareReadingOf(evidence, after);
  const name = `share group ${before.shareGroup}'s state is the same ${first?.moment ?? "before"} and ${second?.moment ?? "after"}`;
  if (!first || !second) return inconclusive(name, `reading #${!first ? before.reading : after.reading} of share group ${before.shareGroup}'s state`);
  if (before.shareGroup !== after.shareGroup) return judged(name, false, `expected two readings of one share group; they are of ${before.shareGroup} and ${after.shareGroup}`);
  const [was, is] = [formatShareState(first.partitions), formatShareState(second.partitions)];
  // A partition with neither a start offset nor a lag is one the group has no state for yet: nothing to compare.
  const held = first.partitions.some((p) => p.startOffset !== null || p.lag !== null);
  return judged(
    name,
    held && was === is,
    held
      ? `expected no change; the broker reported ${was} ${first.moment} and ${is} ${second.moment}`
      : `expected partition state to compare; the broker held ${was} ${first.moment}`,
  );
}

/** Each of these consumers received at least one message: none idled. */
export function everyoneReceived(evidence: ScenarioEvidence, consumers: readonly ConsumerRef[]): Check {
  const names = consumers.map((c) => c.consumer).join(", ");
  const name = `each of ${names} received messages`;
  const absent = consumers.filter((c) => !consumerOf(evidence, c));
  if (absent.length > 0) return inconclusive(name, `consumer ${absent.map((c) => c.consumer).join(" or ")}`);
  const counts = consumers.map((c) => ({ name: c.consumer, got: receivedBy(evidence, c).length, fetches: consumerOf(evidence, c)?.fetches ?? 0 }));
  const idle = counts.filter((c) => c.got === 0);
  return judged(
    name,
    consumers.length > 0 && idle.length === 0,
    idle.length === 0
      ? counts.map((c) => `${c.name} received ${c.got}`).join(", ")
      : `expected each to receive; ${idle.map((c) => `${c.name} received nothing in ${c.fetches} fetches`).join(", ")} (${counts.map((c) => `${c.name} ${c.got}`).join(", ")})`,
  );
}

/** When the evidence was read, the broker assigned the partition to `members` members of the group at once. */
export function partitionAssignedTo(evidence: ScenarioEvidence, ref: ShareGroupRef | GroupRef, partition: number, members: number): Check {
  const label = "shareGroup" in ref ? `share group ${ref.shareGroup}` : `group ${ref.group}`;
  const name = `the broker assigned p${partition} to ${members} members of ${label} at once`;
  const group = "shareGroup" in ref ? shareGroupOf(evidence, ref) : presentGroup(evidence, ref);
  if (!group) return inconclusive(name, label);
  const owners = group.members.filter((m) => m.assignment.some((tp) => tp.partition === partition)).map((m) => m.clientId);
  return judged(
    name,
    owners.length === members,
    `expected ${members} members assigned p${partition}; the broker reported ${owners.length} (${owners.join(", ") || "none"}) of ${group.members.length} (${group.state})`,
  );
}
