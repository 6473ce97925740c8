import { formatSpan, union } from "../checks/spans.js";
import { partitionId, verdict, type CampaignAnomaly, type CheckerVerdict } from "./finding.js";
import { KIND, type HistoryColumns } from "./history.js";

type Log = HistoryColumns["logs"][number];

/**
 * No acknowledged write missing from the log: every write the broker acknowledged at an offset is, after the heal,
 * in the log at that offset. Writes are compared by value, not by offset alone: after an unclean leader election the
 * new leader's log is shorter, and later writes take the offsets the lost ones had, so an offset that is "there" may
 * hold another record. An acknowledged value found at another offset is reported apart (its acknowledgement named
 * the wrong offset); one found nowhere is lost. Writes that failed or had no answer are not judged: either outcome
 * is allowed for them.
 *
 * Linear: one look-up per acknowledgement, and one scan of a partition's log only when it has a mismatch to explain.
 */
export function acknowledgedWritesInLog(h: HistoryColumns): CheckerVerdict {
  const nameIds = new Map(h.names.map((n, i) => [n, i]));
  const logs = new Map<number, Log>();
  for (const log of h.logs) {
    const topic = nameIds.get(log.topic);
    if (topic !== undefined) logs.set(partitionId(topic, log.partition), log);
  }
  const anomalies: CampaignAnomaly[] = [];
  const unread = new Set<number>();
  /** Per partition with mismatches: value → the acknowledgement's operation, to look for in one scan. */
  const mismatched = new Map<number, Map<number, number>>();
  const ack = KIND["produce-ack"];
  let checked = 0;
  for (let i = 0; i < h.length; i++) {
    if (h.kind[i] !== ack) continue;
    checked++;
    const [topic, partition, value, offset] = [h.b[i]!, h.c[i]!, h.d[i]!, h.e[i]!];
    const id = partitionId(topic, partition);
    const log = logs.get(id);
    if (!log) {
      if (!unread.has(id)) {
        unread.add(id);
        anomalies.push({
          kind: "unread-partition",
          detail: `${h.names[topic]}/${partition} holds acknowledged writes but was never read after the heal`,
          op: i,
          at: h.at[i]!,
          topic: h.names[topic]!,
          partition,
        });
      }
      continue;
    }
    if (log.values[offset - log.logStart] === value) continue;
    const wanted = mismatched.get(id) ?? mismatched.set(id, new Map()).get(id)!;
    wanted.set(value, i);
  }
  for (const [id, wanted] of mismatched) anomalies.push(...explain(h, logs.get(id)!, wanted));
  return verdict("every acknowledged write is in the log at its acknowledged offset after the heal", checked, anomalies);
}

function explain(h: HistoryColumns, log: Log, wanted: ReadonlyMap<number, number>): CampaignAnomaly[] {
  const foundAt = new Map<number, number>();
  log.values.forEach((v, i) => {
    if (wanted.has(v) && !foundAt.has(v)) foundAt.set(v, log.logStart + i);
  });
  const logEnd = log.logStart + log.values.length;
  const found: CampaignAnomaly[] = [];
  for (const [value, op] of wanted) {
    const offset = h.e[op]!;
    const place = { op, at: h.at[op]!, topic: log.topic, partition: log.partition, offset };
    const where = `${log.topic}/${log.partition}@${offset} (value ${value}, acknowledged at ${h.at[op]} ms)`;
    const elsewhere = foundAt.get(value);
    if (elsewhere !== undefined) {
      found.push({ kind: "moved-acknowledged", detail: `${where} is in the log at offset ${elsewhere} instead`, ...place });
      continue;
    }
    const now = log.values[offset - log.logStart];
    const why =
      offset >= logEnd
        ? `beyond the log end ${logEnd}`
        : offset < log.logStart
          ? `below the log start ${log.logStart}`
          : `the offset now holds ${now === -1 ? "a record the campaign did not write" : `value ${now}`}`;
    found.push({ kind: "lost-acknowledged", detail: `${where} is not in the log: ${why}`, ...place });
  }
  return found.sort((a, b) => a.offset! - b.offset!);
}

/** "t/0 100–199 (100); t/2 7 (1)": lost acknowledged offsets by partition, as runs, for a verdict's summary and the control's report. */
export function lostByPartition(v: CheckerVerdict): string {
  const byPartition = new Map<string, { first: number; last: number }[]>();
  for (const a of v.anomalies) {
    if (a.kind !== "lost-acknowledged" || a.offset === undefined) continue;
    const key = `${a.topic}/${a.partition}`;
    (byPartition.get(key) ?? byPartition.set(key, []).get(key)!).push({ first: a.offset, last: a.offset });
  }
  return [...byPartition].map(([p, offsets]) => `${p} ${union(offsets).map(formatSpan).join(", ")}`).join("; ") || "none";
}
