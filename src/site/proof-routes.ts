import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ProofResult } from "../evidence/proof-result.js";
import type { MatrixColumn } from "../evidence/results-layout.js";
import { proofPage } from "./proof-page.js";
import { currentResults } from "./proof-matrix.js";
import { loadSiteResults, type SiteResults } from "./site-results.js";
import { sitePaths, type SitePaths } from "./site-paths.js";

export interface ProofRoute {
  params: { id: string };
  /** The page's markdown, put in place of `<!-- @content -->` in `docs/proofs/[id].md`. */
  content: string;
}

export interface ColumnProofRoute {
  /** `run`: the results folder (`java-classic`, `kafka-3.9.2/java-classic`), so the page's path mirrors the file's. */
  params: { run: string; id: string };
  /** The page's markdown, put in place of `<!-- @content -->` in `docs/proofs/[run]/[id].md`. */
  content: string;
}

/** One page per proof in results/, from its validated results and its source: what `docs/proofs/[id].paths.ts` hands VitePress. */
export function proofRoutes(paths: Pick<SitePaths, "results" | "proofs"> = sitePaths(), site: SiteResults = loadSiteResults(paths)): ProofRoute[] {
  return site.results.map((result) => ({ params: { id: result.id }, content: page(paths, result) }));
}

/**
 * One page per result of this run in another cell or Kafka version: what `docs/proofs/[run]/[id].paths.ts`
 * hands VitePress. A result an earlier run left gets no page; the matrix shows it as not run.
 */
export function columnProofRoutes(paths: Pick<SitePaths, "results" | "proofs"> = sitePaths(), site: SiteResults = loadSiteResults(paths)): ColumnProofRoute[] {
  return currentResults(site)
    .filter(({ column }) => column.folder !== "")
    .map(({ column, result }) => ({ params: { run: column.folder, id: result.id }, content: page(paths, result, column) }));
}

function page(paths: Pick<SitePaths, "proofs">, result: ProofResult, column?: MatrixColumn): string {
  return proofPage(result, readFileSync(join(paths.proofs, `${result.id}.proof.ts`), "utf8"), column);
}
