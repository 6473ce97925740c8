import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { deliveryMatrix } from "../render/delivery-matrix.js";
import { logRows } from "../render/log-rows.js";
import { rangeDelivery, recordedAsRanges } from "../render/range-delivery.js";
import { barChartSvg } from "./bar-chart.js";

const PRODUCED_GREY = "#8c8c8c";

/** Messages per partition: how many were produced there, and how many each member received from it. */
export function deliveriesChart(evidence: ScenarioEvidence): string {
  const partitions = partitionsOf(evidence);
  if (recordedAsRanges(evidence)) return rangeDeliveriesChart(evidence, partitions);
  const matrix = deliveryMatrix(evidence);
  const rowsOn = (p: Partition) => matrix.rows.filter((row) => row.topic === p.topic && row.partition === p.partition);
  return barChartSvg({
    title: "Messages per partition and member",
    categories: partitions.map((p) => p.label),
    series: [
      { name: "produced", color: PRODUCED_GREY, values: partitions.map((p) => evidence.produced.filter((m) => m.topic === p.topic && m.partition === p.partition).length) },
      ...matrix.columns.map((column, c) => ({
        name: `${column.consumer} (group ${column.group})`,
        values: partitions.map((p) => rowsOn(p).reduce((sum, row) => sum + (row.receipts[c] ?? 0), 0)),
      })),
    ],
  });
}

/** The same chart from ranges: offsets produced (by the producer's record) and received, repeats included, per partition. */
function rangeDeliveriesChart(evidence: ScenarioEvidence, partitions: readonly Partition[]): string {
  const delivery = rangeDelivery(evidence);
  const row = (p: Partition) => delivery.partitions.find((d) => d.topic === p.topic && d.partition === p.partition);
  return barChartSvg({
    title: "Messages per partition and member",
    categories: partitions.map((p) => p.label),
    series: [
      { name: "produced", color: PRODUCED_GREY, values: partitions.map((p) => row(p)?.produced ?? 0) },
      ...delivery.columns.map((column, c) => ({
        name: `${column.consumer} (group ${column.group})`,
        values: partitions.map((p) => {
          const counts = row(p)?.consumers[c];
          return counts ? counts.received + counts.again : 0;
        }),
      })),
    ],
  });
}

/** Each group's committed offset per partition, against the partition's log-end offset. */
export function committedChart(evidence: ScenarioEvidence): string {
  const partitions = partitionsOf(evidence);
  return barChartSvg({
    title: "Committed offset per group",
    categories: partitions.map((p) => p.label),
    series: evidence.groups.map((group) => ({
      name: `group ${group.label}`,
      values: partitions.map((p) => group.committed.find((c) => c.topic === p.topic && c.partition === p.partition)?.offset ?? null),
    })),
    marker: {
      name: "log-end offset",
      values: partitions.map((p) => evidence.topics.find((t) => t.name === p.topic)?.partitions.find((e) => e.partition === p.partition)?.logEndOffset ?? null),
    },
  });
}

interface Partition {
  topic: string;
  partition: number;
  label: string;
}

/** The run's partitions, labelled "partition 0" (with the topic only when there are several). */
function partitionsOf(evidence: ScenarioEvidence): Partition[] {
  const seen = new Map<string, { topic: string; partition: number }>();
  for (const t of evidence.topics) for (const p of t.partitions) seen.set(`${t.name}/${p.partition}`, { topic: t.name, partition: p.partition });
  for (const row of logRows(evidence)) seen.set(`${row.topic}/${row.partition}`, { topic: row.topic, partition: row.partition });
  const several = new Set([...seen.values()].map((p) => p.topic)).size > 1;
  return [...seen.values()]
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
    .map((p) => ({ ...p, label: several ? `${p.topic} p${p.partition}` : `partition ${p.partition}` }));
}
