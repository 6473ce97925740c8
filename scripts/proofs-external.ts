#!/usr/bin/env tsx
/**
 * `npm run proofs:external`: the proofs in external mode, as a user checking their own cluster runs them, against a
 * broker this script starts and does not describe to the run (no KAFKA_VERSION): the run must learn what the broker
 * supports from the broker, and every cell must run. Its results go to a folder of their own, removed afterwards.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { $, chalk, echo } from "zx";
import { startNativeBroker } from "../src/broker/native/native-broker.js";
import type { ProofResult } from "../src/evidence/proof-result.js";
import { runResultsFolder } from "../src/evidence/results-layout.js";
import { DEFAULT_CELLS } from "../src/harness/cell.js";
import { kafkaVersionFrom } from "../src/kafka-version.js";
import { judgeExternalRun, type CellResult } from "./external-verdict.js";

const broker = await startNativeBroker({ version: kafkaVersionFrom(process.env), env: process.env, onProgress: (message) => echo(message) });
const results = await mkdtemp(join(tmpdir(), "kafka-proofs-external-results-"));
let failed: boolean;
try {
  echo(`A broker of Kafka ${broker.kafkaVersion} at ${broker.bootstrapServers.join(",")}; the proofs are not told its release`);
  const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_BROKERS: broker.bootstrapServers.join(","), KAFKA_PROOFS_RESULTS_DIR: results };
  delete env.KAFKA_VERSION;
  delete env.KAFKA_MODE;
  delete env.KAFKA_PROOFS_CELLS;
  delete env.KAFKA_PROOFS_CELL;
  const run = await $({ env, stdio: "inherit", nothrow: true })`npx vitest run --project proofs`;
  const proofs = readdirSync("proofs")
    .filter((name) => name.endsWith(".proof.ts"))
    .map((name) => basename(name, ".proof.ts"));
  const cellResults: CellResult[] = DEFAULT_CELLS.flatMap((cell) =>
    proofs.map((proof) => {
      const file = join(results, runResultsFolder({ cell, kafkaVersion: "unknown" }), `${proof}.json`);
      if (!existsSync(file)) return { proof, cell };
      const result = JSON.parse(readFileSync(file, "utf8")) as ProofResult;
      return { proof, cell, verdict: result.verdict, ...(result.skipReason !== undefined ? { skipReason: result.skipReason } : {}) };
    }),
  );
  const { passed, failures } = judgeExternalRun(cellResults);
  for (const failure of failures) echo(chalk.red(`✗ ${failure}`));
  if (run.exitCode !== 0) failures.push(`the proofs run exited with ${run.exitCode}`);
  echo(`external mode, every cell (${DEFAULT_CELLS.join(", ")}): ${passed} proof runs passed`);
  echo(`${passed} passed, ${failures.length} failed`);
  failed = failures.length > 0;
} finally {
  await broker.stop();
  await rm(results, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
