#!/usr/bin/env tsx
/**
 * `npm start`: the whole thing on one machine. Runs the proofs against a real
 * broker, builds the site from what that run recorded, serves it and prints
 * its URL. Ctrl-C stops the server.
 */
import { $, chalk, echo } from "zx";
import { FolderBusyError } from "../src/evidence/folder-lock.js";
import { lockResults, removeRecordedResults } from "../src/evidence/results-dir.js";
import { buildSite } from "../src/site/build-site.js";
import { PREFERRED_PORT, serveUntilStopped } from "../src/site/serve-until-stopped.js";
import { siteBase } from "../src/site/site-base.js";
import { sitePaths } from "../src/site/site-paths.js";
import { ResultsError } from "../src/site/validation/results-error.js";

const paths = sitePaths();

// The folder is this run's until the site is built: another run's results must not mix with ours.
let resultsLock;
try {
  resultsLock = lockResults();
} catch (error) {
  if (!(error instanceof FolderBusyError)) throw error;
  echo(chalk.red(error.message));
  process.exit(1);
}
// Results of an earlier run must not pass for this run's; whatever else the folder holds stays.
await removeRecordedResults(paths.results);

echo(chalk.bold("1/3 Running the proofs against a real Kafka broker…"));
const proofs = await $({ stdio: "inherit", nothrow: true })`npm run --silent proofs`;
if (proofs.exitCode !== 0) echo(chalk.yellow("Not every proof passed: the site shows each failed one as failed, with its evidence."));

echo(chalk.bold("2/3 Building the site from this run's results…"));
try {
  const { results, seconds } = await buildSite(paths);
  echo(`Built ${results.length} proof pages in ${seconds.toFixed(1)} s.`);
} catch (error) {
  if (!(error instanceof ResultsError || error instanceof FolderBusyError)) throw error;
  echo(chalk.red(error.message));
  if (error instanceof ResultsError) echo(chalk.red("The proofs' output above says why they recorded nothing."));
  process.exit(1);
}

resultsLock.release();

echo(chalk.bold("3/3 Serving the site…"));
await serveUntilStopped(paths.dist, {
  port: Number(process.env.PORT) || PREFERRED_PORT,
  base: siteBase(),
  onReady: (url) => echo(`\n  ${chalk.green("The proofs and their evidence:")} ${chalk.bold(url)}\n  (Ctrl-C stops the server)\n`),
});
