import { redeliveries } from "../../checks/accounting.js";
import { rangesOf } from "../../checks/evidence-queries.js";
import { formatSpan, missing, size, union } from "../../checks/spans.js";
import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { escapeHtml } from "../escape.js";
import { htmlTable } from "./html-table.js";

/**
 * Who received what in a run recorded as ranges (`record: "ranges"`, bulk
 * produce): per partition, the log the broker holds and what each consumer
 * received of it, distinct and again; then each group's holes and redelivered
 * spans. Its size follows the number of ranges, never the number of messages.
 */

/** Whether the run was recorded as ranges: then there is no message to list, only ranges. */
export function recordedAsRanges(evidence: ScenarioEvidence): boolean {
  return (evidence.producedRanges?.length ?? 0) > 0 || evidence.groups.some((g) => (g.receivedRanges?.length ?? 0) > 0);
}

export interface RangePartition {
  topic: string;
  partition: number;
  logEndOffset: number;
  /** Offsets the producer's record says were produced here. */
  produced: number;
  /** Per consumer (by column): distinct offsets received, and receipts beyond the first. */
  consumers: { received: number; again: number }[];
}

export interface RangeDelivery {
  columns: { consumer: string; group: string }[];
  partitions: RangePartition[];
  /** Per group: spans below the log end it never received, and spans it received twice. */
  findings: { group: string; text: string; kind: "missing" | "redelivered" | "redelivered-unexcused" }[];
}

export function rangeDelivery(evidence: ScenarioEvidence): RangeDelivery {
  const columns = evidence.groups.flatMap((g) => [...new Set(rangesOf(g).map((r) => r.consumer))].map((consumer) => ({ consumer, group: g.label })));
  const partitions: RangePartition[] = evidence.topics.flatMap((t) =>
    t.partitions.map(({ partition, logEndOffset }) => {
      const on = <T extends { topic: string; partition: number }>(list: readonly T[]) => list.filter((r) => r.topic === t.name && r.partition === partition);
      const consumers = columns.map((column) => {
        const group = evidence.groups.find((g) => g.label === column.group)!;
        const mine = on(rangesOf(group)).filter((r) => r.consumer === column.consumer);
        const received = size(union(mine));
        return { received, again: size(mine) - received };
      });
      return { topic: t.name, partition, logEndOffset, produced: size(on(evidence.producedRanges ?? [])), consumers };
    }),
  );
  const findings: RangeDelivery["findings"] = [];
  for (const group of evidence.groups) {
    const ranges = rangesOf(group);
    if (ranges.length === 0) continue;
    for (const p of partitions) {
      const covered = union(ranges.filter((r) => r.topic === p.topic && r.partition === p.partition));
      for (const hole of missing(covered, 0, p.logEndOffset)) findings.push({ group: group.label, kind: "missing", text: `p${p.partition} ${formatSpan(hole)} never received` });
    }
    for (const r of redeliveries(evidence, group.label, ranges)) {
      const text = `p${r.later.partition} ${formatSpan(r.offsets)} received by ${r.earlier.consumer} and again by ${r.later.consumer} at +${r.later.firstAt} ms`;
      findings.push({
        group: group.label,
        kind: r.excused ? "redelivered" : "redelivered-unexcused",
        text: r.excused ? `${text}, after a membership change` : `${text}, with no membership change between`,
      });
    }
  }
  return { columns, partitions, findings };
}

/** Findings shown on the page; the rest are counted, and all are in the results file. */
const FINDINGS_SHOWN = 40;

export function renderRangeDelivery(delivery: RangeDelivery, options: { showTopic: boolean }): string {
  if (delivery.columns.length === 0) return '<p class="evidence-empty">No consumer received anything in this run.</p>';
  const headers = [...(options.showTopic ? ["Topic"] : []), "Partition", "Log end", "Produced", ...delivery.columns.map((c) => `${c.consumer} (group ${c.group})`)];
  const lead = options.showTopic ? 1 : 0;
  const table = htmlTable({
    className: "delivery-summary",
    headers,
    numeric: Array.from({ length: headers.length - lead }, (_, i) => lead + i),
    rows: delivery.partitions.map((p) => [
      ...(options.showTopic ? [p.topic] : []),
      p.partition,
      p.logEndOffset,
      p.produced,
      ...p.consumers.map((c) =>
        c.again > 0 ? { text: `${c.received} (+${c.again} again)`, className: "dup", title: `${c.again} receipts of offsets it already had` } : c.received,
      ),
    ]),
  });
  const intro = `<p class="evidence-note">Recorded as offset ranges, not message by message: the offsets each consumer received from each partition, distinct, against the log the broker holds.</p>`;
  if (delivery.findings.length === 0) return `${intro}\n${table}\n<p class="evidence-note">Every group received every offset below the log end, and no offset twice.</p>`;
  const shown = delivery.findings.slice(0, FINDINGS_SHOWN);
  const items = shown.map((f) => `<li${f.kind === "redelivered" ? "" : ' class="fail"'}>${escapeHtml(`group ${f.group}: ${f.text}`)}</li>`).join("\n");
  const more = delivery.findings.length - shown.length;
  return [intro, table, `<ul class="evidence-findings">\n${items}\n</ul>`, more > 0 ? `<p class="evidence-note">…and ${more} more, in the run's results file.</p>` : ""].join("\n");
}
