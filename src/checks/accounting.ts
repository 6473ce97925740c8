import type { Check, ReceivedRange, ScenarioEvidence } from "../evidence/proof-result.js";
import type { GroupRef } from "../evidence/refs.js";
import { formatCommitted, membershipMarks, presentGroup, rangesOf } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";
import { formatSpan, missing, overlap, union, type Span } from "./spans.js";

/**
 * Exact accounting of a group's consumption, on offset ranges, so that it
 * holds at a million messages as at ten: what the group received is compared
 * offset for offset with what the broker holds (log-end offsets, committed
 * offsets), never with a count. Each check lists the offending spans, capped
 * so a detail stays readable.
 */

const SHOWN = 6;

interface LogPartition {
  topic: string;
  partition: number;
  logEndOffset: number;
}

function logPartitions(evidence: ScenarioEvidence): LogPartition[] {
  return evidence.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partition, logEndOffset: p.logEndOffset })));
}

function onPartition<T extends { topic: string; partition: number }>(items: readonly T[], p: LogPartition): T[] {
  return items.filter((i) => i.topic === p.topic && i.partition === p.partition);
}

function capped(found: readonly string[]): string {
  return found.slice(0, SHOWN).join("; ") + (found.length > SHOWN ? `; and ${found.length - SHOWN} more` : "");
}

/** Lost: every offset from 0 to the broker's log-end offset, on every partition, reached the group; nothing beyond the log end did. */
export function everyOffsetDelivered(evidence: ScenarioEvidence, ref: GroupRef): Check {
  const name = `group ${ref.group} received every offset of every partition, up to the broker's log end`;
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${ref.group}`);
  const partitions = logPartitions(evidence);
  const total = partitions.reduce((sum, p) => sum + p.logEndOffset, 0);
  if (total === 0) return judged(name, false, "expected messages in the log to account for; the broker reports every partition empty");
  const ranges = rangesOf(group);
  const problems: string[] = [];
  for (const p of partitions) {
    const covered = union(onPartition(ranges, p));
    for (const hole of missing(covered, 0, p.logEndOffset)) problems.push(`p${p.partition} never received ${formatSpan(hole)}`);
    const beyond = covered.filter((s) => s.last >= p.logEndOffset);
    for (const s of beyond)
      problems.push(`p${p.partition} received ${formatSpan({ first: Math.max(s.first, p.logEndOffset), last: s.last })} beyond the log end ${p.logEndOffset}`);
  }
  return judged(
    name,
    problems.length === 0,
    problems.length === 0
      ? `all ${total} offsets received (${partitions.map((p) => `p${p.partition} 0–${p.logEndOffset - 1}`).join(", ")}, as the broker's log-end offsets say)`
      : `expected every offset below the broker's log-end offsets; ${capped(problems)}`,
  );
}

/** A pair of ranges delivering the same offsets; `earlier` began first. */
export interface Redelivery {
  earlier: ReceivedRange;
  later: ReceivedRange;
  offsets: Span;
  /** Whether a membership change lies between the end of the earlier range and the start of the later one. */
  excused: boolean;
}

/**
 * Every offset the group received more than once, as pairs of ranges. A
 * redelivery is excused only when a membership change provably lies between
 * the two receipts: after the earlier range's last arrival and before the
 * later one's first. A range's own arrivals are not told apart, so a pair
 * whose times interleave is never excused.
 */
export function redeliveries(evidence: ScenarioEvidence, label: string, ranges: readonly ReceivedRange[]): Redelivery[] {
  const marks = membershipMarks(evidence, label);
  const byPartition = new Map<string, ReceivedRange[]>();
  for (const r of ranges) {
    const key = `${r.topic}\u0000${r.partition}`;
    byPartition.set(key, [...(byPartition.get(key) ?? []), r]);
  }
  const found: Redelivery[] = [];
  for (const list of byPartition.values()) {
    const sorted = [...list].sort((a, b) => a.firstAt - b.firstAt || a.first - b.first);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [earlier, later] = [sorted[i]!, sorted[j]!];
        const offsets = overlap(earlier, later);
        if (!offsets) continue;
        const excused = marks.some((at) => at >= earlier.lastAt && at <= later.firstAt);
        found.push({ earlier, later, offsets, excused });
      }
    }
  }
  return found;
}

