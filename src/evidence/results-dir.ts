import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatJson } from "./format-json.js";
import type { ProofResult } from "./proof-result.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** `results/` at the repo root, or `KAFKA_PROOFS_RESULTS_DIR`. */
export function resultsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KAFKA_PROOFS_RESULTS_DIR ? resolve(env.KAFKA_PROOFS_RESULTS_DIR) : join(REPO_ROOT, "results");
}

/** Writes `results/<id>.json`; returns its path. */
export async function writeResult(result: ProofResult, dir = resultsDir()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${result.id}.json`);
  await writeFile(file, `${formatJson(result)}\n`);
  return file;
}
