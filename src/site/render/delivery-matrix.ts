import type { ScenarioEvidence, TopicPartitionRef } from "../../evidence/proof-result.js";
import { htmlTable, type Cell } from "./html-table.js";
import { logRowCells, logRowHeaders, logRowNumericColumns, logRows, type LogRow } from "./log-rows.js";
import { messageKey } from "./partition-order.js";

export interface DeliveryColumn {
  consumer: string;
  /** The consumer's group label. */
  group: string;
}

export interface DeliveryRow extends LogRow {
  /** How many times each consumer (by column) received this message: 0, 1, or more for a duplicate. */
  receipts: number[];
}

/** Who received what: every message in the log against every consumer of the run. */
export interface DeliveryMatrix {
  columns: DeliveryColumn[];
  rows: DeliveryRow[];
}

/** The column of a group none of whose consumers received anything: it is shown empty, not left out. */
export const NO_CONSUMER = "no consumer";

export function deliveryMatrix(evidence: ScenarioEvidence): DeliveryMatrix {
  const columns: DeliveryColumn[] = [];
  for (const group of evidence.groups) {
    for (const message of group.received) {
      if (!columns.some((c) => c.consumer === message.consumer && c.group === group.label)) columns.push({ consumer: message.consumer, group: group.label });
    }
    if (group.received.length === 0) columns.push({ consumer: NO_CONSUMER, group: group.label });
  }
  const receipts = new Map<string, number>();
  for (const group of evidence.groups) {
    for (const m of group.received) {
      const key = receiptKey({ consumer: m.consumer, group: group.label }, m);
      receipts.set(key, (receipts.get(key) ?? 0) + 1);
    }
  }
  const rows = logRows(evidence).map((row) => ({ ...row, receipts: columns.map((column) => receipts.get(receiptKey(column, row)) ?? 0) }));
  return { columns, rows };
}

export function renderDeliveryMatrix(matrix: DeliveryMatrix, options: { showTopic: boolean }): string {
  if (matrix.columns.length === 0) return '<p class="evidence-empty">No consumer group took part in this run.</p>';
  const consumerHeaders = matrix.columns.map((c) => `${c.consumer} (group ${c.group})`);
  return htmlTable({
    className: "delivery",
    headers: [...logRowHeaders(options.showTopic), ...consumerHeaders],
    numeric: logRowNumericColumns(options.showTopic),
    rows: matrix.rows.map((row) => [...logRowCells(row, options.showTopic), ...row.receipts.map(receiptCell)]),
  });
}

function receiptKey(column: DeliveryColumn, message: LogRow | (TopicPartitionRef & { offset: number })): string {
  return JSON.stringify([column.group, column.consumer, messageKey(message)]);
}

function receiptCell(count: number): Cell {
  if (count === 0) return { text: "", className: "none" };
  if (count === 1) return { text: "✓", className: "got" };
  return { text: `✓×${count}`, className: "dup", title: `received ${count} times` };
}
