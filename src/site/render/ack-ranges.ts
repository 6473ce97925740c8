import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { htmlTable } from "./html-table.js";
import { byPartitionThenOffset } from "./partition-order.js";

/** Which offsets a group has acknowledged on one partition, as ranges: the same facts as the per-message matrix, for large runs. */
export interface AckRange {
  group: string;
  topic: string;
  partition: number;
  committed: number | null;
  logEndOffset: number | null;
}

export function ackRanges(evidence: ScenarioEvidence): AckRange[] {
  const ends = new Map(evidence.topics.flatMap((t) => t.partitions.map((p) => [`${t.name}/${p.partition}`, p.logEndOffset] as const)));
  return evidence.groups.flatMap((group) =>
    [...group.committed].sort(byPartitionThenOffset).map((c) => ({
      group: group.label,
      topic: c.topic,
      partition: c.partition,
      committed: c.offset,
      logEndOffset: ends.get(`${c.topic}/${c.partition}`) ?? null,
    })),
  );
}

export function renderAckRanges(ranges: readonly AckRange[], options: { showTopic: boolean }): string {
  if (ranges.length === 0) return '<p class="evidence-empty">No group holds committed offsets in this run.</p>';
  return htmlTable({
    className: "ack-ranges",
    headers: [...(options.showTopic ? ["Topic"] : []), "Group", "Partition", "Committed offset", "Acknowledged", "Not acknowledged"],
    numeric: options.showTopic ? [2, 3] : [1, 2],
    rows: ranges.map((r) => [
      ...(options.showTopic ? [r.topic] : []),
      `group ${r.group}`,
      r.partition,
      r.committed ?? { text: "-", className: "none" },
      r.committed === null || r.committed === 0 ? { text: "none", className: "none" } : { text: span(0, r.committed), className: "got" },
      r.logEndOffset === null ? "-" : r.committed !== null && r.committed >= r.logEndOffset ? { text: "none", className: "none" } : span(r.committed ?? 0, r.logEndOffset),
    ]),
  });
}

/** Offsets from `from` up to (not including) `to`: "0–1499 (1500)". */
function span(from: number, to: number): string {
  return to - from === 1 ? `${from} (1)` : `${from}–${to - 1} (${to - from})`;
}
