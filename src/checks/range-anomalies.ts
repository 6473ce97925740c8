import type { ReceivedRange, ScenarioEvidence } from "../evidence/proof-result.js";
import type { Anomaly } from "./anomaly.js";
import { redeliveries } from "./accounting.js";
import { groupOf, membershipMarks, rangesOf } from "./evidence-queries.js";
import { formatSpan, missing, union } from "./spans.js";

/**
 * The anomalies of `anomalies.ts`, judged on received ranges (a group whose
 * consumers recorded `record: "ranges"`): the same definitions, read off runs
 * of offsets instead of single deliveries.
 */
export function rangeAnomalies(evidence: ScenarioEvidence, label: string): Anomaly[] {
  const group = groupOf(evidence, { group: label });
  if (!group) return [];
  const ranges = rangesOf(group);
  return [...lost(ranges), ...duplicates(evidence, label, ranges), ...steps(evidence, label, ranges), ...commitsAhead(ranges, group.committed)];
}

function byKey(ranges: readonly ReceivedRange[], key: (r: ReceivedRange) => string): ReceivedRange[][] {
  const groups = new Map<string, ReceivedRange[]>();
  for (const r of ranges) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.values()];
}

/** Lost write: offsets between the lowest and the highest the group received on a partition that it never received. */
function lost(ranges: readonly ReceivedRange[]): Anomaly[] {
  return byKey(ranges, (r) => `${r.topic}\u0000${r.partition}`).flatMap((list) => {
    const covered = union(list);
    const holes = missing(covered, covered[0]!.first, covered[covered.length - 1]!.last + 1);
    return holes.map((hole) => ({ kind: "lost" as const, detail: `p${list[0]!.partition} ${formatSpan(hole)} never received between received offsets` }));
  });
}

function duplicates(evidence: ScenarioEvidence, label: string, ranges: readonly ReceivedRange[]): Anomaly[] {
  return redeliveries(evidence, label, ranges)
    .filter((r) => !r.excused)
    .map((r) => ({
      kind: "duplicate" as const,
      detail: `p${r.later.partition} ${formatSpan(r.offsets)} delivered twice while membership was stable (${r.earlier.consumer} then ${r.later.consumer})`,
    }));
}

/** Skip and backwards: one consumer's next range on a partition, with no membership change since its previous one, must go on from it. */
function steps(evidence: ScenarioEvidence, label: string, ranges: readonly ReceivedRange[]): Anomaly[] {
  const marks = membershipMarks(evidence, label);
  const found: Anomaly[] = [];
  for (const list of byKey(ranges, (r) => `${r.consumer}\u0000${r.topic}\u0000${r.partition}`)) {
    const sorted = [...list].sort((a, b) => a.firstAt - b.firstAt || a.first - b.first);
    for (let i = 1; i < sorted.length; i++) {
      const [previous, next] = [sorted[i - 1]!, sorted[i]!];
      if (marks.some((at) => at >= previous.lastAt && at <= next.firstAt)) continue;
      const where = `${next.consumer} on p${next.partition}: ${previous.last} then ${next.first}`;
      if (next.first > previous.last + 1) found.push({ kind: "skip", detail: where });
      else if (next.first <= previous.last) found.push({ kind: "backwards", detail: where });
    }
  }
  return found;
}

function commitsAhead(ranges: readonly ReceivedRange[], committed: readonly { topic: string; partition: number; offset: number | null }[]): Anomaly[] {
  return committed.flatMap((c) => {
    if (c.offset === null) return [];
    const top = Math.max(-1, ...ranges.filter((r) => r.topic === c.topic && r.partition === c.partition).map((r) => r.last));
    return c.offset > top + 1 ? [{ kind: "commit-ahead" as const, detail: `p${c.partition} committed at ${c.offset}, but the group received only up to ${top}` }] : [];
  });
}
