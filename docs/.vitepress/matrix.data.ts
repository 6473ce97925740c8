// The proof matrix, for the pages' Vue components (ProofMatrix, ProofCells): read from every results
// folder at build time, and again in `npm run docs:dev` whenever a results file changes.
import { join } from "node:path";
import { defineLoader } from "vitepress";
import { MATRIX_RUN_FILE } from "../../src/evidence/matrix-run.js";
import { proofMatrix, type ProofMatrix } from "../../src/site/proof-matrix.js";
import { isUnder } from "../../src/site/results-watch.js";
import { loadSiteResults } from "../../src/site/site-results.js";
import { sitePaths } from "../../src/site/site-paths.js";

const paths = sitePaths();
// VitePress globs `watch` from the working directory, and a folder outside it (KAFKA_PROOFS_RESULTS_DIR=/tmp/…) would have
// it walk the whole file system: such a folder is followed by the site's results watch alone (src/site/results-watch.ts).
const watchable = isUnder(process.cwd(), paths.results);

declare const data: ProofMatrix;
export { data };

export default defineLoader({
  // Every cell's and version's results, and the matrix run's record: a dotfile, which a glob passes over unless it is named.
  ...(watchable ? { watch: [join(paths.results, "**/*.json"), join(paths.results, MATRIX_RUN_FILE)] } : {}),
  load: (): ProofMatrix => proofMatrix(loadSiteResults(paths)),
});
