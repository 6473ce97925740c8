import type { AcknowledgeType, ScenarioEvidence, ShareDelivery } from "../../evidence/proof-result.js";
import { htmlTable, type Cell } from "./html-table.js";
import { logRowCells, logRowHeaders, logRowNumericColumns, logRows, type LogRow } from "./log-rows.js";
import { messageKey } from "./partition-order.js";

/**
 * Share groups (KIP-932) on a page: every record against every member of a
 * share group, each cell the record's deliveries to that member as the broker
 * numbered them and how each was acknowledged ("1 released · 2 accepted"); then
 * what the broker held for each share group when the evidence was read.
 */

const SETTLED: Record<AcknowledgeType, string> = { accept: "accepted", release: "released", reject: "rejected" };

export interface ShareColumn {
  consumer: string;
  /** The consumer's share group label. */
  group: string;
}

export interface ShareRow extends LogRow {
  /** Per column, the deliveries of this record to that member, in arrival order. */
  deliveries: ShareDelivery[][];
}

export interface ShareDeliveryTable {
  columns: ShareColumn[];
  rows: ShareRow[];
}

export function shareDeliveryTable(evidence: ScenarioEvidence): ShareDeliveryTable {
  const groups = evidence.shareGroups ?? [];
  const columns: ShareColumn[] = [];
  for (const group of groups) {
    for (const d of group.deliveries) if (!columns.some((c) => c.consumer === d.consumer)) columns.push({ consumer: d.consumer, group: group.label });
  }
  for (const consumer of evidence.consumers.filter((c) => c.kind === "share")) {
    if (!columns.some((c) => c.consumer === consumer.name)) columns.push({ consumer: consumer.name, group: consumer.group });
  }
  const all = groups.flatMap((g) => g.deliveries);
  const rows = logRows(evidence).map((row) => ({
    ...row,
    deliveries: columns.map((column) => all.filter((d) => d.consumer === column.consumer && messageKey(d) === messageKey(row))),
  }));
  return { columns, rows };
}

export function renderShareDeliveries(evidence: ScenarioEvidence, options: { showTopic: boolean }): string {
  const table = shareDeliveryTable(evidence);
  if (table.columns.length === 0) return "";
  const deliveries = htmlTable({
    className: "share-deliveries",
    headers: [...logRowHeaders(options.showTopic), ...table.columns.map((c) => `${c.consumer} (share group ${c.group})`)],
    numeric: logRowNumericColumns(options.showTopic),
    rows: table.rows.map((row) => [...logRowCells(row, options.showTopic), ...row.deliveries.map(deliveryCell)]),
  });
  const state = htmlTable({
    className: "share-state",
    headers: ["Share group", "State", "Members", "Partition", "Start offset", "Lag"],
    numeric: [3, 4, 5],
    rows: (evidence.shareGroups ?? []).flatMap((g) => {
      const members = g.members.map((m) => m.clientId).join(", ") || "none";
      const partitions = g.partitions.length > 0 ? g.partitions : [null];
      return partitions.map((p) => [g.label, g.state, members, p?.partition ?? "-", p?.startOffset ?? "-", p?.lag ?? "-"]);
    }),
  });
  return `<p class="evidence-note">Deliveries to share consumers, numbered by the broker, and how each was acknowledged:</p>\n${deliveries}\n<p class="evidence-note">What the broker held for each share group when the evidence was read (every record below the start offset is done; lag counts the records at or above it still to be acknowledged or archived):</p>\n${state}`;
}

function deliveryCell(deliveries: readonly ShareDelivery[]): Cell {
  if (deliveries.length === 0) return { text: "", className: "none" };
  const text = deliveries.map((d) => `${d.deliveryCount} ${d.acknowledgement ? SETTLED[d.acknowledgement.type] : "held"}`).join(" · ");
  const refused = deliveries.filter((d) => d.acknowledgement?.error);
  if (refused.length > 0) return { text, className: "fail", title: refused.map((d) => `delivery ${d.deliveryCount}: ${d.acknowledgement?.error}`).join("; ") };
  return { text, className: deliveries.length > 1 ? "dup" : "got", title: `delivered ${deliveries.length} time(s)` };
}
