import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatJson } from "./format-json.js";
import type { MatrixColumn } from "./results-layout.js";

/**
 * What `npm run matrix` records of its run, beside the results it leaves:
 * `results/.matrix-run.json`; a proofs run that is not part of a matrix (`npm test`)
 * records its own cells there the same way, as the run the site shows. The site reads it to tell a result of this run from
 * one an earlier run left (shown as not run), and to show a column that could
 * not run at all, with the reason.
 */
export const MATRIX_RUN_FILE = ".matrix-run.json";

export interface MatrixRun {
  /** When the matrix run began (ISO): a result recorded before it is not this run's. */
  startedAt: string;
  /** When its last column ended (ISO); absent while it runs, or when it was stopped. */
  finishedAt?: string;
  /** The columns in the order they ran (or were found not applicable). */
  columns: MatrixColumnRun[];
}

export interface MatrixColumnRun extends MatrixColumn {
  /** When this column's proofs began (ISO). */
  startedAt: string;
  /** How long they took, in seconds. */
  seconds: number;
  /**
   * The test runner's exit code: 0 when every proof passed or was skipped. Absent where the run
   * that wrote the record could not know it: a proofs run records its own cells as it starts and ends.
   */
  exitCode?: number;
  /** Set when the column was not started at all because nothing in it can run on this Kafka version: why. */
  notApplicable?: string;
}

/** Writes the record into the results folder; rewritten after each column, so a stopped run still says what it ran. */
export async function writeMatrixRun(run: MatrixRun, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, MATRIX_RUN_FILE);
  await writeFile(file, `${formatJson(run)}\n`);
  return file;
}

/**
 * The record of a proofs run of its own: its cells, side by side on one Kafka version,
 * all begun when the run began; `finishedAt` once it has ended.
 */
export function proofsRun(cells: readonly { cell: MatrixColumn["cell"]; notApplicable?: string }[], kafkaVersion: string, startedAt: Date, finishedAt?: Date): MatrixRun {
  const seconds = finishedAt ? (finishedAt.getTime() - startedAt.getTime()) / 1000 : 0;
  return {
    startedAt: startedAt.toISOString(),
    ...(finishedAt ? { finishedAt: finishedAt.toISOString() } : {}),
    columns: cells.map(({ cell, notApplicable }) => ({ kafkaVersion, cell, startedAt: startedAt.toISOString(), seconds, ...(notApplicable ? { notApplicable } : {}) })),
  };
}
