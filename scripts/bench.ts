#!/usr/bin/env tsx
/**
 * `npm run bench`: the figures the project's speed targets speak of.
 *
 * - broker ready: from `startBroker()` to a broker that accepts clients, with the
 *   jar cache warm (one run first warms it), over several starts;
 * - suite: the unit tests and the proofs (`vitest run`, one broker), end to end;
 * - site build: `npm run docs:build` from the results the suite just wrote, when the site exists.
 *
 * It prints the figures; it asserts nothing about them.
 *
 * `npm run bench -- --scale` measures throughput at a million messages instead (see `bench-scale.ts`).
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { $, argv, echo } from "zx";
import { startBroker } from "../src/broker/start-broker.js";
import { describeBroker } from "../src/broker/started-broker.js";
import { benchScale } from "./bench-scale.js";

const STARTS = Number(argv.starts ?? 3);
const SUITES = Number(argv.suites ?? 1);

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
  echo(`${describeBroker(broker).replace(/ at .*/, "")}, ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  await benchScale(broker, (line) => echo(line));
  echo(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

async function suite(): Promise<void> {
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
  for (let i = 0; i < SUITES; i++) suites.push(await timed(() => $({ quiet: true })`npx vitest run --project unit --project harness --project proofs`));

  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  const site = SUITES > 0 && scripts["docs:build"] ? await timed(() => $({ quiet: true })`npm run docs:build`) : undefined;

  echo(`\n${described.replace(/ at .*/, "")}, ${process.version}, ${STARTS} warm starts`);
  echo(`broker ready   median ${median(ready).toFixed(2)} s   (${ready.map((s) => s.toFixed(2)).join(", ")})`);
  echo(`broker stop    median ${median(stops).toFixed(2)} s`);
  if (suites.length > 0) echo(`whole suite    median ${median(suites).toFixed(2)} s   (${suites.map((s) => s.toFixed(2)).join(", ")})`);
  if (site !== undefined) echo(`site build            ${site.toFixed(2)} s`);
}
