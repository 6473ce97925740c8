#!/usr/bin/env tsx
/**
 * `npm run soak -- --runs N [--project NAME]... [vitest arguments]`: runs the
 * tests N times, one run after another, to find the ones that fail only
 * sometimes. Each failure is printed when its run ends (which test, which run),
 * then a tally; the exit code is 1 if any run failed.
 *
 *   npm run soak -- --runs 10 --project proofs src/walkthrough/walkthrough.broker.test.ts
 *
 * Each run is one vitest process, started in a process group of its own.
 * Ctrl-C or SIGTERM stops the run under way and every process of that group,
 * then prints the tally of the runs done so far; a second Ctrl-C (not the same
 * one relayed by npm and tsx) kills the group at once. Should soak itself be
 * killed (even with kill -9), the watchdog that guards a broker JVM stops the
 * run's group and removes its report folder.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { guardJvm, MARK_VARIABLE, runMark, type Guard } from "../src/broker/native/process-guard.js";
import { SOAK_USAGE, SoakUsageError, failuresOf, parseSoakArgs, tally, type JsonReport, type RunOutcome } from "./soak-report.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));
/** After a stop is asked of a run, or after vitest exits, how long its process group may take to be gone before it is killed. */
const GRACE_MS = 10_000;
/** Ctrl-C reaches soak once from the terminal and again relayed by npm and tsx; signals this close together are one. */
const SAME_SIGNAL_MS = 1_000;
const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

let options;
try {
  options = parseSoakArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof SoakUsageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
if (options.help) {
  say(SOAK_USAGE);
  process.exit(0);
}
const { runs, projects, vitestArgs } = options;

const vitestPackage = createRequire(import.meta.url).resolve("vitest/package.json");
const vitest = join(dirname(vitestPackage), (JSON.parse(readFileSync(vitestPackage, "utf8")) as { bin: { vitest: string } }).bin.vitest);

let current: ChildProcess | undefined;
/** The run under way's folder, holding its JSON report. */
let runDir: string | undefined;
let stop: { signal: NodeJS.Signals; at: number } | undefined;

/** Signals the run's whole process group; nothing happens if it is gone. */
function signalRun(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group has no process left.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (groupAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

function onSignal(signal: NodeJS.Signals): void {
  if (stop === undefined) {
    stop = { signal, at: Date.now() };
    say(`\nsoak: ${signal}: stopping the run under way and its processes...`);
    signalRun(current, signal);
    const escalation = setTimeout(() => signalRun(current, "SIGKILL"), GRACE_MS);
    escalation.unref();
  } else if (Date.now() - stop.at > SAME_SIGNAL_MS) {
    signalRun(current, "SIGKILL");
  }
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
// Whatever ends soak, no run outlives it.
process.on("exit", () => {
  signalRun(current, "SIGKILL");
  if (runDir) rmSync(runDir, { recursive: true, force: true });
});

async function runOnce(run: number): Promise<RunOutcome> {
  runDir = mkdtempSync(join(tmpdir(), "soak-run-"));
  const reportFile = join(runDir, "report.json");
  const args = [vitest, "run", ...projects.flatMap((p) => ["--project", p]), "--reporter=dot", "--reporter=json", `--outputFile.json=${reportFile}`, ...vitestArgs];
  // The mark lets the watchdog recognise this run as ours after soak itself is gone (see guardJvm).
  const env = { ...process.env, [MARK_VARIABLE]: runMark(runDir) };
  const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ["ignore", "inherit", "inherit"], detached: true });
  current = child;
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: `a failure to start (${error.message})` }));
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  let guard: Guard | undefined;
  if (child.pid !== undefined) guard = await guardJvm({ ownerPid: process.pid, jvmPid: child.pid, runDir, startedAt: new Date().toISOString() }, child);
  const exit = await exited;
  const failures = failuresOf(readReport(reportFile), exit, REPO);
  if (child.pid !== undefined && !(await groupGone(child.pid, GRACE_MS))) {
    signalRun(child, "SIGKILL");
    if (stop === undefined) failures.push({ test: "(the run)", reason: `processes of the run were still running ${GRACE_MS / 1000} s after vitest exited; soak killed them` });
  }
  guard?.release();
  current = undefined;
  rmSync(runDir, { recursive: true, force: true });
  runDir = undefined;
  return { run, failures };
}

function readReport(file: string): JsonReport | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as JsonReport;
  } catch {
    return undefined;
  }
}

const outcomes: RunOutcome[] = [];
for (let run = 1; run <= runs && stop === undefined; run++) {
  say(`\nsoak: run ${run} of ${runs}: vitest run ${[...projects.flatMap((p) => ["--project", p]), ...vitestArgs].join(" ")}`);
  const started = Date.now();
  const outcome = await runOnce(run);
  // A run cut short by a stop says nothing about the tests.
  if (stop !== undefined) break;
  outcomes.push(outcome);
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (outcome.failures.length === 0) say(`soak: run ${run} of ${runs}: passed (${took})`);
  for (const failure of outcome.failures) say(`soak: run ${run} of ${runs}: FAILED ${failure.test}: ${failure.reason}`);
}

say("");
for (const line of tally(outcomes, runs, stop && `stopped by ${stop.signal}`)) say(line);
process.exit(stop ? (EXIT_CODES[stop.signal] ?? 1) : outcomes.some((o) => o.failures.length > 0) ? 1 : 0);
