/**
 * The built site's search, partition-ownership swimlanes and replays, driven in
 * headless Chromium: the local search finds a proof by its title; every run
 * with a group of several members draws a lane per partition; each replay
 * plays, steps both ways, and ends on the offsets the broker reported.
 * Screenshots at 1400 px wide go to results/screenshots/, beside the site test's.
 *
 * Needs a built site (`npm run docs:build`) and Chromium; starts no broker.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ProofResult } from "../src/evidence/proof-result.js";
import { OFFSET_COLUMNS, offsetRows } from "../src/site/render/offset-table.js";
import { proofHref, siteBase } from "../src/site/site-base.js";
import { sitePaths } from "../src/site/site-paths.js";
import { hasSeveralMembers, runSwimlanes } from "../src/site/swimlane/swimlane-model.js";
import { loadResults } from "../src/site/validation/load-results.js";
import { browseBuiltSite, type BrowsedSite } from "./fixtures/browsed-site.js";

const paths = sitePaths();
const base = siteBase();
const results = loadResults(paths).filter((r) => r.verdict !== "skipped");
const screenshots = join(paths.results, "screenshots");
const RUNS = ["claim", "control"] as const;
const WIDE = { width: 1400, height: 1000 };

let site: BrowsedSite | undefined;

beforeAll(async () => {
  site = await browseBuiltSite(paths, base, screenshots);
});

// Closed even when a test or the setup failed: no browser or server outlives the run.
afterAll(() => site?.close());

/** A site path in a fresh 1400 px page, once its scripts have run; fails on any script or console error, or request outside the site. */
async function open(path: string, run: (page: Page, loaded: () => Promise<number>) => Promise<void>): Promise<void> {
  const page = await site!.browser.newPage({ viewport: WIDE });
  const problems: string[] = [];
  const bodies: Promise<number>[] = [];
  page.on("response", (response) =>
    bodies.push(
      response.body().then(
        (body) => body.length,
        () => 0,
      ),
    ),
  );
  const origin = new URL(site!.server.url).origin;
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  // Vue reports a page whose markup the browser could not take over from the build (a hydration mismatch) this way.
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== origin && !request.url().startsWith("data:")) problems.push(`request outside the site: ${request.url()}`);
  });
  try {
    await page.goto(new URL(path, site!.server.url).href, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    await run(page, async () => (await Promise.all(bodies)).reduce((sum, n) => sum + n, 0));
    expect(problems).toEqual([]);
  } finally {
    await page.close();
  }
}

const block = (view: string, id: string, run: string) => `.evidence[data-view="${view}"][data-proof="${id}"][data-run="${run}"]`;

/** One column of a table's body, by its header. */
/** One column of every table the selector finds, in page order (the offsets come as a table per group). */
async function column(page: Page, table: string, header: string): Promise<string[]> {
  return page.locator(table).evaluateAll(
    (tables, name) =>
      tables.flatMap((el) => {
        const index = Array.from(el.querySelectorAll("thead th"), (th) => th.textContent?.trim()).indexOf(name);
        return Array.from(el.querySelectorAll("tbody tr"), (tr) => tr.querySelectorAll("td")[index]?.textContent?.trim() ?? "");
      }),
    header,
  );
}

/** A picture of one element; the page's fixed bar is hidden, or it would cover the top of anything taller than the window. */
async function shoot(page: Page, selector: string, name: string): Promise<void> {
  await page.addStyleTag({ content: ".VPNav, .VPLocalNav { visibility: hidden; }" });
  await page.locator(selector).screenshot({ path: join(screenshots, name) });
}

async function step(page: Page, replay: string): Promise<{ step: number; steps: number; playing: boolean }> {
  const el = page.locator(`${replay} .replay`);
  return { step: Number(await el.getAttribute("data-step")), steps: Number(await el.getAttribute("data-steps")), playing: (await el.getAttribute("data-playing")) === "true" };
}

test("the local search finds a proof by its title, and opens its page", async () => {
  const target = results.find((r) => r.id === "rebalance-on-join-and-leave") ?? results[0]!;
  await open(base, async (page) => {
    await page.locator(".VPNavBarSearch button").first().click();
    const input = page.locator("#localsearch-input");
    await input.waitFor();
    await input.fill(target.title);
    const hit = page.locator(`#localsearch-list a.result[href*="proofs/${target.id}"]`).first();
    await hit.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(screenshots, "search.png") });
    await hit.click();
    await expect.poll(() => page.locator("h1").first().innerText()).toContain(target.title);
  });
});

