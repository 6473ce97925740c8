import type { CoordinatorObservation } from "../../checks/evidence-queries.js";
import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { htmlTable, type Cell } from "./html-table.js";

/** One node of the run's own cluster, with when it was named a group's coordinator. */
export interface ClusterRow {
  nodeId: number;
  address: string;
  killedAt: number | null;
  /** "group A before the kill", for each reading that named this node. */
  coordinatorOf: string[];
}

/** The run's nodes, in order; empty for a run on a broker it did not start. */
export function clusterRows(run: ScenarioEvidence): ClusterRow[] {
  const readings = coordinatorReadings(run);
  return (run.brokers ?? []).map((b) => ({
    ...b,
    coordinatorOf: readings.filter((r) => "coordinator" in r.answer && r.answer.coordinator === b.nodeId).map((r) => `group ${r.group} ${r.moment}`),
  }));
}

/** Every answer to "which node coordinates the group?", in the order asked. */
export function coordinatorReadings(run: ScenarioEvidence): CoordinatorObservation[] {
  return run.timeline.filter((e): e is CoordinatorObservation => e.event === "observe" && typeof e.coordinatorReading === "number");
}

/** The nodes (which was killed, which coordinated which group when), then each coordinator answer as a node gave it. */
export function renderCluster(run: ScenarioEvidence): string {
  const rows = clusterRows(run);
  if (rows.length === 0) return '<p class="evidence-empty">This run used a broker it did not start: no nodes to show.</p>';
  const nodes = htmlTable({
    className: "cluster-nodes",
    headers: ["Node", "Address", "At the end", "Named coordinator"],
    numeric: [0],
    rows: rows.map((r): Cell[] => [
      r.nodeId,
      r.address,
      r.killedAt === null ? "running" : { text: `killed (kill -9) at +${r.killedAt} ms`, className: "fail" },
      r.coordinatorOf.length > 0 ? r.coordinatorOf.join("; ") : { text: "-", className: "none" },
    ]),
    rowClass: (index) => (rows[index]?.killedAt === null ? undefined : "killed"),
  });
  const readings = coordinatorReadings(run);
  if (readings.length === 0) return nodes;
  const answers = htmlTable({
    className: "cluster-coordinators",
    headers: ["At", "Group", "When", "Asked", "Answer"],
    numeric: [0],
    rows: readings.map((r): Cell[] => [
      `+${r.at} ms`,
      r.group,
      r.moment,
      `node ${r.askedNode}`,
      "coordinator" in r.answer ? `node ${r.answer.coordinator}` : { text: r.answer.code, className: "fail", title: r.answer.message },
    ]),
  });
  return `${nodes}\n${answers}`;
}
