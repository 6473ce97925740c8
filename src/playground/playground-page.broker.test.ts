/**
 * The playground's page in headless Chromium, on the run's broker: clicking
 * "Play the original scenario" must bring the describe tables to committed 5
 * and 3, lag 5 and 7, on partition 0, as the page reads them from the server;
 * Kafka's own consumer-groups tool must report the same numbers for the same
 * groups. Then a second and third member of A split the partitions, and group C
 * joins. A `*.broker.test.ts` (harness project) rather than `*.browser.test.ts`:
 * the site project starts no broker, and this page needs one.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launchChromium } from "../site/chromium.js";
import { describeGroupsWithKafkaTool } from "../witness/tool-client.js";
import { openPlayground, type OpenPlayground } from "./run-playground.js";

const broker = inject("broker");
const groupTool = inject("groupTool");
let playground: OpenPlayground | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  playground = await openPlayground(broker);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await playground?.[Symbol.asyncDispose]();
});

/** The cells of a group's describe table, by column name, one object per partition. */
async function describeTable(page: Page, label: string): Promise<Record<string, string>[]> {
  return page.locator(`table.describe[data-group="${label}"]`).evaluate((table) => {
    const heads = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent ?? "");
    return Array.from(table.querySelectorAll("tbody tr"), (tr) =>
      Object.fromEntries(Array.from(tr.querySelectorAll("td"), (td, i) => [heads[i] ?? String(i), td.textContent ?? ""])),
    );
  });
}

test("the original scenario, clicked: the page shows 5 and 3 committed, lag 5 and 7, and Kafka's tool agrees", { timeout: 60_000 }, async () => {
  const page = await browser!.newPage();
  const outside: string[] = [];
  const errors: string[] = [];
  const origin = `http://127.0.0.1:${playground!.server.port}`;
  page.on("request", (request) => void (new URL(request.url()).origin !== origin && outside.push(request.url())));
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    await page.goto(playground!.server.url);
    await expect.poll(() => page.locator('table.describe[data-group="A"] tbody tr').count()).toBe(3);
    await page.getByRole("button", { name: "Play the original scenario" }).click();
    await expect.poll(() => page.locator("#answer").textContent(), { timeout: 30_000 }).toMatch(/^the original scenario: \{"status":"done"/);

    const { session } = playground!;
    const row = async (label: string) => (await describeTable(page, label)).find((r) => r.PARTITION === "0");
    await expect
      .poll(async () => [await row("A"), await row("B")].map((r) => [r?.["CURRENT-OFFSET"], r?.["LOG-END-OFFSET"], r?.LAG]), { timeout: 10_000 })
      .toEqual([
        ["5", "10", "5"],
        ["3", "10", "7"],
      ]);
    const a = (await row("A"))!;
    // HOST is where the broker saw the member connect from: 127.0.0.1 natively, the container network's gateway in a container.
    const host = (await session.witness.describeGroupWithHosts(session.groupIds.A!)).members[0]?.host;
    expect([a.GROUP, a.TOPIC, a["CLIENT-ID"], a.HOST]).toEqual([session.groupIds.A, session.topic, "consumer-A", host]);
    expect(a.HOST).toMatch(/^\/\S+$/);
    expect(await page.locator('[data-group-title="A"]').textContent()).toBe(`group A (${session.groupIds.A}): Stable, 1 member`);
    // The matrix: offsets 0-4 acknowledged by A, 0-2 by B, all ten received by both.
    const marks = await page.locator("#matrix tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td[data-group]"), (td) => td.className)));
    expect(marks).toEqual(Array.from({ length: 10 }, (_, i) => [i <= 4 ? "acked" : "received", i <= 2 ? "acked" : "received"]));

    // The second witness: Kafka's own tool, asked about the playground's groups on its broker.
    // The tool runs from the jars a native run caches; a container run without them has no second witness.
    if (broker.mode === "native") expect(groupTool, "Kafka's consumer-groups tool runs in native mode, from the cached jars").not.toBeNull();
    if (groupTool !== null) {
      const rows = await describeGroupsWithKafkaTool(groupTool, [session.groupIds.A!, session.groupIds.B!], { bootstrapServers: broker.bootstrapServers });
      const p0 = (groupId: string) => rows.find((r) => r.group === groupId && r.partition === 0);
      expect([p0(session.groupIds.A!), p0(session.groupIds.B!)].map((r) => [r?.currentOffset, r?.logEndOffset, r?.lag])).toEqual([
        [5, 10, 5],
        [3, 10, 7],
      ]);
    }

    // A second and a third member of A: each of the three partitions gets its own owner; C joins and receives everything.
    for (const name of ["Add a member to group A", "Add a member to group A", "Add a member of group C"]) {
      await page.getByRole("button", { name }).click();
      await expect.poll(() => page.locator("#answer").textContent(), { timeout: 30_000 }).toMatch(/: \{"status":"joined"/);
    }
    await expect.poll(async () => new Set((await describeTable(page, "A")).map((r) => r["CLIENT-ID"])).size, { timeout: 15_000 }).toBe(3);
    await expect.poll(async () => (await describeTable(page, "C")).map((r) => r["CLIENT-ID"]), { timeout: 15_000 }).toEqual(["consumer-C", "consumer-C", "consumer-C"]);
    await expect
      .poll(() => page.locator('[data-owners="A"] .owner').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringMatching(/^p0 → consumer-A/), expect.stringMatching(/^p1 → consumer-A/), expect.stringMatching(/^p2 → consumer-A/)]));
    expect({ outside, errors }).toEqual({ outside: [], errors: [] });
  } finally {
    await page.close();
  }
});
