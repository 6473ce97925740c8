import type { Check, ReceivedMessage, ScenarioEvidence } from "../evidence/proof-result.js";
import type { GroupRef } from "../evidence/refs.js";
import { groupOf, listMessages, membershipMarks, messageKey, presentGroup, rangesOf, receivedAnything } from "./evidence-queries.js";
import type { Anomaly } from "./anomaly.js";
import { rangeAnomalies } from "./range-anomalies.js";
import { inconclusive, judged } from "./outcome.js";

/**
 * Consumption anomalies within one group, after Jepsen's Kafka checker. The
 * group's deliveries are judged against what was produced and against the
 * group's membership history: events that change who owns what (a member
 * joining, leaving or crashing, an offset reset, a broker restart) open a
 * window in which redelivery is expected; outside such windows it is not.
 *
 * Every function returns the anomalies it found; `noAnomalies` turns them into checks.
 */

export type { Anomaly } from "./anomaly.js";

/** Membership-changing moments for the group (a broker restart changes every group's), in time order. */
function boundaries(evidence: ScenarioEvidence, label: string): number[] {
  return membershipMarks(evidence, label).sort((a, b) => a - b);
}

/** Whether a mark falls in [from, to]: the first mark at or after `from` is at or before `to` (marks sorted; one search per delivery, not a scan). */
function changedBetween(marks: readonly number[], from: number, to: number): boolean {
  let low = 0;
  let high = marks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (marks[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return low < marks.length && marks[low]! <= to;
}

function deliveries(evidence: ScenarioEvidence, label: string): ReceivedMessage[] {
  return [...(groupOf(evidence, { group: label })?.received ?? [])].sort((a, b) => a.at - b.at);
}

/** Lost write: a produced message the group never received, although it received both earlier and later offsets of that partition. */
export function lostWrites(evidence: ScenarioEvidence, label: string): Anomaly[] {
  const got = groupOf(evidence, { group: label })?.received ?? [];
  const seen = new Set(got.map(messageKey));
  // The lowest and highest offset received of each partition, in one pass: a check over a large run must not be quadratic.
  const span = new Map<string, { min: number; max: number }>();
  for (const r of got) {
    const key = `${r.topic}\u0000${r.partition}`;
    const known = span.get(key);
    if (!known) span.set(key, { min: r.offset, max: r.offset });
    else {
      known.min = Math.min(known.min, r.offset);
      known.max = Math.max(known.max, r.offset);
    }
  }
  const lost = evidence.produced.filter((m) => {
    const received = span.get(`${m.topic}\u0000${m.partition}`);
    return received !== undefined && m.offset > received.min && m.offset < received.max && !seen.has(messageKey(m));
  });
  return lost.length === 0 ? [] : [{ kind: "lost", detail: `${lost.length} never received between received offsets: ${listMessages(lost)}` }];
}

/** Duplicate: the same message delivered to the group twice with no membership change in between. */
export function duplicatesOutsideRebalance(evidence: ScenarioEvidence, label: string): Anomaly[] {
  const marks = boundaries(evidence, label);
  const last = new Map<string, ReceivedMessage>();
  const found: string[] = [];
  for (const m of deliveries(evidence, label)) {
    const previous = last.get(messageKey(m));
    if (previous && !changedBetween(marks, previous.at, m.at)) found.push(`${messageKey(m)} to ${previous.consumer} then ${m.consumer}`);
    last.set(messageKey(m), m);
  }
  return found.map((detail) => ({ kind: "duplicate" as const, detail: `delivered twice while membership was stable: ${detail}` }));
}

/** Per consumer and partition, consecutive deliveries in a stable stretch must be consecutive offsets. */
function steps(
  evidence: ScenarioEvidence,
  label: string,
  judge: (from: number, to: number, partition: { topic: string; partition: number }) => string | undefined,
  kind: Anomaly["kind"],
): Anomaly[] {
  const marks = boundaries(evidence, label);
  const last = new Map<string, ReceivedMessage>();
  const found: Anomaly[] = [];
  for (const m of deliveries(evidence, label)) {
    const key = `${m.consumer}\u0000${m.topic}\u0000${m.partition}`;
    const previous = last.get(key);
    last.set(key, m);
    if (!previous || changedBetween(marks, previous.at, m.at)) continue;
    const problem = judge(previous.offset, m.offset, m);
    if (problem) found.push({ kind, detail: `${m.consumer} on p${m.partition}: ${problem}` });
  }
  return found;
}

/**
 * Skip: within a stable stretch, a consumer's next offset on a partition jumped past a record it never got. An
 * offset that holds no record the scenario wrote is no skip: a transaction's commit or abort marker takes an offset
 * that no consumer is given.
 */
export function skips(evidence: ScenarioEvidence, label: string): Anomaly[] {
  const written = writtenOffsets(evidence);
  return steps(
    evidence,
    label,
    (from, to, partition) => {
      for (let offset = from + 1; offset < to; offset++) if (written(partition, offset)) return `${from} then ${to}`;
      return undefined;
    },
    "skip",
  );
}

/** Whether the scenario wrote a record at this offset: produced one by one, in bulk ranges, or in a transaction. */
function writtenOffsets(evidence: ScenarioEvidence): (partition: { topic: string; partition: number }, offset: number) => boolean {
  const one = new Set(evidence.produced.map(messageKey));
  for (const e of evidence.timeline) {
    if (e.event === "produce" && typeof e.transactionRequest === "number" && typeof e.topic === "string" && typeof e.partition === "number" && typeof e.offset === "number")
      one.add(messageKey({ topic: e.topic, partition: e.partition, offset: e.offset }));
  }
  const ranges = evidence.producedRanges ?? [];
  return ({ topic, partition }, offset) =>
    one.has(messageKey({ topic, partition, offset })) || ranges.some((r) => r.topic === topic && r.partition === partition && offset >= r.first && offset <= r.last);
}

/** Backwards: within a stable stretch, a consumer's next offset on a partition was not after the last one. */
export function backwards(evidence: ScenarioEvidence, label: string): Anomaly[] {
  return steps(evidence, label, (from, to) => (to <= from ? `${from} then ${to}` : undefined), "backwards");
}

/**
 * Commit ahead: an acknowledgement of messages the group had not received. Judged on every commit the
 * timeline records, against what the group had received by the time of that commit (a commit later
 * overtaken by deliveries is still one made ahead of them), and on the offsets the broker holds at the end.
 */
export function commitsAhead(evidence: ScenarioEvidence, label: string): Anomaly[] {
  const group = groupOf(evidence, { group: label });
  if (!group || wasReset(evidence, label)) return [];
  // Per partition, the deliveries in time order: each commit is judged by a binary search, not a scan. They are
  // recorded as they arrive, so sorting is only needed where they were not.
  const received = group.received.every((m, i) => i === 0 || group.received[i - 1]!.at <= m.at) ? group.received : [...group.received].sort((a, b) => a.at - b.at);
  const byPartition = new Map<string, { at: number[]; next: number[] }>();
  for (const m of received) {
    const key = `${m.topic}\u0000${m.partition}`;
    const known = byPartition.get(key) ?? byPartition.set(key, { at: [], next: [] }).get(key)!;
    known.at.push(m.at);
    known.next.push(Math.max(known.next.at(-1) ?? 0, m.offset + 1));
  }
  const receivedBy = (topic: string, partition: number, at: number): number => {
    const known = byPartition.get(`${topic}\u0000${partition}`);
    if (!known) return 0;
    let [low, high] = [0, known.at.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (known.at[middle]! <= at) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? 0 : known.next[low - 1]!;
  };
  const found: Anomaly[] = [];
  for (const e of evidence.timeline) {
    if (e.event !== "commit" || e.group !== label || typeof e.topic !== "string" || typeof e.partition !== "number" || typeof e.offset !== "number") continue;
    const next = receivedBy(e.topic, e.partition, e.at);
    if (e.offset > next)
      found.push({ kind: "commit-ahead", detail: `${e.actor} committed p${e.partition} at ${e.offset} (${e.at} ms), when the group had received only up to ${next - 1}` });
  }
  for (const c of group.committed) {
    if (c.offset === null) continue;
    const next = receivedBy(c.topic, c.partition, Number.POSITIVE_INFINITY);
    if (c.offset > next) found.push({ kind: "commit-ahead", detail: `p${c.partition} committed at ${c.offset}, but the group received only up to ${next - 1}` });
  }
  return found;
}

function wasReset(evidence: ScenarioEvidence, label: string): boolean {
  return evidence.timeline.some((e) => e.event === "reset" && e.group === label);
}

export const ANOMALY_CHECKERS = { lostWrites, duplicatesOutsideRebalance, skips, backwards, commitsAhead } as const;

/**
 * One check per group in the evidence: none of the anomalies above. A group
 * that received nothing has nothing to judge, which fails: every group a
 * scenario makes is there to receive.
 */
export function noAnomalies(evidence: ScenarioEvidence, labels: readonly string[] = evidence.groups.map((g) => g.label)): Check[] {
  return labels.map((label) => {
    const name = `group ${label}: no lost write, duplicate outside a rebalance, skip, step backwards or commit ahead`;
    const group = presentGroup(evidence, { group: label });
    if (!group) return inconclusive(name, `group ${label}`);
    if (!receivedAnything(group)) return judged(name, false, "expected deliveries to check; the group received nothing");
    // A group recorded as ranges is judged on its ranges (a reset group's commits may run ahead of what it received, as in `commitsAhead`).
    const ranged = (group.receivedRanges?.length ?? 0) > 0;
    const found = ranged
      ? rangeAnomalies(evidence, label).filter((a) => a.kind !== "commit-ahead" || !wasReset(evidence, label))
      : Object.values(ANOMALY_CHECKERS).flatMap((checker) => checker(evidence, label));
    return judged(
      name,
      found.length === 0,
      found.length === 0
        ? ranged
          ? `${rangesOf(group).length} received ranges checked`
          : `${group.received.length} deliveries checked`
        : `expected no anomalies; found ${found
            .map((a) => `${a.kind}: ${a.detail}`)
            .slice(0, 5)
            .join("; ")}${found.length > 5 ? ` and ${found.length - 5} more` : ""}`,
    );
  });
}

/** The five anomaly checkers as separate checks for one group, by checker, for proofs about anomalies themselves. */
export function anomalyChecks(evidence: ScenarioEvidence, ref: GroupRef): Record<keyof typeof ANOMALY_CHECKERS, Check> {
  const label = ref.group;
  const names: Record<keyof typeof ANOMALY_CHECKERS, string> = {
    lostWrites: "no lost write",
    duplicatesOutsideRebalance: "no duplicate outside a rebalance or crash",
    skips: "no skipped offset while membership is stable",
    backwards: "no step backwards while membership is stable",
    commitsAhead: "no committed offset ahead of what was received",
  };
  const group = presentGroup(evidence, ref);
  const one = (key: keyof typeof ANOMALY_CHECKERS): Check => {
    const name = `group ${label}: ${names[key]}`;
    if (!group) return inconclusive(name, `group ${label}`);
    if (group.received.length === 0) return judged(name, false, "expected deliveries to check; the group received nothing");
    const found = ANOMALY_CHECKERS[key](evidence, label);
    return judged(
      name,
      found.length === 0,
      found.length === 0
        ? `none in ${group.received.length} deliveries`
        : `expected none; found ${found.length}: ${found
            .slice(0, 3)
            .map((a) => a.detail)
            .join("; ")}`,
    );
  };
  return {
    lostWrites: one("lostWrites"),
    duplicatesOutsideRebalance: one("duplicatesOutsideRebalance"),
    skips: one("skips"),
    backwards: one("backwards"),
    commitsAhead: one("commitsAhead"),
  };
}
