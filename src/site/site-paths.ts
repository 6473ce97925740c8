import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resultsDir } from "../evidence/results-dir.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where the site reads from and writes to; tests point these at their own folders. */
export interface SitePaths {
  /** `results/`: one `<id>.json` per proof. */
  results: string;
  /** `proofs/`: one `<id>.proof.ts` per proof, quoted on its page. */
  proofs: string;
  /** `docs/`, the VitePress project. */
  docs: string;
  /** The built site. */
  dist: string;
}

export function sitePaths(env: NodeJS.ProcessEnv = process.env): SitePaths {
  const docs = join(REPO_ROOT, "docs");
  return { results: resultsDir(env), proofs: join(REPO_ROOT, "proofs"), docs, dist: join(docs, ".vitepress", "dist") };
}

/** A path as a reader of the repo would write it: `results/smoke.json`. */
export function shown(path: string): string {
  const fromRoot = relative(REPO_ROOT, path);
  return fromRoot.startsWith("..") ? path : fromRoot;
}