describe.each(results.map((r) => [r.id, r] as [string, ProofResult]))("the page of %s", (id, result) => {
  test("draws a lane per partition for each group when a group had several members, and its replays end on the broker's offsets", async () => {
    await open(proofHref(base, id), async (page, loaded) => {
      // Everything the page loaded: its markup, scripts, styles; the scale proof's included, at a million messages.
      expect(await loaded(), "bytes the page loaded").toBeLessThan(1_000_000);
      for (const run of RUNS) {
        const evidence = run === "control" ? result.control : result;
        const drawn = await page
          .locator(`${block("swimlane", id, run)} svg.swimlane`)
          .evaluateAll((svgs) => svgs.map((svg) => [svg.getAttribute("data-group"), svg.querySelectorAll("g.lane").length]));
        const expected = hasSeveralMembers(evidence) ? runSwimlanes(evidence).map((s) => [s.group, s.lanes.length]) : [];
        expect(drawn, `${run} swimlanes`).toEqual(expected);
        if (run === "claim" && expected.length > 0) await shoot(page, block("swimlane", id, run), `${id}-swimlane.png`);

        const replay = block("replay", id, run);
        await page.locator(`${replay} .replay-last`).click();
        const { step: at, steps } = await step(page, replay);
        expect(at, `${run} replay at its last step`).toBe(steps);
        const offsets = await column(page, `${block("offsets", id, run)} table.offsets`, OFFSET_COLUMNS[3]);
        expect(offsets, `${run} offsets table`).toEqual(offsetRows(evidence).map((r) => (r.currentOffset === null ? "-" : String(r.currentOffset))));
        expect(await column(page, `${replay} table.replay-offsets`, "CURRENT-OFFSET"), `${run} replay's last step`).toEqual(offsets);
        const logEnds = await column(page, `${block("offsets", id, run)} table.offsets`, OFFSET_COLUMNS[4]);
        expect(await column(page, `${replay} table.replay-offsets`, "LOG-END-OFFSET"), `${run} replay's last log ends`).toEqual(logEnds);
      }
    });
  });
});

test("a replay plays, steps forward and back, and its last step is the final evidence; screenshots at 1400 px", async () => {
  const result = results.find((r) => r.id === "rebalance-on-join-and-leave" && hasSeveralMembers(r)) ?? results.find((r) => hasSeveralMembers(r));
  expect(result, "no run of the results had a group with several members: nothing to draw").toBeDefined();
  const id = result!.id;
  const replay = block("replay", id, "claim");
  await open(proofHref(base, id), async (page) => {
    await page.screenshot({ path: join(screenshots, `${id}-1400.png`), fullPage: true });
    // The page from its ownership section down, as a reader at 1400 px sees it.
    await page.evaluate(() => {
      const heading = document.getElementById("partition-ownership");
      // Below the fixed bar at the top of the page.
      if (heading) window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 80);
    });
    await page.screenshot({ path: join(screenshots, `${id}-1400-ownership.png`) });

    expect(await step(page, replay)).toMatchObject({ step: 0, playing: false });
    await page.locator(`${replay} .replay-forward`).click();
    await page.locator(`${replay} .replay-forward`).click();
    expect((await step(page, replay)).step).toBe(2);
    await page.locator(`${replay} .replay-back`).click();
    expect((await step(page, replay)).step).toBe(1);

    await page.locator(`${replay} .replay-play`).click();
    expect((await step(page, replay)).playing).toBe(true);
    await expect.poll(async () => (await step(page, replay)).step, { timeout: 10_000 }).toBeGreaterThan(3);
    await page.locator(`${replay} .replay-play`).click();
    const paused = await step(page, replay);
    expect(paused.playing).toBe(false);
    await page.waitForTimeout(1_000);
    expect((await step(page, replay)).step, "a paused replay stays where it is").toBe(paused.step);

    // Half-way, for the picture: owners, commits and marks part-way through the run.
    await page.locator(`${replay} .replay-slider`).fill(String(Math.floor(paused.steps / 2)));
    await shoot(page, replay, `${id}-replay.png`);

    await page.locator(`${replay} .replay-last`).click();
    const final = offsetRows(result!).map((r) => (r.currentOffset === null ? "-" : String(r.currentOffset)));
    expect(await column(page, `${replay} table.replay-offsets`, "CURRENT-OFFSET")).toEqual(final);
    await page.locator(`${replay} .replay-first`).click();
    expect((await step(page, replay)).step).toBe(0);
  });
});
