import type { GroupEvidence, ScenarioEvidence, TopicPartitionRef } from "../../evidence/proof-result.js";
import { DESCRIBE_COLUMNS, describeCells, type DescribeRow } from "../../evidence/describe-row.js";
import { htmlTable } from "./html-table.js";
import { byPartitionThenOffset } from "./partition-order.js";

/** One line of `kafka-consumer-groups --describe`, as the broker reported it in the run. */
export type OffsetRow = DescribeRow;
export const OFFSET_COLUMNS = DESCRIBE_COLUMNS;

/** Every partition of every topic, for each group in the run, in the CLI's order. */
export function offsetRows(evidence: ScenarioEvidence): OffsetRow[] {
  const logEnds = new Map(evidence.topics.flatMap((topic) => topic.partitions.map((p) => [key(topic.name, p.partition), p.logEndOffset] as const)));
  return evidence.groups.flatMap((group) => partitionsOf(evidence, group).map((tp) => row(group, tp, logEnds.get(key(tp.topic, tp.partition)) ?? null)));
}

/** The row's cells as the CLI prints them: `-` where nothing is known. */
export const offsetCells = describeCells;

export function renderOffsetTable(rows: readonly OffsetRow[]): string {
  return htmlTable({
    className: "offsets",
    headers: OFFSET_COLUMNS,
    rows: rows.map((row) => offsetCells(row).map((text, column) => ({ text, className: text === "-" && column >= 3 ? "none" : undefined }))),
    numeric: [2, 3, 4, 5],
  });
}

function row(group: GroupEvidence, tp: TopicPartitionRef, logEndOffset: number | null): OffsetRow {
  const currentOffset = group.committed.find((c) => c.topic === tp.topic && c.partition === tp.partition)?.offset ?? null;
  const owner = group.members.find((m) => m.assignment.some((a) => a.topic === tp.topic && a.partition === tp.partition));
  return {
    group: group.groupId,
    topic: tp.topic,
    partition: tp.partition,
    currentOffset,
    logEndOffset,
    lag: currentOffset === null || logEndOffset === null ? null : logEndOffset - currentOffset,
    consumerId: owner?.memberId ?? null,
    clientId: owner?.clientId ?? null,
  };
}

/** The run's partitions plus any the group has a commit for, once each. */
function partitionsOf(evidence: ScenarioEvidence, group: GroupEvidence): TopicPartitionRef[] {
  const all = new Map<string, TopicPartitionRef>();
  for (const topic of evidence.topics) for (const p of topic.partitions) all.set(key(topic.name, p.partition), { topic: topic.name, partition: p.partition });
  for (const c of group.committed) all.set(key(c.topic, c.partition), { topic: c.topic, partition: c.partition });
  return [...all.values()].sort(byPartitionThenOffset);
}

function key(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}
