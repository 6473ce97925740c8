import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { MatrixRun } from "../evidence/matrix-run.js";
import type { ProofResult } from "../evidence/proof-result.js";
import { CELLS, runResultsFolder, versionOfFolder, type MatrixColumn } from "../evidence/results-layout.js";
import { KAFKA_VERSION } from "../kafka-version.js";
import type { SitePaths } from "./site-paths.js";
import { loadColumnResults, loadResults } from "./validation/load-results.js";
import { loadMatrixRun } from "./validation/load-matrix-run.js";

/** One column of the matrix (a cell on a Kafka version) and the results its folder holds, of whichever run. */
export interface ColumnResults extends MatrixColumn {
  /** Its results folder under results/, `/`-separated; "" for the default cell on the pinned Kafka. */
  folder: string;
  results: readonly ProofResult[];
}

/** Everything the site is built from. */
export interface SiteResults {
  /** The default cell on the pinned Kafka (results/<id>.json): one for every proof, or the build stops. */
  results: readonly ProofResult[];
  /** Every cell on the pinned Kafka and on each version with a folder under results/, the default column first. */
  columns: readonly ColumnResults[];
  /** What the last `npm run matrix` recorded; undefined when none has run here. */
  matrixRun?: MatrixRun;
}

/** Reads and validates every results folder; a malformed file anywhere stops the build, naming it. */
export function loadSiteResults(paths: Pick<SitePaths, "results" | "proofs">): SiteResults {
  const results = loadResults(paths);
  const columns = kafkaVersions(paths.results).flatMap((kafkaVersion) =>
    CELLS.map((cell) => {
      const folder = runResultsFolder({ kafkaVersion, cell });
      return { kafkaVersion, cell, folder, results: folder === "" ? results : loadColumnResults(join(paths.results, folder), paths.proofs) };
    }),
  );
  const matrixRun = loadMatrixRun(paths.results);
  return { results, columns, ...(matrixRun ? { matrixRun } : {}) };
}

/** The pinned version, then every other one with a folder (results/kafka-3.9.2/), newest first. */
function kafkaVersions(resultsDir: string): string[] {
  const others = existsSync(resultsDir)
    ? readdirSync(resultsDir, { withFileTypes: true })
        .flatMap((entry) => (entry.isDirectory() ? [versionOfFolder(entry.name)] : []))
        .filter((v) => v !== undefined)
    : [];
  return [KAFKA_VERSION, ...others.sort(newestFirst)];
}

function newestFirst(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return y![i]! - x![i]!;
  return 0;
}
