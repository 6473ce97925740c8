import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { htmlTable, type Cell } from "./html-table.js";
import { logRowCells, logRowHeaders, logRowNumericColumns, logRows, type LogRow } from "./log-rows.js";

export interface AckRow extends LogRow {
  /** For each group (by column): is this offset below the group's committed offset on its partition? */
  acknowledged: boolean[];
}

/**
 * Which offsets each group has acknowledged, by the broker's final committed
 * offsets. A commit is cumulative: committed offset 5 acknowledges 0–4, whether
 * or not each was committed one by one.
 */
export interface AckMatrix {
  groups: { label: string; groupId: string }[];
  rows: AckRow[];
}

export function ackMatrix(evidence: ScenarioEvidence): AckMatrix {
  const groups = evidence.groups.map(({ label, groupId }) => ({ label, groupId }));
  const rows = logRows(evidence).map((row) => ({
    ...row,
    acknowledged: evidence.groups.map((group) => {
      const committed = group.committed.find((c) => c.topic === row.topic && c.partition === row.partition)?.offset ?? null;
      return committed !== null && row.offset < committed;
    }),
  }));
  return { groups, rows };
}

export function renderAckMatrix(matrix: AckMatrix, options: { showTopic: boolean }): string {
  if (matrix.groups.length === 0) return '<p class="evidence-empty">No consumer group took part in this run.</p>';
  return htmlTable({
    className: "acks",
    headers: [...logRowHeaders(options.showTopic), ...matrix.groups.map((g) => `group ${g.label}`)],
    numeric: logRowNumericColumns(options.showTopic),
    rows: matrix.rows.map((row) => [...logRowCells(row, options.showTopic), ...row.acknowledged.map(ackCell)]),
  });
}

function ackCell(acknowledged: boolean): Cell {
  return acknowledged ? { text: "✓ acked", className: "got" } : { text: "–", className: "none" };
}
