import type { MatrixRun } from "../evidence/matrix-run.js";
import type { ProofResult } from "../evidence/proof-result.js";
import type { MatrixColumn } from "../evidence/results-layout.js";
import { KAFKA_VERSION } from "../kafka-version.js";
import { formatDate } from "./render/format.js";
import type { ColumnResults, SiteResults } from "./site-results.js";
import { proofPath } from "./site-base.js";

/**
 * The proof matrix the site shows: every proof in every cell and Kafka version
 * of the run, each ✓, ✗, not applicable (with the reason) or not run. A result
 * older than the run, or none, is "not run", never a pass.
 *
 * The run is the last `npm run matrix` (results/.matrix-run.json), unless the
 * default cell's results are all newer than its end: then a later run of the
 * proofs alone replaced it, and that run is the one shown.
 */
export interface ProofMatrix {
  run: { kind: "matrix" | "proofs"; startedAt: string };
  columns: MatrixPageColumn[];
  rows: MatrixRow[];
}

export interface MatrixPageColumn extends MatrixColumn {
  /** Its results folder ("" for the default column), which also names its pages. */
  folder: string;
  /** How long its proofs took in the matrix run, in seconds; absent when the run did not say. */
  seconds?: number;
  /** Set when the whole column was not started: why nothing in it applies. */
  notApplicable?: string;
}

export interface MatrixRow {
  id: string;
  title: string;
  /** One per column, in the columns' order. */
  entries: MatrixEntry[];
}

export type EntryStatus = "pass" | "fail" | "not-applicable" | "not-run";

export interface MatrixEntry {
  status: EntryStatus;
  /** Why it is not applicable or not run. */
  reason?: string;
  /** The page of this run's evidence (site path, without the base); absent when there is none. */
  href?: string;
}

export function proofMatrix(site: SiteResults): ProofMatrix {
  const run = runShown(site);
  const columns = site.columns.filter(
    (c) => c.kafkaVersion === KAFKA_VERSION || run.matrix?.columns.some((m) => m.kafkaVersion === c.kafkaVersion) || currentIn(c, run.startedAt).length > 0,
  );
  return {
    run: { kind: run.matrix ? "matrix" : "proofs", startedAt: new Date(run.startedAt).toISOString() },
    columns: columns.map((column) => pageColumn(column, run.matrix)),
    rows: site.results.map(({ id, title }) => ({ id, title, entries: columns.map((column) => entry(id, column, run)) })),
  };
}

/** The results of this run in a column: those not older than the run's start. */
export function currentResults(site: SiteResults): { column: ColumnResults; result: ProofResult }[] {
  const { startedAt } = runShown(site);
  return site.columns.flatMap((column) => currentIn(column, startedAt).map((result) => ({ column, result })));
}

interface RunShown {
  startedAt: number;
  matrix?: MatrixRun;
}

export function runShown(site: Pick<SiteResults, "results" | "matrixRun">): RunShown {
  const proofsStart = Math.min(...site.results.map((r) => Date.parse(r.startedAt)));
  const matrix = site.matrixRun;
  if (matrix && !(proofsStart > matrixEnd(matrix))) return { startedAt: Date.parse(matrix.startedAt), matrix };
  return { startedAt: proofsStart };
}

/** When the matrix run ended: its finish, or for a run that was stopped, the end of its last column. */
function matrixEnd(matrix: MatrixRun): number {
  if (matrix.finishedAt) return Date.parse(matrix.finishedAt);
  return Math.max(Date.parse(matrix.startedAt), ...matrix.columns.map((c) => Date.parse(c.startedAt) + c.seconds * 1000));
}

function currentIn(column: ColumnResults, startedAt: number): ProofResult[] {
  return column.results.filter((r) => Date.parse(r.startedAt) >= startedAt);
}

function pageColumn(column: ColumnResults, matrix: MatrixRun | undefined): MatrixPageColumn {
  const ran = matrix?.columns.find((m) => m.cell === column.cell && m.kafkaVersion === column.kafkaVersion);
  return {
    kafkaVersion: column.kafkaVersion,
    cell: column.cell,
    folder: column.folder,
    ...(ran && !ran.notApplicable ? { seconds: ran.seconds } : {}),
    ...(ran?.notApplicable ? { notApplicable: notApplicableOn(column, ran.notApplicable) } : {}),
  };
}

/** Why a cell of the matrix the run on record did not play has nothing of this run. */
export const NOT_PART_OF_THE_RUN = "this cell was not part of the run";

function entry(id: string, column: ColumnResults, run: RunShown): MatrixEntry {
  const ran = run.matrix?.columns.find((m) => m.cell === column.cell && m.kafkaVersion === column.kafkaVersion);
  if (ran?.notApplicable) return { status: "not-applicable", reason: notApplicableOn(column, ran.notApplicable) };
  const found = column.results.find((r) => r.id === id);
  const result = found && Date.parse(found.startedAt) >= run.startedAt ? found : undefined;
  if (!result) {
    if (run.matrix && !ran) return { status: "not-run", reason: NOT_PART_OF_THE_RUN };
    return { status: "not-run", reason: found ? `the only result is an earlier run's (${formatDate(found.startedAt)}), not this run's` : "the run recorded no result for it" };
  }
  const href = proofPath(column.folder, id);
  if (result.verdict === "skipped") {
    // Skipped because the claim does not hold there is "not applicable"; skipped for any other reason (a proof this
    // kind of run leaves out, a client that could not start) is "not run", with that reason.
    const reason = result.skipReason ?? "the run gave no reason";
    return { status: /^not applicable (on|in) /.test(reason) ? "not-applicable" : "not-run", reason, href };
  }
  return { status: result.verdict, href };
}

function notApplicableOn(column: MatrixColumn, reason: string): string {
  return `not applicable on Kafka ${column.kafkaVersion}: ${reason}`;
}
