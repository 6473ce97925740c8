#!/usr/bin/env tsx
/**
 * `npm run matrix`: the proofs once per cell (kafkajs/classic, java/classic,
 * java/consumer) and Kafka version (the pinned one and 3.9.2), one after another,
 * each on a broker of its own, then a table of proofs × cells × versions.
 *
 *     npm run matrix -- proofs/ack-isolation.proof.ts        only the files named
 *     npm run matrix -- --cells java/classic,java/consumer   only those cells
 *     npm run matrix -- --versions 4.4.0                     only those Kafka versions
 *
 * Each column's results go to its own folder (src/evidence/results-layout.ts), and
 * the run is recorded in results/.matrix-run.json, which the site reads. A cell that
 * cannot run on a version at all (the consumer protocol on 3.9) is not started; every
 * proof in it is recorded as not applicable, with the reason.
 * Exits non-zero if any proof failed (or a column's run failed) anywhere.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { $, argv, chalk, echo } from "zx";
import { ConfigError } from "../src/errors.js";
import { writeMatrixRun, type MatrixColumnRun, type MatrixRun } from "../src/evidence/matrix-run.js";
import { lockResults, resultsDir } from "../src/evidence/results-dir.js";
import { runResultsFolder, type MatrixColumn } from "../src/evidence/results-layout.js";
import { cellNotApplicableOn } from "../src/harness/applicability.js";
import { cellFrom, CELLS } from "../src/harness/cell.js";
import { kafkaVersionFrom, MATRIX_KAFKA_VERSIONS } from "../src/kafka-version.js";
import { matrixTable, type MatrixEntry } from "./matrix-table.js";

const list = (option: unknown) =>
  String(option)
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
let columns: MatrixColumn[];
try {
  const chosen = argv.cells ? list(argv.cells).map((name) => cellFrom({ KAFKA_PROOFS_CELL: name }).name) : [...CELLS];
  const cells = CELLS.filter((cell) => chosen.includes(cell));
  const versions = argv.versions ? list(argv.versions).map((version) => kafkaVersionFrom({ KAFKA_VERSION: version })) : [...MATRIX_KAFKA_VERSIONS];
  columns = [...new Set(versions)].flatMap((kafkaVersion) => cells.map((cell) => ({ kafkaVersion, cell })));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  echo(chalk.red(error.message));
  process.exit(2);
}
const files = argv._.map(String);
const proofs = (files.length > 0 ? files : readdirSync("proofs").filter((name) => name.endsWith(".proof.ts"))).map((file) => basename(file, ".proof.ts")).sort();

// Held for the whole matrix: each column's run inherits it (KAFKA_PROOFS_RUN_TOKEN), and no other run writes results/ between them.
using _results = lockResults();
const run: MatrixRun = { startedAt: new Date().toISOString(), columns: [] };
const entries: MatrixEntry[] = [];
let failedRuns = 0;
for (const column of columns) {
  const where = `${column.cell} on Kafka ${column.kafkaVersion}`;
  const startedAt = Date.now();
  const notApplicable = cellNotApplicableOn(column.cell, column);
  if (notApplicable) {
    echo(`\n=== ${where}: not applicable (${notApplicable}); not started ===`);
    run.columns.push({ ...column, ...timing(startedAt), exitCode: 0, notApplicable });
    const skipReason = `not applicable on Kafka ${column.kafkaVersion}: ${notApplicable}`;
    entries.push(...proofs.map((proof) => ({ proof, ...column, verdict: "skipped" as const, skipReason })));
  } else {
    echo(`\n=== ${where} ===`);
    // KAFKA_PROOFS_MATRIX: this run is one column of the matrix, which records the run itself.
    const env = { ...process.env, KAFKA_PROOFS_CELLS: "", KAFKA_PROOFS_CELL: column.cell, KAFKA_VERSION: column.kafkaVersion, KAFKA_PROOFS_MATRIX: "1" };
    const vitest = await $({ nothrow: true, stdio: "inherit", env })`npx vitest run --project proofs ${files}`;
    if (vitest.exitCode !== 0) failedRuns += 1;
    run.columns.push({ ...column, ...timing(startedAt), exitCode: vitest.exitCode ?? 1 });
    entries.push(...resultsOfThisRun(column, startedAt));
  }
  await writeMatrixRun(run, resultsDir());
}
run.finishedAt = new Date().toISOString();
await writeMatrixRun(run, resultsDir());

echo(`\n${matrixTable(proofs, columns, entries)}\n`);
echo(`time per cell: ${run.columns.map((c) => `${c.cell} on Kafka ${c.kafkaVersion}: ${c.notApplicable ? "not started" : `${c.seconds.toFixed(1)} s`}`).join(", ")}`);
process.exitCode = failedRuns > 0 || entries.some((e) => e.verdict === "fail") ? 1 : 0;

function timing(startedAt: number): Pick<MatrixColumnRun, "startedAt" | "seconds"> {
  return { startedAt: new Date(startedAt).toISOString(), seconds: (Date.now() - startedAt) / 1000 };
}

/** The column's results written since it started; a result an earlier run left is not this run's, and is shown as not run. */
function resultsOfThisRun(column: MatrixColumn, startedAt: number): MatrixEntry[] {
  const folder = join(resultsDir(), runResultsFolder(column));
  return proofs.flatMap((proof) => {
    const file = join(folder, `${proof}.json`);
    if (!existsSync(file)) return [];
    const result = JSON.parse(readFileSync(file, "utf8")) as { verdict: MatrixEntry["verdict"]; skipReason?: string; startedAt: string };
    if (Date.parse(result.startedAt) < startedAt) return [];
    return [{ proof, ...column, verdict: result.verdict, ...(result.skipReason ? { skipReason: result.skipReason } : {}) }];
  });
}
