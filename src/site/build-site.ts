import { dirname } from "node:path";
import { build } from "vitepress";
import { lockFolder } from "../evidence/folder-lock.js";
import type { ProofResult } from "../evidence/proof-result.js";
import { lockResults } from "../evidence/results-dir.js";
import { shown, sitePaths, type SitePaths } from "./site-paths.js";
import { loadResults } from "./validation/load-results.js";

export interface BuiltSite {
  results: ProofResult[];
  seconds: number;
}

/**
 * Builds the site into `docs/.vitepress/dist` from the results already recorded.
 * The results are validated first, so a bad file is reported on its own rather
 * than from inside the bundler.
 *
 * Holds the results folder (a run writing it meanwhile would make a site of two runs) and
 * the build folder (VitePress builds in one fixed temporary folder beside it, so two builds
 * at once would spoil each other); another run holding either is a `FolderBusyError`.
 */
export async function buildSite(paths: SitePaths = sitePaths(), env: NodeJS.ProcessEnv = process.env): Promise<BuiltSite> {
  const started = performance.now();
  using _results = lockResults(env, paths.results);
  using _build = lockFolder(dirname(paths.dist), { shown: `${shown(paths.dist)}/`, alternative: "then build again", env });
  const results = loadResults(paths);
  await build(paths.docs, { outDir: paths.dist });
  return { results, seconds: (performance.now() - started) / 1000 };
}
