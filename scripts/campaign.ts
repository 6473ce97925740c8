#!/usr/bin/env tsx
/**
 * `npm run campaign -- --seconds S --seed N`: a fault campaign on a three-node native cluster, then its control,
 * each judged over its whole history (src/campaign/). Writes `results/campaigns/<id>.json` (or under
 * `KAFKA_PROOFS_RESULTS_DIR`), prints each checker's verdict and the figures, and exits 1 unless the campaign is
 * clean and its control lost acknowledged writes.
 *
 * `--judge <file>` judges a result's histories again with the checkers as they are now, without a broker, and
 * prints the verdicts: a checker changed, the campaigns already run are read again.
 *
 * `--only claim` or `--only control` runs one of the two (to soak the control, or measure a long campaign); the
 * file then holds that one, and the exit code says whether it came out as it must.
 */
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { chalk, echo } from "zx";
import { lostByPartition } from "../src/campaign/acknowledged-writes.js";
import { campaignId, CAMPAIGN_FORMAT, type CampaignResult, type CampaignRun } from "../src/campaign/campaign-result.js";
import { checkCampaign, judgeCampaign } from "../src/campaign/checkers.js";
import { HistoryRecorder } from "../src/campaign/history.js";
import { runCampaign, type CampaignRunRecord } from "../src/campaign/runner.js";
import { ConfigError } from "../src/errors.js";
import type { CheckerVerdict } from "../src/campaign/finding.js";
import { resultsDir } from "../src/evidence/results-dir.js";
import { kafkaVersionFrom } from "../src/kafka-version.js";
import { MAX_SEED, parseCampaignArgs } from "./campaign-args.js";

let args;
try {
  args = parseCampaignArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  echo(chalk.red(error.message));
  process.exit(2);
}
if (args.kind === "judge") process.exit(rejudge(args.file));
const { seconds, only } = args;
const seed = args.seed ?? randomInt(0, MAX_SEED);

// kafkajs 2.2.4 lets some errors of a client whose brokers die under it escape as unhandled rejections ("Broker not
// connected" from a metadata refresh racing a disconnect): the client's bug, not the campaign's end. Each is printed
// and the campaign goes on; any other unhandled rejection is ours, and ends the run as Node would.
let clientEscapes = 0;
const clientEscape = (reason: unknown) => {
  const stack = reason instanceof Error ? (reason.stack ?? "") : "";
  if (!stack.includes("node_modules/kafkajs/")) throw reason;
  clientEscapes++;
  echo(chalk.yellow(`a kafkajs error escaped its client (${clientEscapes} so far), the campaign goes on: ${reason instanceof Error ? reason.message : String(reason)}`));
};
process.on("unhandledRejection", clientEscape);
process.on("uncaughtException", clientEscape);
// Each JVM of the campaign (three brokers, their watchdogs, the Java hosts) hooks the process's exit to end with it.
process.setMaxListeners(32);
// A campaign that ends without its verdict has not passed, whatever ended it: it fails, and says where it ended (the
// listener runs inside whatever called process.exit, so its stack names the caller).
let judged = false;
process.on("exit", (code) => {
  if (judged || code !== 0) return;
  echo(chalk.red(`The campaign ended before its verdict, with nothing written; it fails. It ended at:\n${new Error().stack ?? ""}`));
  process.exitCode = 1;
});

const version = kafkaVersionFrom(process.env);
const startedAt = new Date().toISOString();
const before = loadavg();
echo(chalk.bold(`Fault campaign: seed ${seed}, ${seconds} s, Kafka ${version} (replay with --seed ${seed} --seconds ${seconds})`));
const say = (prefix: string) => (line: string) => echo(chalk.dim(`[${prefix} ${new Date().toISOString().slice(11, 19)}] ${line}`));

const asRun = (r: CampaignRunRecord): CampaignRun => ({
  schedule: r.schedule,
  plan: r.plan,
  applied: r.applied,
  topic: r.topic,
  nodes: r.nodes,
  history: r.history.toJSON(),
  verdicts: r.verdicts,
  figures: r.figures,
});

const claim = only === "control" ? undefined : await runCampaign({ seed, duration: seconds * 1000, version, env: process.env, control: false, onProgress: say("campaign") });
if (claim) report("The campaign", claim);
const control = only === "claim" ? undefined : await runCampaign({ seed, duration: seconds * 1000, version, env: process.env, control: true, onProgress: say("control") });
if (control) {
  report("The control", control);
  echo(`The control's lost acknowledged writes, by partition and offset: ${lostByPartition(control.verdicts[0]!)}`);
}

