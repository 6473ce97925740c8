/**
 * The built site, driven in headless Chromium: the home page and every proof
 * page show the verdicts and offset tables that results/*.json holds, message
 * content is shown as text (a message that is markup opens no dialog), and no
 * page fetches anything from outside the site. A screenshot of each page is
 * saved under results/screenshots/.
 *
 * Needs a built site (`npm run docs:build`) and Chromium; starts no broker.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Check, ProofResult } from "../src/evidence/proof-result.js";
import { perMessage } from "../src/site/evidence-views.js";
import { outcomeWords } from "../src/site/render/checks-table.js";
import { deliverySummary } from "../src/site/render/delivery-summary.js";
import { rangeDelivery, recordedAsRanges } from "../src/site/render/range-delivery.js";
import { formatDuration } from "../src/site/render/format.js";
import { usesSeveralTopics } from "../src/site/render/log-rows.js";
import { offsetCells, offsetRows } from "../src/site/render/offset-table.js";
import { runOverview } from "../src/site/run-overview.js";
import { proofHref, siteBase } from "../src/site/site-base.js";
import { sitePaths } from "../src/site/site-paths.js";
import { loadSiteResults } from "../src/site/site-results.js";
import { loadResults } from "../src/site/validation/load-results.js";
import { browseBuiltSite, type BrowsedSite } from "./fixtures/browsed-site.js";

/** The order value the proofs produce to show that message content is never markup. */
const HOSTILE_VALUE = "<img src=x onerror=alert(1)>";

const paths = sitePaths();
const base = siteBase();
const results = loadResults(paths);
const screenshots = join(paths.results, "screenshots");

let site: BrowsedSite | undefined;

beforeAll(async () => {
  site = await browseBuiltSite(paths, base, screenshots);
});

// Closed even when a test or the setup failed: no browser or server outlives the run.
afterAll(() => site?.close());

interface Visit {
  page: Page;
  /** Messages of any alert/confirm/prompt the page opened. */
  dialogs: string[];
  /** Requests to anywhere but the site's own server. */
  outside: string[];
  /** Uncaught errors in the page's scripts. */
  errors: string[];
}

/** Opens a site path in a fresh page and waits until the network has been quiet, so late dialogs would be seen. */
async function visit(path: string, run: (visit: Visit) => Promise<void>): Promise<void> {
  const page = await site!.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const seen: Visit = { page, dialogs: [], outside: [], errors: [] };
  const origin = new URL(site!.server.url).origin;
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    // The dialog is already recorded, which fails the test; dismissing only lets the page go on, and fails when
    // the page is closing anyway.
    dialog.dismiss().catch(() => undefined);
  });
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== origin && !request.url().startsWith("data:")) seen.outside.push(request.url());
  });
  page.on("pageerror", (error) => seen.errors.push(error.message));
  try {
    const response = await page.goto(new URL(path, site!.server.url).href, { waitUntil: "load" });
    expect(response?.status(), `${path} should be served`).toBe(200);
    await page.waitForLoadState("networkidle");
    await run(seen);
    expect(seen.dialogs, "no dialog may open").toEqual([]);
    expect(seen.outside, "the site must not fetch anything from outside").toEqual([]);
    expect(seen.errors, "no script error").toEqual([]);
  } finally {
    await page.close();
  }
}

/** A heading's text without the permalink VitePress appends to it. */
async function headingText(page: Page): Promise<string> {
  return (await page.locator("h1").first().innerText()).replace(/\u200b/g, "").trim();
}

/** The text of each cell of each body row of the (first, or `every`) table in the evidence block, or of the tables with that class. */
async function tableCells(page: Page, view: string, proof: string, run: "claim" | "control", table = "table", which: "first" | "every" = "first"): Promise<string[][]> {
  const tables = `.evidence[data-view="${view}"][data-proof="${proof}"][data-run="${run}"] ${table}`;
  const rows = page.locator(which === "first" ? `${tables} >> nth=0 >> tbody tr` : `${tables} tbody tr`);
  return rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")));
}

test("the home page shows each proof's verdict over the run's cells, each cell's, and the run's environment", async () => {
  const overview = runOverview(loadSiteResults(paths));
  await visit(base, async ({ page }) => {
    // Each cell of a row, as its lines: a line per cell of the run where the summary gives one.
    const rows = await page.locator(".evidence-run-summary table tbody tr").evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll("td"), (td) => {
          const lines = Array.from(td.querySelectorAll(".cell-line"), (line) => line.textContent ?? "");
          return lines.length > 0 ? lines : [td.textContent ?? ""];
        }),
      ),
    );
    expect(rows.map((cells) => cells[0]?.[0])).toEqual(overview.map((p) => p.title));
    for (const [index, proof] of overview.entries()) {
      // Columns: proof, verdict, cells, checks, control, Kafka's tool, duration.
      const [, verdict, cells, , , tool, duration] = rows[index]!;
      expect(verdict?.[0]).toMatch(new RegExp(`^${{ pass: "✓ passed", fail: "✗ failed", "not-applicable": "not applicable", "not-run": "not run" }[proof.status]}\\d*$`));
      if (proof.command) expect(verdict?.[1]).toBe(`run it with ${proof.command}`);
      if (proof.cells.length === 0) expect(cells).toEqual(["none in this run"]);
      else expect(cells?.map((line) => line.split(" ")[0])).toEqual(proof.cells.map((c) => c.column.cell));
      if (proof.cells.length === 0) continue;
      for (const line of tool ?? []) expect(line).toMatch(/^(agreed|disagreed|not run)$/);
      expect(duration).toEqual(proof.cells.map(({ result }) => (result.verdict === "skipped" ? "–" : formatDuration(result.durationMs))));
    }
    const environment = await page.locator(".evidence-environment").innerText();
    for (const r of results) {
      for (const fact of [r.kafka.version, r.kafka.mode, `${r.client.name} ${r.client.version}`, r.node]) expect(environment).toContain(fact);
    }
    await page.screenshot({ path: join(screenshots, "home.png"), fullPage: true });

    // The links work under the site's base, through the client-side router too.
    // The first proof's title leads to the page its mark rests on: another cell's names that cell after the title.
    const first = overview[0]!;
    await page
      .locator(`.evidence-run-summary a[href="${proofHref(base, first.id, first.folder)}"]`)
      .first()
      .click();
    await expect.poll(async () => (await headingText(page)).startsWith(first.title)).toBe(true);
  });
});

