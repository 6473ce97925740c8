import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { deliveryMatrix, renderDeliveryMatrix, type DeliveryColumn, type DeliveryRow } from "./delivery-matrix.js";
import { htmlTable } from "./html-table.js";

/**
 * Above this many messages a page shows who received what per partition, plus
 * every message that stands out, instead of one row per message: thousands of
 * rows would bury the few that matter (and make the page too heavy to open).
 */
export const PER_MESSAGE_LIMIT = 100;

export interface PartitionDelivery {
  topic: string;
  partition: number;
  /** The offsets the run produced on the partition, lowest and highest; null if it produced none there. */
  offsets: { first: number; last: number } | null;
  produced: number;
  /** Per consumer (by column): distinct messages received from the partition, and receipts beyond the first. */
  consumers: { received: number; duplicates: number }[];
}

/** Who received what, per partition, and the messages that stand out. */
export interface DeliverySummary {
  columns: DeliveryColumn[];
  partitions: PartitionDelivery[];
  /**
   * Messages some group that received anything did not receive, messages a
   * consumer received more than once, and messages received but never produced.
   */
  notable: DeliveryRow[];
}

export function deliverySummary(evidence: ScenarioEvidence): DeliverySummary {
  const { columns, rows } = deliveryMatrix(evidence);
  const partitions = new Map<string, PartitionDelivery>();
  for (const row of rows) {
    const key = `${row.topic}/${row.partition}`;
    const entry = partitions.get(key) ?? { topic: row.topic, partition: row.partition, offsets: null, produced: 0, consumers: columns.map(() => ({ received: 0, duplicates: 0 })) };
    if (row.produced) {
      entry.produced += 1;
      entry.offsets = { first: Math.min(entry.offsets?.first ?? row.offset, row.offset), last: Math.max(entry.offsets?.last ?? row.offset, row.offset) };
    }
    row.receipts.forEach((count, c) => {
      if (count > 0) entry.consumers[c]!.received += 1;
      entry.consumers[c]!.duplicates += Math.max(0, count - 1);
    });
    partitions.set(key, entry);
  }
  const groups = [...new Set(columns.map((c) => c.group))];
  const missedBySomeGroup = (row: DeliveryRow) => groups.some((group) => columns.every((c, i) => c.group !== group || row.receipts[i] === 0));
  const notable = rows.filter((row) => !row.produced || row.receipts.some((count) => count > 1) || missedBySomeGroup(row));
  return { columns, partitions: [...partitions.values()], notable };
}

export function renderDeliverySummary(summary: DeliverySummary, options: { showTopic: boolean }): string {
  const headers = [...(options.showTopic ? ["Topic"] : []), "Partition", "Offsets", "Produced", ...summary.columns.map((c) => `${c.consumer} (group ${c.group})`)];
  const lead = options.showTopic ? 1 : 0;
  const table = htmlTable({
    className: "delivery-summary",
    headers,
    // Partition, then the counts; the offsets range is text.
    numeric: [lead, ...Array.from({ length: headers.length - lead - 2 }, (_, i) => lead + 2 + i)],
    rows: summary.partitions.map((p) => [
      ...(options.showTopic ? [p.topic] : []),
      p.partition,
      p.offsets ? `${p.offsets.first}–${p.offsets.last}` : "-",
      p.produced,
      ...p.consumers.map((c) =>
        c.duplicates > 0 ? { text: `${c.received} (+${c.duplicates} again)`, className: "dup", title: `${c.duplicates} receipts of messages it already had` } : c.received,
      ),
    ]),
  });
  const intro = `<p class="evidence-note">Messages received from each partition, distinct, by each consumer.</p>`;
  if (summary.notable.length === 0)
    return `${intro}\n${table}\n<p class="evidence-note">No message stands out: each group received every message, no consumer received one twice, and nothing was received that was not produced.</p>`;
  const shown = { columns: summary.columns, rows: summary.notable.slice(0, PER_MESSAGE_LIMIT) };
  const more = summary.notable.length - shown.rows.length;
  return [
    intro,
    table,
    `<p class="evidence-note">${summary.notable.length} message${summary.notable.length === 1 ? " stands" : "s stand"} out — missed by a group, received twice, or never produced${more > 0 ? `; the first ${shown.rows.length}` : ""}:</p>`,
    renderDeliveryMatrix(shown, options),
    more > 0 ? `<p class="evidence-note">…and ${more} more, in the run's results file.</p>` : "",
  ].join("\n");
}
