import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lockFolder, type FolderLock } from "./folder-lock.js";
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

/**
 * Takes the results folder for this run (see `lockFolder`): two runs writing one folder
 * would leave a mix of both, and `npm start` clearing it would remove another run's evidence.
 */
export function lockResults(env: NodeJS.ProcessEnv = process.env, dir = resultsDir(env)): FolderLock {
  const fromRoot = relative(REPO_ROOT, dir);
  return lockFolder(dir, {
    shown: fromRoot && !fromRoot.startsWith("..") ? `${fromRoot}/` : `${dir}/`,
    alternative: "or give this run a results folder of its own: KAFKA_PROOFS_RESULTS_DIR=<folder>",
    env,
  });
}

/**
 * Removes the results a proof run recorded in `dir`, and nothing else: a file is removed
 * only if its name is `<id>.json` and it holds a proof result (`id`, `claim`, `verdict`,
 * `kafka`, `checks`, `control`) with that same id. The folder may be one the user keeps
 * other things in (`KAFKA_PROOFS_RESULTS_DIR=.` holds package.json). Returns the names removed.
 */
export async function removeRecordedResults(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? [] : Promise.reject(error)));
  const removed: string[] = [];
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    const file = join(dir, name);
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined || !isRecordedResult(text, basename(name, ".json"))) continue;
    await rm(file);
    removed.push(name);
  }
  return removed;
}

/** Whether `text` is a proof result recorded for proof `id` (by this or an earlier version of the format). */
export function isRecordedResult(text: string, id: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return false;
  const result = parsed as Record<string, unknown>;
  const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
  return (
    result.id === id &&
    typeof result.claim === "string" &&
    ["pass", "fail", "skipped"].includes(result.verdict as string) &&
    isObject(result.kafka) &&
    Array.isArray(result.checks) &&
    isObject(result.control)
  );
}