describe.each(results.map((result) => [result.id, result] as [string, ProofResult]))("the page of %s", (id, result) => {
  test("shows the run's verdict, checks, offsets and deliveries, for the claim and its control", async () => {
    await visit(proofHref(base, id), async ({ page }) => {
      expect(await headingText(page)).toBe(result.title);
      expect(await page.locator(".verdict").getAttribute("data-verdict")).toBe(result.verdict);
      expect(await page.locator(".verdict-word").innerText()).toBe({ pass: "✓ Passed", fail: "✗ Failed", skipped: "– Skipped" }[result.verdict]);
      if (result.verdict === "skipped") {
        // Nothing ran, so there is no evidence to show: the page says why instead.
        expect(await page.locator(".verdict-reasons").innerText()).toContain(result.skipReason ?? "");
        expect(await page.locator(".evidence[data-view='offsets']").count()).toBe(0);
        await page.screenshot({ path: join(screenshots, `${id}.png`), fullPage: true });
        return;
      }

      for (const [run, evidence] of [
        ["claim", result],
        ["control", result.control],
      ] as const) {
        // Each group as --describe --state shows it, above its partitions as --describe shows them.
        expect(await tableCells(page, "offsets", id, run, "table.group-state", "every"), `${run} group states`).toEqual(
          evidence.groups.map((g) => [g.groupId, g.state, String(g.members.length)]),
        );
        expect(await tableCells(page, "offsets", id, run, "table.offsets", "every"), `${run} offsets`).toEqual(offsetRows(evidence).map(offsetCells));
        const checks = await tableCells(page, "checks", id, run);
        const mustBreak = run === "control" ? result.control.mustBreak : [];
        const named = (c: Check) => (mustBreak.includes(c.name) ? `${c.name} (the control must break this)` : c.name);
        expect(
          checks.map((cells) => [cells[0], cells[1]]),
          `${run} checks`,
        ).toEqual(evidence.checks.map((c) => [outcomeWords(c), named(c)]));
        if (recordedAsRanges(evidence)) {
          // Recorded as ranges: per partition, the log end, what was produced, and what each consumer received, distinct.
          const delivery = rangeDelivery(evidence);
          const rows = await tableCells(page, "delivery", id, run, "table.delivery-summary");
          const lead = evidence.topics.length > 1 ? 1 : 0;
          expect(
            rows.map((cells) => cells.slice(lead + 1).map((text) => text.split(" ")[0])),
            `${run} delivery`,
          ).toEqual(delivery.partitions.map((p) => [String(p.logEndOffset), String(p.produced), ...p.consumers.map((c) => String(c.received))]));
        } else if (perMessage(evidence)) {
          const values = await page.locator(`.evidence[data-view="delivery"][data-run="${run}"] td.message-value`).allTextContents();
          expect(new Set(values), `${run} delivery`).toEqual(new Set(evidence.produced.flatMap((m) => (m.value === null ? [] : [m.value]))));
        } else {
          // A large run: per partition, how many were produced and how many each consumer received.
          const summary = deliverySummary(evidence);
          const rows = await tableCells(page, "delivery", id, run, "table.delivery-summary");
          const lead = usesSeveralTopics(evidence) ? 1 : 0;
          expect(
            rows.map((cells) => cells.slice(lead + 2, lead + 3 + summary.columns.length).map((text) => text.split(" ")[0])),
            `${run} delivery`,
          ).toEqual(summary.partitions.map((p) => [String(p.produced), ...p.consumers.map((c) => String(c.received))]));
        }
        expect(await page.locator(`.evidence[data-view="charts"][data-run="${run}"] svg`).count(), `${run} charts`).toBe(2);
      }
      expect(await page.locator(".control-summary").getAttribute("data-broke")).toBe(String(result.control.broke.length));

      await page.screenshot({ path: join(screenshots, `${id}.png`), fullPage: true });
    });
  });
});

test("a message whose content is markup shows as text and opens no dialog", async () => {
  const carriers = results.filter((r) => [...r.produced, ...r.control.produced].some((m) => m.value === HOSTILE_VALUE));
  expect(
    carriers.map((r) => r.id),
    `no produced message in results/*.json has the value ${HOSTILE_VALUE}; src/harness/orders.ts is meant to produce one`,
  ).not.toEqual([]);
  for (const result of carriers) {
    await visit(proofHref(base, result.id), async ({ page }) => {
      const values = await page.locator("td.message-value").allTextContents();
      expect(values).toContain(HOSTILE_VALUE);
      expect(await page.locator('img[src="x"]').count(), "the message must not become an element").toBe(0);
    });
  }
});
