import { describe, expect, it } from "vitest";
import { findBrowser, type BrowserChoice, type BrowserSearch } from "./chromium.js";

const BUNDLED: BrowserChoice = { source: "bundled", executablePath: "/cache/chromium-147.0.0/chromium", description: "the packaged one" };

/** A machine with these files, on Linux x64 unless told, whose optional package is installed unless told. */
function machine(files: string[], fields: Partial<BrowserSearch> = {}): BrowserSearch {
  return { platform: "linux", arch: "x64", exists: (path) => files.includes(path), bundled: () => Promise.resolve(BUNDLED), ...fields };
}

describe("findBrowser", () => {
  it("takes CHROMIUM_PATH first, and refuses one that does not exist", async () => {
    const found = await findBrowser({ CHROMIUM_PATH: "/opt/mine/chrome" }, machine(["/opt/mine/chrome", "/usr/bin/chromium"]));
    expect(found).toMatchObject({ source: "CHROMIUM_PATH", executablePath: "/opt/mine/chrome" });
    await expect(findBrowser({ CHROMIUM_PATH: "/nowhere/chrome" }, machine(["/usr/bin/chromium"]))).rejects.toThrow(/CHROMIUM_PATH=\/nowhere\/chrome does not exist/);
  });

  it("takes an installed browser at its usual path, then one on the PATH", async () => {
    expect(await findBrowser({}, machine(["/opt/google/chrome/chrome"]))).toMatchObject({ source: "installed", description: "Google Chrome at /opt/google/chrome/chrome" });
    expect(await findBrowser({ PATH: "/usr/local/bin:/home/me/bin" }, machine(["/home/me/bin/chromium"]))).toMatchObject({
      source: "installed",
      executablePath: "/home/me/bin/chromium",
    });
    const mac = machine(["/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"], { platform: "darwin", arch: "arm64" });
    expect(await findBrowser({}, mac)).toMatchObject({ source: "installed", description: expect.stringContaining("Microsoft Edge") });
  });

  it("falls back to the packaged Chromium on Linux x64 when nothing is installed", async () => {
    expect(await findBrowser({ PATH: "/usr/bin" }, machine([]))).toBe(BUNDLED);
  });

  it("takes the packaged Chromium when told to, whatever is installed or set", async () => {
    expect(await findBrowser({ KAFKA_PROOFS_BROWSER: "bundled", CHROMIUM_PATH: "/usr/bin/chromium" }, machine(["/usr/bin/chromium"]))).toBe(BUNDLED);
  });

  it("says how to get a browser where there is none to take", async () => {
    const noPackage = machine([], { bundled: () => Promise.resolve(undefined) });
    await expect(findBrowser({}, noPackage)).rejects.toThrow(/^No browser found\.\n {2}→ Install Chrome, Chromium or Edge/);
    // The package ships a Linux x64 build only: elsewhere it is not even looked at.
    const mac = machine([], { platform: "darwin", arch: "arm64", bundled: () => Promise.reject(new Error("must not be asked")) });
    await expect(findBrowser({}, mac)).rejects.toThrow(/^No browser found/);
    await expect(findBrowser({ KAFKA_PROOFS_BROWSER: "bundled" }, noPackage)).rejects.toThrow(
      /KAFKA_PROOFS_BROWSER=bundled, and @sparticuz\/chromium is not installed for linux\/x64/,
    );
    await expect(findBrowser({ KAFKA_PROOFS_BROWSER: "firefox" }, machine([]))).rejects.toThrow(/KAFKA_PROOFS_BROWSER="firefox" is not a choice we know/);
  });
});
