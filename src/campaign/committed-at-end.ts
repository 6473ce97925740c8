import { partitionId, verdict, type CampaignAnomaly, type CheckerVerdict } from "./finding.js";
import { KIND, type HistoryColumns } from "./history.js";

/** A consumer group of the campaign and the topics it reads. */
export interface ConsumerGroupPlan {
  group: string;
  topics: readonly string[];
}

/**
 * After the heal every group reads to the end and commits: the committed offset the broker holds for each of its
 * partitions equals that partition's log end, both as read after the heal (the last reading of each, if read more
 * than once). Behind is work the group never finished; ahead is a commit of records that do not exist.
 */
export function committedAtLogEnd(h: HistoryColumns, plan: ConsumerGroupPlan): CheckerVerdict {
  const groupId = h.names.indexOf(plan.group);
  const topics = new Set(plan.topics.map((t) => h.names.indexOf(t)));
  const ends = new Map<number, number>();
  const committed = new Map<number, number>();
  const [logEnd, reading] = [KIND["log-end"], KIND.committed];
  for (let i = 0; i < h.length; i++) {
    if (h.kind[i] === logEnd && topics.has(h.b[i]!)) ends.set(partitionId(h.b[i]!, h.c[i]!), i);
    else if (h.kind[i] === reading && h.a[i] === groupId) committed.set(partitionId(h.b[i]!, h.c[i]!), i);
  }
  const anomalies: CampaignAnomaly[] = [];
  for (const [id, endOp] of ends) {
    const [topic, partition, end] = [h.names[h.b[endOp]!]!, h.c[endOp]!, h.f[endOp]!];
    const op = committed.get(id);
    const offset = op === undefined ? -1 : h.e[op]!;
    if (offset === end) continue;
    const held = op === undefined ? "no reading of its committed offset" : offset < 0 ? "no committed offset" : `committed ${offset}`;
    anomalies.push({
      kind: "committed-not-at-log-end",
      detail: `group ${plan.group} on ${topic}/${partition}: expected committed ${end} (the log end); the broker reported ${held}`,
      op: op ?? endOp,
      at: h.at[op ?? endOp]!,
      group: plan.group,
      topic,
      partition,
      ...(offset >= 0 ? { offset } : {}),
    });
  }
  if (ends.size === 0)
    anomalies.push({
      kind: "committed-not-at-log-end",
      detail: `group ${plan.group}: no log end of ${plan.topics.join(", ")} was read after the heal, so nothing can be compared`,
      group: plan.group,
    });
  return verdict(`group ${plan.group} committed the log end of every partition after the heal`, ends.size, anomalies);
}
