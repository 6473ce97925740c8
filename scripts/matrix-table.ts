/**
 * The proof matrix as text: one row per proof, one column per cell, each cell
 * ✓ (pass), ✗ (fail), n/a (skipped: the claim does not apply there, or cannot run
 * on this broker; the reasons follow the table) or · (no result from this run).
 */
export interface MatrixEntry {
  proof: string;
  cell: string;
  verdict: "pass" | "fail" | "skipped";
  skipReason?: string;
}

const MARK = { pass: "✓", fail: "✗", skipped: "n/a" } as const;

export function matrixTable(proofs: readonly string[], cells: readonly string[], entries: readonly MatrixEntry[]): string {
  const find = (proof: string, cell: string) => entries.find((e) => e.proof === proof && e.cell === cell);
  const rows = proofs.map((proof) => [proof, ...cells.map((cell) => (find(proof, cell) ? MARK[find(proof, cell)!.verdict] : "·"))]);
  const header = ["proof", ...cells];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) => row.map((text, i) => text.padEnd(widths[i]!)).join("  ").trimEnd();
  const notes = entries.filter((e) => e.verdict === "skipped").map((e) => `n/a ${e.proof} in ${e.cell}: ${e.skipReason ?? "no reason recorded"}`);
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), ...(notes.length > 0 ? ["", ...notes] : [])].join("\n");
}
