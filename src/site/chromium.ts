import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's package puts it here; `CHROMIUM_PATH` points elsewhere (e.g. Google Chrome on a CI runner). */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

// Headless and quiet: no sandbox (CI runs as root), no GPU, and nothing that reaches for the network
// on its own (updates, sync, QUIC probes). Playwright gives each launch a fresh, empty profile.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts headless Chromium; says how to install it when it is not there. */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}.\n  → Install it (apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  }
  return chromium.launch({ executablePath, args: FLAGS, chromiumSandbox: false, timeout: 30_000 });
}
