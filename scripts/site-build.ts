#!/usr/bin/env tsx
/**
 * `npm run docs:build`: builds the site from the results already in results/,
 * without running any proof. Reports how long the build took.
 */
import { chalk, echo } from "zx";
import { FolderBusyError } from "../src/evidence/folder-lock.js";
import { buildSite } from "../src/site/build-site.js";
import { shown, sitePaths } from "../src/site/site-paths.js";
import { ResultsError } from "../src/site/validation/results-error.js";

try {
  const paths = sitePaths();
  const { results, seconds } = await buildSite(paths);
  const failed = results.filter((r) => r.verdict === "fail").length;
  echo(chalk.green(`Site built from ${results.length} results in ${seconds.toFixed(1)} s → ${shown(paths.dist)}`));
  if (failed > 0) echo(chalk.yellow(`${failed} of them failed; their pages show them as failed, with their evidence.`));
} catch (error) {
  if (!(error instanceof ResultsError || error instanceof FolderBusyError)) throw error;
  echo(chalk.red(error.message));
  process.exit(1);
}
