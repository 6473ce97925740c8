/**
 * `npm run docs:dev` follows results/: with a page open in headless Chromium, a
 * results file is rewritten, and the open page changes without being reloaded —
 * its evidence blocks (rendered from the markdown) and the table of cells at its
 * top (fed by the data loader) both.
 *
 * Runs the dev server on a copy of results/ (so the real results are never
 * touched) inside the checkout, where a results folder usually is; needs
 * recorded results and Chromium; starts no broker.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { ProofResult } from "../src/evidence/proof-result.js";
import { launchChromium } from "../src/site/chromium.js";
import { sitePaths } from "../src/site/site-paths.js";
import { proofMatrix } from "../src/site/proof-matrix.js";
import { loadSiteResults } from "../src/site/site-results.js";

const paths = sitePaths();
const copy = mkdtempSync(join(dirname(paths.docs), "results-site-dev-"));
const vitepress = join(dirname(createRequire(import.meta.url).resolve("vitepress/package.json")), "bin", "vitepress.js");

let dev: ChildProcess | undefined;
let url: string | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  cpSync(paths.results, copy, { recursive: true, filter: (source) => !source.includes(`${join(paths.results, "screenshots")}`) && !source.endsWith(".lock") });
  // Vite takes the next free port when its own is in use, and says which on its "Local:" line.
  dev = spawn(process.execPath, [vitepress, "dev", paths.docs], {
    cwd: dirname(paths.docs),
    env: { ...process.env, KAFKA_PROOFS_RESULTS_DIR: copy, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the dev server printed no URL within 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Local:\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    dev!.stdout!.on("data", read);
    dev!.stderr!.on("data", read);
    dev!.once("exit", (code) => reject(new Error(`the dev server exited (${code}) before it served:\n${output}`)));
  });
  browser = await launchChromium();
}, 120_000);

// Closed even when a test or the setup failed: no server, browser or copy outlives the run.
afterAll(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null && dev.signalCode === null) {
    const exited = new Promise((resolve) => dev!.once("exit", resolve));
    dev.kill("SIGTERM");
    // A server busy compiling may not get to its SIGTERM handler soon: it is ours, so it is killed outright then.
    const late = setTimeout(() => dev!.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(late);
  }
  rmSync(copy, { recursive: true, force: true });
});

test("a changed results file changes the open page, evidence and matrix both, without a reload", async () => {
  const site = loadSiteResults({ results: copy, proofs: paths.proofs });
  const result = site.results.find((r) => r.verdict !== "skipped")!;
  const entry = proofMatrix(site).rows.find((row) => row.id === result.id)!.entries[0]!;
  const page = await browser!.newPage();
  try {
    // The dev server compiles each module on its first request: the first page takes a while on a busy machine.
    await page.goto(new URL(`proofs/${result.id}.html`, url).href, { waitUntil: "load", timeout: 120_000 });
    const verdict = page.locator(".evidence[data-view='verdict'] .verdict");
    const mark = page.locator(".proof-cells td.matrix-entry >> nth=0");
    await expect.poll(() => verdict.getAttribute("data-verdict"), { timeout: 60_000 }).toBe(result.verdict);
    await expect.poll(() => mark.getAttribute("data-status"), { timeout: 30_000 }).toBe(entry.status);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // Recorded now: a result of the run shown, whatever the run, so the matrix shows its verdict.
    const now = { startedAt: new Date().toISOString() };
    const flipped: ProofResult =
      result.verdict === "pass" ? { ...result, ...now, verdict: "fail", reasons: ["rewritten by the dev-server test"] } : { ...result, ...now, verdict: "pass", reasons: [] };
    const file = join(copy, `${result.id}.json`);
    expect((JSON.parse(readFileSync(file, "utf8")) as ProofResult).verdict).toBe(result.verdict);
    writeFileSync(file, JSON.stringify(flipped));

    await expect.poll(() => verdict.getAttribute("data-verdict"), { timeout: 60_000 }).toBe(flipped.verdict);
    await expect.poll(() => mark.getAttribute("data-status"), { timeout: 30_000 }).toBe(flipped.verdict);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), "the page was updated in place, not reloaded").toBe(true);
  } finally {
    await page.close();
  }
}, 300_000);
