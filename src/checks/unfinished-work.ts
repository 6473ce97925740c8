import type { Check, ReceivedMessage, ScenarioEvidence, TimelineEvent } from "../evidence/proof-result.js";
import type { CommittedReading, GroupRef } from "../evidence/refs.js";
import { consumerOf, formatCommitted, listMessages, messageKey, presentGroup, readingOf } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

/**
 * What a crashed member was handed and what its application had finished: the
 * group's first "crash" event, the "finish" events its consumer recorded before
 * it, and the records it received. Both checks below judge the broker's side
 * against these two lines.
 */
interface CrashedWork {
  crash: TimelineEvent;
  /** What it received before it died, in arrival order. */
  received: ReceivedMessage[];
  /** What it received and its application had not finished. */
  unfinished: ReceivedMessage[];
  /** "p0 through 3", for details. */
  finished: string;
}

/** The crashed member's work, or why a check about it cannot be judged (the missing thing, for `inconclusive`) or fails. */
function crashedWork(evidence: ScenarioEvidence, ref: GroupRef): CrashedWork | { missing: string } | { failed: string } {
  const group = presentGroup(evidence, ref);
  if (!group) return { missing: `group ${ref.group}` };
  const crash = evidence.timeline.find((e) => e.event === "crash" && e.group === ref.group);
  if (!crash) return { failed: `expected a member of group ${ref.group} to crash; none did` };
  const finishes = evidence.timeline.filter((e) => e.event === "finish" && e.actor === crash.actor && e.at <= crash.at);
  if (finishes.length === 0) return { missing: `record of what ${crash.actor}'s application finished before it crashed` };
  const finishedThrough = (topic: string, partition: number) =>
    Math.max(-1, ...finishes.filter((f) => f.topic === topic && f.partition === partition).map((f) => Number(f.lastOffset)));
  const received = group.received.filter((m) => m.consumer === crash.actor && m.at <= crash.at);
  const unfinished = received.filter((m) => m.offset > finishedThrough(m.topic, m.partition));
  const finished = finishes.map((f) => `p${String(f.partition)} through ${String(f.lastOffset)}`).join(", ");
  return { crash, received, unfinished, finished };
}

/** Per partition, the offset after the last record received: what a commit of everything received holds. */
function nextAfterReceived(received: readonly ReceivedMessage[]): Map<string, { topic: string; partition: number; offset: number }> {
  const next = new Map<string, { topic: string; partition: number; offset: number }>();
  for (const { topic, partition, offset } of received) {
    const key = `${topic}\u0000${partition}`;
    if ((next.get(key)?.offset ?? -1) < offset + 1) next.set(key, { topic, partition, offset: offset + 1 });
  }
  return next;
}

/**
 * Auto-commit commits what the consumer was handed: at a reading taken before
 * its member crashed, the broker held the group's commit, on every partition
 * the member received from, right after the last record it received — past
 * records its application had not finished (there must be some, or the
 * commit says nothing about received versus finished).
 */
export function committedWhatWasReceived(evidence: ScenarioEvidence, ref: GroupRef, reading: CommittedReading): Check {
  const name = `before its member crashed, the broker held group ${ref.group}'s commit of everything the member had received, past what its application had finished`;
  const seen = readingOf(evidence, reading);
  if (!seen) return inconclusive(name, `reading #${reading.reading} of group ${ref.group}'s offsets`);
  const work = crashedWork(evidence, ref);
  if ("missing" in work) return inconclusive(name, work.missing);
  if ("failed" in work) return judged(name, false, work.failed);
  const { crash, received, unfinished, finished } = work;
  if (seen.at > crash.at) return judged(name, false, `expected a reading taken before ${crash.actor} crashed; it was taken ${seen.moment}, after`);
  if (unfinished.length === 0) {
    return judged(name, false, `expected records ${crash.actor} had received and its application had not finished; it had finished everything it received (${finished})`);
  }
  const expected = [...nextAfterReceived(received).values()];
  const held = (e: { topic: string; partition: number }) => seen.committed.find((c) => c.topic === e.topic && c.partition === e.partition)?.offset ?? null;
  const ok = expected.every((e) => held(e) === e.offset);
  const wanted = expected.map((e) => `p${e.partition}=${e.offset}`).join(", ");
  return judged(
    name,
    ok,
    `expected ${wanted} (everything ${crash.actor} received; its application had finished ${finished}, not ${listMessages(unfinished)}); the broker reported ${formatCommitted(seen.committed)} ${seen.moment}`,
  );
}

/**
 * At most once after a crash: the records the crashed member had received and
 * its application had not finished are given to no member of its group after
 * the crash — though another member took over each of their partitions (its
 * "join" event after the crash names the partition) and completed a fetch
 * after that, so it had its chance to receive them. A takeover that never
 * happened fails: then "never given again" would hold of anything.
 */
export function unfinishedNotDeliveredAgain(evidence: ScenarioEvidence, ref: GroupRef): Check {
  const name = `what the crashed member of group ${ref.group} had received but not finished was given to no member again`;
  const work = crashedWork(evidence, ref);
  if ("missing" in work) return inconclusive(name, work.missing);
  if ("failed" in work) return judged(name, false, work.failed);
  const { crash, unfinished, finished } = work;
  if (unfinished.length === 0) {
    return judged(name, false, `expected records ${crash.actor} had received and its application had not finished; it had finished everything it received (${finished})`);
  }
  const partitions = [...new Map(unfinished.map((m) => [`${m.topic}\u0000${m.partition}`, { topic: m.topic, partition: m.partition }])).values()];
  const takeover = partitions.map((p) => {
    const joins = evidence.timeline.filter((e) => e.event === "join" && e.group === ref.group && e.actor !== crash.actor && e.at > crash.at && ownsIn(e, p.topic, p.partition));
    const fetched = joins.find((e) => (consumerOf(evidence, { consumer: e.actor })?.lastFetchAt ?? -1) > e.at);
    return { ...p, by: fetched?.actor };
  });
  const untaken = takeover.filter((t) => t.by === undefined);
  if (untaken.length > 0) {
    return judged(
      name,
      false,
      `expected another member of group ${ref.group} to take over ${untaken.map((t) => `p${t.partition}`).join(", ")} after ${crash.actor} crashed and fetch from it; none did, so nothing could have been given again`,
    );
  }
  const lost = new Set(unfinished.map(messageKey));
  const again = (presentGroup(evidence, ref)?.received ?? []).filter((m) => m.consumer !== crash.actor && m.at >= crash.at && lost.has(messageKey(m)));
  const takers = [...new Set(takeover.map((t) => `${t.by} (p${t.partition})`))].join(", ");
  return judged(
    name,
    again.length === 0,
    again.length === 0
      ? `${crash.actor} died with ${unfinished.length} records its application had not finished (${listMessages(unfinished)}); ${takers} took over and fetched, and none of them was given again`
      : `expected none of ${listMessages(unfinished)} to be given again after ${crash.actor} crashed; ${[...new Set(again.map((m) => m.consumer))].join(", ")} received ${listMessages(again)}`,
  );
}

/** Whether a "join" event's assignment (`{ topic: [partitions] }`) holds the partition. */
function ownsIn(join: TimelineEvent, topic: string, partition: number): boolean {
  const assignment = join.assignment;
  if (typeof assignment !== "object" || assignment === null) return false;
  const owned: unknown = (assignment as Record<string, unknown>)[topic];
  return Array.isArray(owned) && owned.includes(partition);
}
