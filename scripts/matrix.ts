#!/usr/bin/env tsx
/**
 * `npm run matrix`: the proofs once per cell (kafkajs/classic, java/classic,
 * java/consumer), one after another, each on a broker of its own, then a table
 * of proofs × cells. `npm run matrix -- proofs/ack-isolation.proof.ts` runs only
 * the files named; `--cells java/classic,java/consumer` only those cells.
 * Exits non-zero if any proof failed (or a cell's run failed) in any cell.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { $, argv, echo } from "zx";
import { cellResultsFolder, CELLS, cellFrom } from "../src/harness/cell.js";
import { resultsDir } from "../src/evidence/results-dir.js";
import { matrixTable, type MatrixEntry } from "./matrix-table.js";

const cells = argv.cells ? String(argv.cells).split(",").map((name) => cellFrom({ KAFKA_PROOFS_CELL: name }).name) : [...CELLS];
const files = argv._.map(String);
const proofs = (files.length > 0 ? files : readdirSync("proofs").filter((name) => name.endsWith(".proof.ts")))
  .map((file) => basename(file, ".proof.ts"))
  .sort();

const entries: MatrixEntry[] = [];
const timings: string[] = [];
let failedRuns = 0;
for (const cell of cells) {
  echo(`\n=== ${cell} ===`);
  const startedAt = Date.now();
  const run = await $({ nothrow: true, stdio: "inherit", env: { ...process.env, KAFKA_PROOFS_CELL: cell } })`npx vitest run --project proofs ${files}`;
  timings.push(`${cell}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  if (run.exitCode !== 0) failedRuns += 1;
  const folder = join(resultsDir(), cellResultsFolder(cell));
  for (const proof of proofs) {
    const file = join(folder, `${proof}.json`);
    if (!existsSync(file)) continue;
    const result = JSON.parse(readFileSync(file, "utf8")) as { verdict: MatrixEntry["verdict"]; skipReason?: string; startedAt: string };
    // A result an earlier run left is not this run's: shown as not run.
    if (Date.parse(result.startedAt) < startedAt) continue;
    entries.push({ proof, cell, verdict: result.verdict, ...(result.skipReason ? { skipReason: result.skipReason } : {}) });
  }
}

echo(`\n${matrixTable(proofs, cells, entries)}\n`);
echo(`time per cell: ${timings.join(", ")}`);
process.exitCode = failedRuns > 0 || entries.some((e) => e.verdict === "fail") ? 1 : 0;
