/**
 * The proof matrix as text: one row per proof, one column per cell and Kafka
 * version, each entry ✓ (pass), ✗ (fail), n/a (skipped: the claim does not apply
 * there, or cannot run on this broker; the reasons follow the table) or · (no
 * result from this run). A line above the cells names the Kafka version of each
 * group of columns.
 */
export interface MatrixTableColumn {
  kafkaVersion: string;
  cell: string;
}

export interface MatrixEntry extends MatrixTableColumn {
  proof: string;
  verdict: "pass" | "fail" | "skipped";
  skipReason?: string;
}

const MARK = { pass: "✓", fail: "✗", skipped: "n/a" } as const;

export function matrixTable(proofs: readonly string[], columns: readonly MatrixTableColumn[], entries: readonly MatrixEntry[]): string {
  const find = (proof: string, column: MatrixTableColumn) => entries.find((e) => e.proof === proof && sameColumn(e, column));
  const mark = (entry: MatrixEntry | undefined) => (entry ? MARK[entry.verdict] : "·");
  const rows = proofs.map((proof) => [proof, ...columns.map((column) => mark(find(proof, column)))]);
  const header = ["proof", ...columns.map((column) => column.cell)];
  const versions = ["", ...columns.map((column, i) => (i === 0 || columns[i - 1]!.kafkaVersion !== column.kafkaVersion ? `Kafka ${column.kafkaVersion}` : ""))];
  const lines = [versions, header];
  const widths = header.map((_, i) => Math.max(...[...lines, ...rows].map((row) => row[i]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((text, i) => text.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [...lines.map(line), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), ...notes(proofs, columns, entries)].join("\n");
}

/** The reason for each n/a; a column where every proof is n/a for one reason gets one line. */
function notes(proofs: readonly string[], columns: readonly MatrixTableColumn[], entries: readonly MatrixEntry[]): string[] {
  const lines: string[] = [];
  for (const column of columns) {
    const skipped = entries.filter((e) => e.verdict === "skipped" && sameColumn(e, column));
    const where = `${column.cell} on Kafka ${column.kafkaVersion}`;
    const reasons = new Set(skipped.map((e) => e.skipReason));
    if (skipped.length === proofs.length && reasons.size === 1 && proofs.length > 1) lines.push(`n/a every proof in ${where}: ${skipped[0]!.skipReason ?? "no reason recorded"}`);
    else lines.push(...skipped.map((e) => `n/a ${e.proof} in ${where}: ${e.skipReason ?? "no reason recorded"}`));
  }
  return lines.length > 0 ? ["", ...lines] : [];
}

function sameColumn(a: MatrixTableColumn, b: MatrixTableColumn): boolean {
  return a.cell === b.cell && a.kafkaVersion === b.kafkaVersion;
}
