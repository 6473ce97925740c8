/**
 * The proof matrix of the built site, in headless Chromium: the matrix page shows
 * every proof in every column of the run as the results say (✓, ✗, n/a with its
 * reason, not run), its links open that cell's evidence, and each proof page
 * shows the proof in every column at its top.
 *
 * Needs a built site (`npm run docs:build`) and Chromium; starts no broker.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchChromium } from "../src/site/chromium.js";
import { footnotes, MARKS } from "../src/site/matrix-view.js";
import { proofMatrix, type MatrixEntry } from "../src/site/proof-matrix.js";
import { siteBase } from "../src/site/site-base.js";
import { sitePaths } from "../src/site/site-paths.js";
import { loadSiteResults } from "../src/site/site-results.js";
import { serveStatic, type StaticServer } from "../src/site/static-server.js";

const paths = sitePaths();
const base = siteBase();
const matrix = proofMatrix(loadSiteResults(paths));
const linked = matrix.rows.flatMap((row) => row.entries.flatMap((entry, index) => (entry.href && matrix.columns[index]!.folder !== "" ? [{ row, entry, index }] : [])));

let server: StaticServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  server = await serveStatic(paths.dist, { base });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a site path (under the base) in a fresh page; fails on a script error. */
async function open(path: string, use: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    const response = await page.goto(new URL(`${base}${path.replace(/^\//, "")}`, server!.url).href, { waitUntil: "load" });
    expect(response?.status(), `${path} should be served`).toBe(200);
    await use(page);
    expect(errors, "no script error").toEqual([]);
  } finally {
    await page.close();
  }
}

/** What an entry shows: its mark, and its note's number when it has a reason. */
function shown(entry: MatrixEntry, notes: readonly string[]): string {
  const note = entry.reason === undefined ? "" : String(notes.indexOf(entry.reason) + 1);
  return `${MARKS[entry.status].mark}${note}`.replace(/\s+/g, "");
}

const entriesOf = (page: Page, rows: string) =>
  page
    .locator(rows)
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td.matrix-entry"), (td) => [td.getAttribute("data-status"), (td.textContent ?? "").replace(/\s+/g, "")])),
    );

test("the matrix page shows every proof in every column of the run, each reason in a numbered note", async () => {
  await open("/matrix.html", async (page) => {
    const notes = footnotes(
      matrix,
      matrix.rows.flatMap((row) => row.entries),
    );
    expect(await page.locator(".proof-matrix th.matrix-cell").allTextContents()).toHaveLength(matrix.columns.length);
    expect(await entriesOf(page, ".proof-matrix tbody tr")).toEqual(matrix.rows.map((row) => row.entries.map((entry) => [entry.status, shown(entry, notes)])));
    expect((await page.locator(".proof-matrix .matrix-notes li").allTextContents()).map((t) => t.trim())).toEqual(notes);
    // A reason is also the entry's tooltip.
    const reasoned = matrix.rows.flatMap((row) => row.entries.map((entry, index) => ({ row, entry, index }))).find(({ entry }) => entry.reason);
    if (reasoned) {
      const td = page.locator(`.proof-matrix tr[data-proof="${reasoned.row.id}"] td.matrix-entry >> nth=${reasoned.index}`);
      expect(await td.getAttribute("title")).toContain(reasoned.entry.reason);
    }
    await page.screenshot({ path: `${paths.results}/screenshots/matrix.png`, fullPage: true });
  });
});

test("the run has a not-applicable entry, and its reason is there to read", () => {
  const reasons = matrix.rows.flatMap((row) => row.entries.filter((e) => e.status === "not-applicable").map((e) => e.reason));
  expect(reasons.length, "no entry of this run is n/a: run `npm run matrix`, which records java/consumer on Kafka 3.9 as not applicable").toBeGreaterThan(0);
  for (const reason of reasons) expect(reason).toMatch(/^not applicable (on|in) /);
});

test("an entry of another cell opens that cell's evidence page, which shows the proof in every column with its own marked", async () => {
  expect(linked.length, "no entry links to another cell's evidence: run `npm run matrix` for results in more than one cell").toBeGreaterThan(0);
  const { row, entry, index } = linked[0]!;
  const column = matrix.columns[index]!;
  await open("/matrix.html", async (page) => {
    await page.locator(`.proof-matrix tr[data-proof="${row.id}"] td.matrix-entry >> nth=${index} >> a`).click();
    await expect.poll(() => page.locator("h1").first().innerText()).toContain(`${row.title} — ${column.cell} on Kafka ${column.kafkaVersion}`);
    expect(new URL(page.url()).pathname).toBe(`${base}${entry.href!.slice(1)}`);
    expect(await page.locator(".evidence[data-view='verdict']").getAttribute("data-results")).toBe(column.folder);
    const cells = await entriesOf(page, ".proof-cells tbody tr");
    expect(cells[0]!.map(([status]) => status)).toEqual(row.entries.map((e) => e.status));
    expect(await page.locator(".proof-cells td.matrix-current").count()).toBe(1);
    expect(await page.locator(`.proof-cells td.matrix-entry >> nth=${index}`).getAttribute("class")).toContain("matrix-current");
  });
});

test("the home page has the matrix too, and the nav leads to it", async () => {
  await open("/", async (page) => {
    expect(await page.locator(".proof-matrix tbody tr").count()).toBe(matrix.rows.length);
    await page.locator(".VPNavBar a", { hasText: "Matrix" }).first().click();
    await expect.poll(() => page.locator("h1").first().innerText()).toContain("The matrix");
  });
});

test("a proof's own page says so when its evidence is not from the run the matrix shows", async () => {
  const [row] = matrix.rows;
  const here = row!.entries[0]!;
  await open(`/proofs/${row!.id}.html`, async (page) => {
    expect(await page.locator(".proof-cells td.matrix-current").getAttribute("data-status")).toBe(here.status);
    const stale = page.locator(".proof-cells .matrix-stale");
    if (here.status === "not-run") expect(await stale.innerText()).toContain(here.reason);
    else expect(await stale.count()).toBe(0);
  });
});
