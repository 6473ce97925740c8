import { readFileSync } from "node:fs";
import { join } from "node:path";
import { proofPage } from "./proof-page.js";
import { sitePaths, type SitePaths } from "./site-paths.js";
import { loadResults } from "./validation/load-results.js";

export interface ProofRoute {
  params: { id: string };
  /** The page's markdown, put in place of `<!-- @content -->` in `docs/proofs/[id].md`. */
  content: string;
}

/** One page per proof, from its validated results and its source: what `docs/proofs/[id].paths.ts` hands VitePress. */
export function proofRoutes(paths: Pick<SitePaths, "results" | "proofs"> = sitePaths()): ProofRoute[] {
  return loadResults(paths).map((result) => ({
    params: { id: result.id },
    content: proofPage(result, readFileSync(join(paths.proofs, `${result.id}.proof.ts`), "utf8")),
  }));
}
