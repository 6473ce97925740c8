import type { GroupEvidence, ScenarioEvidence, TopicPartitionRef } from "../../evidence/proof-result.js";
import { DESCRIBE_COLUMNS, describeCells, lagOf, type DescribeRow } from "../../evidence/describe-row.js";
import { escapeHtml } from "../escape.js";
import { formatDuration } from "./format.js";
import { htmlTable } from "./html-table.js";
import { byPartitionThenOffset } from "./partition-order.js";

/** One line of `kafka-consumer-groups --describe`, as the broker reported it in the run. */
export type OffsetRow = DescribeRow;
export const OFFSET_COLUMNS = DESCRIBE_COLUMNS;
/** The columns of `kafka-consumer-groups --describe --state` the run recorded (not the coordinator, nor the assignment strategy). */
export const STATE_COLUMNS = ["GROUP", "STATE", "#MEMBERS"] as const;

/** One group as `--describe` shows it: its state and members when the run read it, then its partitions. */
export interface DescribedGroup {
  groupId: string;
  state: string;
  members: number;
  /** When the run asked the broker: ms on the timeline's clock. */
  describedAt: number;
  rows: OffsetRow[];
}

/** Each group of the run, in the run's order, with every partition in the CLI's order. */
export function describedGroups(evidence: ScenarioEvidence): DescribedGroup[] {
  const logEnds = new Map(evidence.topics.flatMap((topic) => topic.partitions.map((p) => [key(topic.name, p.partition), p.logEndOffset] as const)));
  return evidence.groups.map((group) => ({
    groupId: group.groupId,
    state: group.state,
    members: group.members.length,
    describedAt: group.describedAt,
    rows: partitionsOf(evidence, group).map((tp) => row(group, tp, logEnds.get(key(tp.topic, tp.partition)) ?? null)),
  }));
}

/** Every partition of every topic, for each group in the run, in the CLI's order. */
export function offsetRows(evidence: ScenarioEvidence): OffsetRow[] {
  return describedGroups(evidence).flatMap((group) => group.rows);
}

/** The row's cells as the CLI prints them: `-` where nothing is known. */
export const offsetCells = describeCells;

/**
 * Each group as the CLI shows it: a line of `--describe --state` (state and number of
 * members), the tool's own note when the group has no active members, then its partitions.
 */
export function renderOffsetTables(groups: readonly DescribedGroup[]): string {
  return groups.map(renderGroup).join("\n");
}

function renderGroup(group: DescribedGroup): string {
  const state = htmlTable({ className: "group-state", headers: STATE_COLUMNS, rows: [[group.groupId, group.state, group.members]], numeric: [2] });
  // The tool prints this instead of member columns for such a group (ConsumerGroupCommand); its offsets follow all the same.
  const note = group.members === 0 ? `<p class="describe-note">Consumer group '${escapeHtml(group.groupId)}' has no active members.</p>\n` : "";
  return [
    `<div class="describe-group" data-group="${escapeHtml(group.groupId)}">`,
    state,
    `<p class="describe-when">As the broker described the group ${formatDuration(group.describedAt)} into the run.</p>`,
    `${note}${renderOffsetTable(group.rows)}`,
    `</div>`,
  ].join("\n");
}

export function renderOffsetTable(rows: readonly OffsetRow[]): string {
  const hostColumn = OFFSET_COLUMNS.indexOf("HOST");
  return htmlTable({
    className: "offsets",
    headers: OFFSET_COLUMNS,
    rows: rows.map((row) =>
      offsetCells(row).map((text, column) => {
        // A member without a host: results recorded before the host was kept. Said, not left to look like "no member".
        if (column === hostColumn && row.consumerId !== null && row.host === null) return { text, className: "none", title: "not recorded in this run's results" };
        return { text, className: text === "-" && column >= 3 ? "none" : undefined };
      }),
    ),
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
    lag: lagOf({ currentOffset, logEndOffset }),
    consumerId: owner?.memberId ?? null,
    host: owner?.host ?? null,
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
