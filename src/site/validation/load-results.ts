import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { ProofResult } from "../../evidence/proof-result.js";
import { shown, type SitePaths } from "../site-paths.js";
import { ResultsError } from "./results-error.js";
import { proofResultSchema } from "./results-schema.js";
import { problemsWith } from "./schema-parts.js";

const RUN_THE_PROOFS = "Run the proofs first: `npm run proofs` records results/<id>.json for each proof (`npm start` runs them, builds and serves the site).";
const RECORD_AGAIN =
  "Record the results again with `npm run proofs`. If a fresh file is still refused, src/evidence/proof-result.ts and src/site/validation/results-schema.ts disagree.";

/**
 * Every proof's results, validated; sorted by id. Throws a `ResultsError` naming
 * each file and field that is wrong, and each proof in `proofs/` whose results
 * file is missing: a proof is never dropped from the site for lack of evidence.
 */
export function loadResults(paths: Pick<SitePaths, "results" | "proofs">): ProofResult[] {
  if (!existsSync(paths.results)) throw new ResultsError([`${shown(paths.results)}/ does not exist: no proof has recorded a result yet.`], RUN_THE_PROOFS);
  const files = resultFiles(paths.results);
  if (files.length === 0) throw new ResultsError([`${shown(paths.results)}/ holds no results (no .json file).`], RUN_THE_PROOFS);

  const proofIds = proofIdsIn(paths.proofs);
  const missing = proofIds
    .filter((id) => !files.includes(`${id}.json`))
    .map((id) => `${shown(join(paths.results, `${id}.json`))} is missing: proofs/${id}.proof.ts recorded no result.`);
  const { results, problems } = readAll(paths.results, files, proofIds);
  if (missing.length + problems.length > 0) throw new ResultsError([...missing, ...problems], missing.length > 0 ? RUN_THE_PROOFS : RECORD_AGAIN);
  return results;
}

/**
 * The results in the folder of another cell or Kafka version (results/java-classic/…),
 * validated as strictly; but a proof without a result there is not an error: it did
 * not run there, and the site says so. A folder that does not exist holds none.
 */
export function loadColumnResults(dir: string, proofsDir: string): ProofResult[] {
  if (!existsSync(dir)) return [];
  const { results, problems } = readAll(dir, resultFiles(dir), proofIdsIn(proofsDir));
  if (problems.length > 0) throw new ResultsError(problems, RECORD_AGAIN);
  return results;
}

/** The folder's `<id>.json` files, sorted; a dotfile (the lock, the matrix run's record) is not a result. */
function resultFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json") && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
}

function proofIdsIn(proofsDir: string): string[] {
  return readdirSync(proofsDir)
    .filter((name) => name.endsWith(".proof.ts"))
    .map((name) => basename(name, ".proof.ts"));
}

function readAll(dir: string, files: readonly string[], proofIds: readonly string[]): { results: ProofResult[]; problems: string[] } {
  const results: ProofResult[] = [];
  const problems: string[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const found = readResult(file, basename(name, ".json"), proofIds);
    if (Array.isArray(found)) problems.push(...found.map((problem) => `${shown(file)}: ${problem}`));
    else results.push(found);
  }
  return { results: results.sort((a, b) => a.id.localeCompare(b.id)), problems };
}

/** The file's result, or the problems with it. */
function readResult(file: string, id: string, proofIds: readonly string[]): ProofResult | string[] {
  const found = parsedResult(file);
  if (Array.isArray(found)) return found;
  const result = found;
  if (result.id !== id) return [`id must be ${JSON.stringify(id)}, the file's name; found ${JSON.stringify(result.id)}`];
  if (!proofIds.includes(id)) return [`has no proof: proofs/${id}.proof.ts does not exist, so no page can quote the code that ran. Delete the stale file.`];
  return result;
}

/**
 * Files parsed and checked against the format in this process, by path, with the size and
 * modification time they had. A site build reads every results folder several times — its
 * config, each page loader and the data loader, each a module copy of its own that VitePress
 * bundles — so the memo is kept on globalThis, where all of them find it. Nothing on the site
 * changes a result it is given.
 */
const PARSED = ((globalThis as Record<symbol, unknown>)[Symbol.for("kafka-consumer-group-proofs:parsed-results")] ??= new Map()) as Map<
  string,
  { stamp: string; found: ProofResult | string[] }
>;

function parsedResult(file: string): ProofResult | string[] {
  const { size, mtimeMs } = statSync(file);
  const stamp = `${size}:${mtimeMs}`;
  const known = PARSED.get(file);
  if (known?.stamp === stamp) return known.found;
  let found: ProofResult | string[];
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    const problems = problemsWith(proofResultSchema, parsed);
    // The file's own value, once the schema accepts it: zod's copy would reorder its fields and drop those the format does not name.
    found = problems.length > 0 ? problems : (parsed as ProofResult);
  } catch (error) {
    found = [`is not valid JSON (${error instanceof Error ? error.message : String(error)})`];
  }
  PARSED.set(file, { stamp, found });
  return found;
}
