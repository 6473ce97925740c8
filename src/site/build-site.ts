import { build } from "vitepress";
import type { ProofResult } from "../evidence/proof-result.js";
import { sitePaths, type SitePaths } from "./site-paths.js";
import { loadResults } from "./validation/load-results.js";

export interface BuiltSite {
  results: ProofResult[];
  seconds: number;
}

/**
 * Builds the site into `docs/.vitepress/dist` from the results already recorded.
 * The results are validated first, so a bad file is reported on its own rather
 * than from inside the bundler.
 */
export async function buildSite(paths: SitePaths = sitePaths()): Promise<BuiltSite> {
  const started = performance.now();
  const results = loadResults(paths);
  await build(paths.docs);
  return { results, seconds: (performance.now() - started) / 1000 };
}