function describeRedelivery(r: Redelivery): string {
  return `p${r.later.partition} ${formatSpan(r.offsets)} to ${r.earlier.consumer} (by +${r.earlier.lastAt} ms) then ${r.later.consumer} (from +${r.later.firstAt} ms)`;
}

/** Duplicate: no offset reached the group twice unless a membership change came between the two receipts. */
export function noDuplicateOutsideMembershipChange(evidence: ScenarioEvidence, ref: GroupRef): Check {
  const name = `group ${ref.group} received no offset twice outside a membership change`;
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${ref.group}`);
  const ranges = rangesOf(group);
  if (ranges.length === 0) return judged(name, false, "expected deliveries to look at; the group received nothing");
  const all = redeliveries(evidence, ref.group, ranges);
  const unexcused = all.filter((r) => !r.excused);
  const excused = all.length - unexcused.length;
  return judged(
    name,
    unexcused.length === 0,
    unexcused.length === 0
      ? `${ranges.length} received ranges; ${excused === 0 ? "no offset received twice" : `${excused} redelivered span(s), each across a membership change`}`
      : `expected redelivery only across a membership change; received twice with none between: ${capped(unexcused.map(describeRedelivery))}`,
  );
}

/** Fully acknowledged: at the end the broker holds, for the group, a committed offset equal to the log-end offset of every partition. */
export function committedAtLogEnd(evidence: ScenarioEvidence, ref: GroupRef): Check {
  const name = `group ${ref.group} committed the log-end offset of every partition`;
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${ref.group}`);
  const partitions = logPartitions(evidence);
  const off = partitions.filter((p) => group.committed.find((c) => c.topic === p.topic && c.partition === p.partition)?.offset !== p.logEndOffset);
  return judged(
    name,
    partitions.length > 0 && off.length === 0,
    `expected ${partitions.map((p) => `p${p.partition}=${p.logEndOffset}`).join(", ")} (the log-end offsets); the broker reported ${formatCommitted(group.committed)}`,
  );
}

/** The producer's record is the log: the ranges the broker acknowledged cover 0 to each partition's log-end offset, each offset once. */
export function producedIsTheLog(evidence: ScenarioEvidence): Check {
  const name = "the offsets the broker acknowledged to the producer are exactly the log, 0 to the log end of every partition";
  const produced = evidence.producedRanges ?? [];
  if (produced.length === 0) return judged(name, false, "expected acknowledged ranges from the producer; the evidence has none");
  const problems: string[] = [];
  for (const p of logPartitions(evidence)) {
    const mine = onPartition(produced, p);
    const covered = union(mine);
    for (const hole of missing(covered, 0, p.logEndOffset)) problems.push(`p${p.partition} ${formatSpan(hole)} in the log but never acknowledged`);
    for (const s of covered.filter((s) => s.last >= p.logEndOffset)) problems.push(`p${p.partition} acknowledged up to ${s.last}, beyond the log end ${p.logEndOffset}`);
    const acked = mine.reduce((sum, s) => sum + s.last - s.first + 1, 0);
    const distinct = covered.reduce((sum, s) => sum + s.last - s.first + 1, 0);
    if (acked !== distinct) problems.push(`p${p.partition} has ${acked - distinct} offset(s) acknowledged twice`);
  }
  const total = produced.reduce((sum, s) => sum + s.last - s.first + 1, 0);
  return judged(
    name,
    problems.length === 0,
    problems.length === 0 ? `${total} acknowledged offsets, the whole log` : `expected the acknowledged ranges to be the log; ${capped(problems)}`,
  );
}

/** The broker's log holds exactly `count` messages, and every partition some of them. */
export function logHolds(evidence: ScenarioEvidence, count: number): Check {
  const partitions = logPartitions(evidence);
  const name = `the broker's log holds all ${count} messages, on every one of its ${partitions.length} partitions`;
  const total = partitions.reduce((sum, p) => sum + p.logEndOffset, 0);
  const empty = partitions.filter((p) => p.logEndOffset === 0);
  return judged(
    name,
    partitions.length > 0 && total === count && empty.length === 0,
    `expected ${count} in all, none of the partitions empty; the broker's log-end offsets are ${partitions.map((p) => `p${p.partition}=${p.logEndOffset}`).join(", ") || "none"} (${total} in all)`,
  );
}
