import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";

/**
 * A machine with no browser installed and nothing unpacked yet: the Chromium inside the optional npm package is
 * unpacked into an empty cache folder and renders a page. Where the package ships nothing (it has a Linux x64 build
 * only) there is nothing to try, and the test says so.
 */
const packaged = process.platform === "linux" && process.arch === "x64" && installed("@sparticuz/chromium");
const cache = await mkdtemp(join(tmpdir(), "kafka-proofs-browser-cache-"));
afterAll(() => rm(cache, { recursive: true, force: true }));

it.skipIf(!packaged)("unpacks the packaged Chromium into an empty cache and renders a page in it, whatever browser the machine has", async () => {
  const browser = await launchChromium({ ...process.env, KAFKA_PROOFS_BROWSER: "bundled", XDG_CACHE_HOME: cache });
  try {
    const page = await browser.newPage();
    await page.setContent("<main><h1>Consumer groups</h1><p>split the partitions</p></main>");
    expect(await page.locator("h1").textContent()).toBe("Consumer groups");
    expect(await page.evaluate(() => document.querySelector("p")?.getBoundingClientRect().height)).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});

/** Whether an optional package was installed (`npm ci --omit=optional` leaves it out). */
function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