const judgement = judgeCampaign(claim?.verdicts ?? [], control?.verdicts[0] ?? { checker: "", valid: true, checked: 0, anomalies: [] }, version);
// A part not run is not judged: its reasons are dropped, and the file says which part is missing.
const reasons = judgement.reasons.filter((r) => (control ? true : !r.startsWith("the control")));
const verdict = reasons.length === 0 ? "pass" : "fail";
const id = campaignId(seed, seconds);
const result: CampaignResult = {
  format: CAMPAIGN_FORMAT,
  id,
  seed,
  startedAt,
  kafka: { version },
  load: { before, after: loadavg(), cores: cpus().length },
  claim: claim ? asRun(claim) : null,
  control: control ? asRun(control) : null,
  judgement: { verdict, reasons, known: judgement.known },
};
const dir = join(resultsDir(process.env), "campaigns");
await mkdir(dir, { recursive: true });
const file = join(dir, `${id}.json`);
await writeFile(file, JSON.stringify(result));
echo(`Result: ${file}`);
printKnown(judgement.known);
echo(verdict === "pass" ? chalk.green(`PASS (seed ${seed})`) : chalk.red(`FAIL (seed ${seed}):\n  ${reasons.join("\n  ")}`));
judged = true;
process.exit(verdict === "pass" ? 0 : 1);

function printVerdicts(heading: string, verdicts: readonly CheckerVerdict[]): void {
  echo(chalk.bold(`${heading}:`));
  for (const v of verdicts) {
    const mark = v.valid ? chalk.green("✓") : chalk.red("✗");
    echo(`  ${mark} ${v.checker} (${v.checked} checked${v.valid ? "" : `, ${v.anomalies.length} anomalies; first: ${v.anomalies[0]?.detail}`})`);
  }
}

function report(what: string, r: CampaignRunRecord): void {
  printVerdicts(what, r.verdicts);
  const f = r.figures;
  echo(
    `  ${f.operations} operations in ${f.seconds} s (${f.recordedPerSecond}/s recorded), checked in ${f.checkMs} ms (${f.checkedPerSecond}/s); ` +
      `history ${(f.historyBytes / 2 ** 20).toFixed(1)} MB as JSON; ${f.faultsPerMinute} faults a minute; recorder ${f.recorderMb} MB, ` +
      `checkers' peak ${f.peakCheckersMb} MB (${f.peakHow}); process peak ${f.processPeakMb} MB; heal drained in ${f.healSeconds} s; ` +
      `members started again after their client gave up: ${f.revived}\n` +
      `  read during the run / after the heal: ${f.progress.map((p) => `${p.group} ${p.duringRun} / ${p.afterHeal}${p.firstAt === null ? "" : ` (first at ${(p.firstAt / 1000).toFixed(1)} s)`}`).join(", ")}`,
  );
  const skipped = r.applied.filter((a) => !a.applied);
  if (skipped.length > 0) echo(chalk.dim(`  steps not applied: ${skipped.map((a) => `${a.step} (${a.reason})`).join("; ")}`));
}

/** Findings that are a known defect of the Kafka the campaign ran on: shown, in yellow, and not counted against it. */
function printKnown(known: readonly string[]): void {
  if (known.length > 0) echo(chalk.yellow(`Found, and known of this Kafka release (not counted against the campaign):\n  ${known.join("\n  ")}`));
}

function rejudge(file: string): number {
  // Read as unknown: a file from elsewhere may hold anything, and its format is checked first.
  let result: Omit<CampaignResult, "format"> & { format: unknown };
  try {
    result = JSON.parse(readFileSync(file, "utf8")) as Omit<CampaignResult, "format"> & { format: unknown };
  } catch (error) {
    echo(chalk.red(`--judge ${file}: ${error instanceof Error ? error.message : String(error)}\n  → Give a result file a campaign wrote (results/campaigns/<id>.json).`));
    return 2;
  }
  if (result.format !== CAMPAIGN_FORMAT) {
    echo(
      chalk.red(
        `--judge ${file}: not a campaign result of this version (format ${String(result.format)}, not ${CAMPAIGN_FORMAT}).\n  → Give a result file a campaign wrote (results/campaigns/<id>.json).`,
      ),
    );
    return 2;
  }
  const again = (run: CampaignRun | null) => (run ? checkCampaign(HistoryRecorder.from(run.history).columns(), run.plan) : undefined);
  const [claim, control] = [again(result.claim), again(result.control)];
  for (const [what, verdicts] of [
    ["The campaign", claim],
    ["The control", control],
  ] as const) {
    if (verdicts) printVerdicts(`${what} (${file}, judged again)`, verdicts);
  }
  const judgement = judgeCampaign(claim ?? [], control?.[0] ?? { checker: "", valid: true, checked: 0, anomalies: [] }, result.kafka.version);
  const reasons = judgement.reasons.filter((r) => (control ? true : !r.startsWith("the control")));
  printKnown(judgement.known);
  echo(reasons.length === 0 ? chalk.green(`PASS (seed ${result.seed})`) : chalk.red(`FAIL (seed ${result.seed}):\n  ${reasons.join("\n  ")}`));
  return reasons.length === 0 ? 0 : 1;
}
