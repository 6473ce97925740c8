import type { EntryStatus, MatrixEntry, MatrixPageColumn, ProofMatrix } from "./proof-matrix.js";

/**
 * How the matrix's entries read on a page, shared by the matrix table and the table
 * at the top of each proof page (docs/.vitepress/theme/*.vue). Types only come from
 * the model: this runs in the browser too.
 */

export const MARKS: Record<EntryStatus, { mark: string; words: string }> = {
  pass: { mark: "✓", words: "passed" },
  fail: { mark: "✗", words: "failed" },
  "not-applicable": { mark: "n/a", words: "not applicable" },
  "not-run": { mark: "not run", words: "not run" },
};

/** The Kafka versions over the columns, each with how many columns it spans. */
export function versionSpans(columns: readonly MatrixPageColumn[]): { kafkaVersion: string; span: number }[] {
  const spans: { kafkaVersion: string; span: number }[] = [];
  for (const column of columns) {
    const last = spans.at(-1);
    if (last?.kafkaVersion === column.kafkaVersion) last.span += 1;
    else spans.push({ kafkaVersion: column.kafkaVersion, span: 1 });
  }
  return spans;
}

/** Every reason given (an entry's, or a column's that did not start), each once, numbered in order of appearance from 1. */
export function footnotes(matrix: Pick<ProofMatrix, "columns">, entries: readonly MatrixEntry[]): string[] {
  const reasons = [...matrix.columns.map((c) => c.notApplicable), ...entries.map((e) => e.reason)].filter((r): r is string => r !== undefined);
  return [...new Set(reasons)];
}

/** The footnote number of a reason: its place in `notes`, from 1. */
export function footnoteNumber(notes: readonly string[], reason: string | undefined): number | undefined {
  const index = reason === undefined ? -1 : notes.indexOf(reason);
  return index < 0 ? undefined : index + 1;
}

/** What a column's header says under the cell's name: how long its proofs took, or that it was not started. */
export function columnNote(column: MatrixPageColumn): string {
  if (column.notApplicable) return "not started";
  return column.seconds === undefined ? "" : `${column.seconds.toFixed(0)} s`;
}

/** A proof's entries in every column, for the table on its page. */
export function rowOf(matrix: ProofMatrix, proof: string): MatrixEntry[] | undefined {
  return matrix.rows.find((row) => row.id === proof)?.entries;
}
