import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { ProofResult } from "../../evidence/proof-result.js";
import { shown, type SitePaths } from "../site-paths.js";
import { proofResultShape } from "./proof-result-shape.js";
import { ResultsError } from "./results-error.js";
import { problemsWith } from "./shape.js";

const RUN_THE_PROOFS = "Run the proofs first: `npm run proofs` records results/<id>.json for each proof (`npm start` runs them, builds and serves the site).";
const RECORD_AGAIN =
  "Record the results again with `npm run proofs`. If a fresh file is still refused, src/evidence/proof-result.ts and src/site/validation/proof-result-shape.ts disagree.";

/**
 * Every proof's results, validated; sorted by id. Throws a `ResultsError` naming
 * each file and field that is wrong, and each proof in `proofs/` whose results
 * file is missing: a proof is never dropped from the site for lack of evidence.
 */
export function loadResults(paths: Pick<SitePaths, "results" | "proofs">): ProofResult[] {
  if (!existsSync(paths.results)) throw new ResultsError([`${shown(paths.results)}/ does not exist: no proof has recorded a result yet.`], RUN_THE_PROOFS);
  const files = readdirSync(paths.results).filter((name) => name.endsWith(".json")).sort();
  if (files.length === 0) throw new ResultsError([`${shown(paths.results)}/ holds no results (no .json file).`], RUN_THE_PROOFS);

  const proofIds = readdirSync(paths.proofs).filter((name) => name.endsWith(".proof.ts")).map((name) => basename(name, ".proof.ts"));
  const missing = proofIds
    .filter((id) => !files.includes(`${id}.json`))
    .map((id) => `${shown(join(paths.results, `${id}.json`))} is missing: proofs/${id}.proof.ts recorded no result.`);

  const results: ProofResult[] = [];
  const problems: string[] = [...missing];
  for (const name of files) {
    const file = join(paths.results, name);
    const found = readResult(file, basename(name, ".json"), proofIds);
    if (Array.isArray(found)) problems.push(...found.map((problem) => `${shown(file)}: ${problem}`));
    else results.push(found);
  }
  if (problems.length > 0) throw new ResultsError(problems, missing.length > 0 ? RUN_THE_PROOFS : RECORD_AGAIN);
  return results.sort((a, b) => a.id.localeCompare(b.id));
}

/** The file's result, or the problems with it. */
function readResult(file: string, id: string, proofIds: readonly string[]): ProofResult | string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return [`is not valid JSON (${error instanceof Error ? error.message : String(error)})`];
  }
  const problems = problemsWith(proofResultShape, parsed);
  if (problems.length > 0) return problems;
  const result = parsed as ProofResult;
  if (result.id !== id) return [`id must be ${JSON.stringify(id)}, the file's name; found ${JSON.stringify(result.id)}`];
  if (!proofIds.includes(id)) return [`has no proof: proofs/${id}.proof.ts does not exist, so no page can quote the code that ran. Delete the stale file.`];
  return result;
}
