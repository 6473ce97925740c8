import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import type { Cell } from "./html-table.js";
import { byPartitionThenOffset, messageKey } from "./partition-order.js";

/** One message in the log, as the matrices list it. */
export interface LogRow {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  /** False for a message some consumer received that the run never produced: itself a finding. */
  produced: boolean;
}

/** Every produced message, and any received one that was not produced, by partition then offset. */
export function logRows(evidence: ScenarioEvidence): LogRow[] {
  const rows = new Map<string, LogRow>();
  for (const m of evidence.produced) rows.set(messageKey(m), { topic: m.topic, partition: m.partition, offset: m.offset, key: m.key, value: m.value, produced: true });
  for (const group of evidence.groups) {
    for (const m of group.received) {
      if (!rows.has(messageKey(m))) rows.set(messageKey(m), { topic: m.topic, partition: m.partition, offset: m.offset, key: m.key, value: m.value, produced: false });
    }
  }
  return [...rows.values()].sort(byPartitionThenOffset);
}

/** Whether a table needs a topic column: only when the run used more than one topic. */
export function usesSeveralTopics(evidence: ScenarioEvidence): boolean {
  return new Set(logRows(evidence).map((row) => row.topic)).size > 1;
}

/** The columns that say which message a row is; the topic only when the run used several. */
export function logRowHeaders(showTopic: boolean): string[] {
  return [...(showTopic ? ["Topic"] : []), "Partition", "Offset", "Key", "Value"];
}

export function logRowNumericColumns(showTopic: boolean): number[] {
  return showTopic ? [1, 2] : [0, 1];
}

/** A row's message as cells: a null key or value shows as a muted "null", a message nobody produced in red. */
export function logRowCells(row: LogRow, showTopic: boolean): Cell[] {
  const value: Cell = row.value === null ? { text: "null", className: "none" } : { text: row.value, className: "message-value" };
  const key: Cell = row.key === null ? { text: "null", className: "none" } : row.key;
  const offset: Cell = row.produced ? row.offset : { text: String(row.offset), className: "fail", title: "received but never produced in this run" };
  return [...(showTopic ? [row.topic] : []), row.partition, offset, key, value];
}
