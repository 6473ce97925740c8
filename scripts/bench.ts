#!/usr/bin/env tsx
/**
 * `npm run bench`: the figures the project's speed targets speak of.
 *
 * - broker ready: from `startBroker()` to a broker that accepts clients, with the
 *   jar cache warm (one run first warms it), over several starts;
 * - suite: the unit tests and the proofs (`vitest run --project unit --project proofs`,
 *   one broker, every cell of the default run), end to end, the JVMs each run started,
 *   by kind (`KAFKA_PROOFS_JVM_LOG`), and the CPU each kind of process used (the suite is
 *   CPU-bound: its CPU over the cores is its floor); `--harness` adds the harness project's tests;
 * - the suite over its longest proof file run alone, in the same bench: how far the suite is from its floor;
 * - site build: `npm run docs:build` from the results the suite just wrote, when the site exists.
 *
 * It prints the figures; it asserts nothing about them.
 *
 * `npm run bench -- --scale` measures throughput at a million messages instead (see `bench-scale.ts`).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { $, argv, echo } from "zx";
import { startBroker } from "../src/broker/start-broker.js";
import { describeBroker } from "../src/broker/started-broker.js";
import { countJvmStarts } from "../src/broker/native/jvm-starts.js";
import { benchScale } from "./bench-scale.js";
import { CpuByKind, describeCpu } from "./cpu-by-kind.js";
import { longestProofFile, type VitestJsonReport } from "./bench-report.js";

const STARTS = Number(argv.starts ?? 3);
const SUITES = Number(argv.suites ?? 1);
const PROJECTS = argv.harness ? ["unit", "harness", "proofs"] : ["unit", "proofs"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

if (argv.scale) await scale();
else await suite();

async function scale(): Promise<void> {
  await using broker = await startBroker(process.env, () => undefined);
  echo(
    `${describeBroker(broker).replace(/ at .*/, "")}, ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  await benchScale(broker, (line) => echo(line));
  echo(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}

async function suite(): Promise<void> {
  const loadBefore = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  const ready: number[] = [];
  const stops: number[] = [];
  let described = "";
  for (let i = 0; i <= STARTS; i++) {
    const started = performance.now();
    const broker = await startBroker(process.env, () => undefined);
    // The first start may resolve jars into the cache; only warm starts count.
    if (i > 0) ready.push((performance.now() - started) / 1000);
    described = describeBroker(broker);
    stops.push(await timed(() => broker.stop()));
  }

  const suites: number[] = [];
  const jvmStarts: string[] = [];
  const cpuUse: string[] = [];
  let longest: { file: string; seconds: number } | undefined;
  let longestAlone: { file: string; seconds: number } | undefined;
  const logs = mkdtempSync(join(tmpdir(), "bench-jvms-"));
  try {
    for (let i = 0; i < SUITES; i++) {
      const log = join(logs, `run-${i}.log`);
      const projects = PROJECTS.flatMap((project) => ["--project", project]);
      const report = join(logs, `run-${i}.json`);
      suites.push(
        await timed(async () => {
          const run = $({ quiet: true, env: { ...process.env, KAFKA_PROOFS_JVM_LOG: log } })`npx vitest run ${projects} --reporter=json --outputFile=${report}`;
          const cpu = run.pid !== undefined && CpuByKind.available() ? new CpuByKind(run.pid) : undefined;
          cpu?.start();
          try {
            await run;
          } finally {
            cpuUse.push(cpu ? describeCpu(cpu.stop(), availableParallelism()) : "not measured here (no /proc)");
          }
        }),
      );
      const counts = countJvmStarts(readFileSync(log, "utf8"));
      jvmStarts.push(`${counts.reduce((sum, c) => sum + c.starts, 0)} (${counts.map((c) => `${c.kind} ${c.starts}`).join(", ")})`);
      longest = longestProofFile(JSON.parse(readFileSync(report, "utf8")) as VitestJsonReport) ?? longest;
    }
    // The suite's floor, measured in the same run: its longest proof file, alone on the machine (with the run's own broker start).
    if (longest !== undefined) {
      const file = longest.file;
      longestAlone = { file, seconds: await timed(() => $({ quiet: true })`npx vitest run --project proofs ${file}`) };
    }
  } finally {
    rmSync(logs, { recursive: true, force: true });
  }

  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  const site = SUITES > 0 && scripts["docs:build"] ? await timed(() => $({ quiet: true })`npm run docs:build`) : undefined;

  echo(`\n${described.replace(/ at .*/, "")}, ${process.version}, ${STARTS} warm starts`);
  echo(`broker ready   median ${median(ready).toFixed(2)} s   (${ready.map((s) => s.toFixed(2)).join(", ")})`);
  echo(`broker stop    median ${median(stops).toFixed(2)} s`);
  if (suites.length > 0) {
    echo(`suite          median ${median(suites).toFixed(2)} s   (${suites.map((s) => s.toFixed(2)).join(", ")})   vitest run --project ${PROJECTS.join(" --project ")}`);
    for (const [i, starts] of jvmStarts.entries()) echo(`JVM starts     run ${i + 1}: ${starts}`);
    for (const [i, cpu] of cpuUse.entries()) echo(`CPU            run ${i + 1}: ${cpu}`);
    if (longest && longestAlone) {
      echo(
        `longest proof  ${relative(process.cwd(), longest.file)}: ${longest.seconds.toFixed(2)} s in the suite, ${longestAlone.seconds.toFixed(2)} s alone (vitest run of that file)`,
      );
      echo(`suite ÷ longest proof alone   ${(median(suites) / longestAlone.seconds).toFixed(2)}×`);
    }
  }
  if (site !== undefined) echo(`site build            ${site.toFixed(2)} s`);
  echo(
    `load average   ${loadBefore} at the start, ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} at the end`,
  );
}
