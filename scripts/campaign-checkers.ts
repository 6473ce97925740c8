#!/usr/bin/env tsx
/**
 * `npx tsx scripts/campaign-checkers.ts`: the campaign's recorder and checkers at 100,000 and 1,000,000 operations,
 * on synthetic clean histories (`src/campaign/synthetic-history.ts`) with faults at a steady rate, as a 60 s and a
 * 600 s campaign would have them; no broker. Each size runs in a process of its own, so that its peak memory is its
 * own. Printed per size: operations recorded and checked per second, the history's size (in memory and as JSON),
 * the peak resident memory after recording and after checking, and each checker's time; then how the checkers'
 * time grew from the small to the large history, and the faults per minute the schedule generator plans.
 *
 * `--fault-every 1000` packs ten times the faults into the same operations.
 *
 * It asserts no timing (a ratio of two timings on a shared machine would fail for the neighbours' sake), only that
 * each clean history is judged clean: it exits non-zero otherwise, and CI runs it. Not a test file, so not part of
 * the unit project.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { campaignCheckers, checkCampaign } from "../src/campaign/checkers.js";
import { generateSchedule } from "../src/campaign/schedule.js";
import { syntheticCampaign } from "../src/campaign/synthetic-history.js";

interface Figures {
  operations: number;
  /** Fault steps applied (a fault and its recovery are two). */
  faultSteps: number;
  rssAtStartMb: number;
  recordedPerSecond: number;
  checkedPerSecond: number;
  /** The first run, with the JIT still cold, and the fastest of three after it. */
  checkMs: number;
  warmCheckMs: number;
  columnsMb: number;
  jsonMb: number;
  peakRssAfterRecordingMb: number;
  peakRssAfterCheckingMb: number;
  checkers: Record<string, number>;
}

/** A fault (a broker killed and restarted, and a member crashing or rejoining) every so many operations: `--fault-every`. */
const FAULT_EVERY = Number(process.argv[process.argv.indexOf("--fault-every") + 1] ?? 10_000) || 10_000;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const peakRss = () => mb(process.resourceUsage().maxRSS * 1024);

function measure(operations: number): Figures {
  const rssAtStartMb = peakRss();
  let started = performance.now();
  const { recorder, plan } = syntheticCampaign(operations, FAULT_EVERY);
  const recordMs = performance.now() - started;
  const peakRssAfterRecordingMb = peakRss();
  const history = recorder.columns();
  const columnsMb = mb(history.length * (1 + 8 + 6 * 4));
  started = performance.now();
  const verdicts = checkCampaign(history, plan);
  const checkMs = performance.now() - started;
  const peakRssAfterCheckingMb = peakRss();
  const invalid = verdicts.filter((v) => !v.valid);
  if (invalid.length > 0) throw new Error(`expected a clean synthetic campaign; ${invalid.map((v) => v.checker).join(", ")} found anomalies`);
  // Each checker again, alone, for its share of the time (the second run is warm, as the first one's total was not).
  const checkers: Record<string, number> = {};
  for (const check of campaignCheckers(plan)) {
    const t = performance.now();
    const { checker } = check(history);
    checkers[checker] = Math.round(performance.now() - t);
  }
  let warmCheckMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    checkCampaign(history, plan);
    warmCheckMs = Math.min(warmCheckMs, performance.now() - t);
  }
  const jsonMb = mb(Buffer.byteLength(JSON.stringify(recorder)));
  return {
    operations: history.length,
    faultSteps: plan.schedule.steps.length - 1,
    rssAtStartMb,
    recordedPerSecond: Math.round(history.length / (recordMs / 1000)),
    checkedPerSecond: Math.round(history.length / (checkMs / 1000)),
    checkMs: Math.round(checkMs),
    warmCheckMs: Math.round(warmCheckMs),
    columnsMb,
    jsonMb,
    peakRssAfterRecordingMb,
    peakRssAfterCheckingMb,
    checkers,
  };
}

function faultsPerMinute(duration: number): number {
  const targets = { brokers: [1, 2, 3], groups: ["A", "B", "S"], topics: [{ name: "orders", partitions: 6 }], consumers: ["A1", "A2", "B1", "B2", "S1", "S2"] };
  let faults = 0;
  for (let seed = 0; seed < 100; seed++) faults += generateSchedule(seed, duration, targets).steps.filter((s) => "target" in s || "consumer" in s).length;
  return Math.round((faults / 100 / (duration / 60_000)) * 10) / 10;
}

const one = process.argv.indexOf("--one");
if (one >= 0) {
  console.log(JSON.stringify(measure(Number(process.argv[one + 1]))));
} else {
  const runs = [100_000, 1_000_000].map((operations) => {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--one", String(operations), "--fault-every", String(FAULT_EVERY)], {
      encoding: "utf8",
    });
    if (child.status !== 0) throw new Error(`the run at ${operations} operations failed: ${child.stderr}`);
    const figures = JSON.parse(child.stdout) as Figures;
    console.log(JSON.stringify(figures, null, 2));
    return figures;
  });
  const [small, large] = runs as [Figures, Figures];
  const growth = (of: (f: Figures) => number) => (of(large) / of(small)).toFixed(1);
  console.log(
    `checkers' time from ${small.operations} to ${large.operations} operations (×${growth((f) => f.operations)}): ×${growth((f) => f.checkMs)} cold, ×${growth((f) => f.warmCheckMs)} warm`,
  );
  console.log(`faults the schedule plans (mean of 100 seeds): ${faultsPerMinute(60_000)} a minute over 60 s, ${faultsPerMinute(600_000)} over 600 s`);
}
