import { existsSync } from "node:fs";
import { mkdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { scratchDirs } from "../../testing/scratch-dirs.js";
import { pruneStaleBuilds, STALE_BUILD_MS } from "./compiled-java.js";

const scratch = scratchDirs("compiled-java-test");

it("removes a program's builds unused for a week, with their archives, and keeps the current, the recent and everything else", async () => {
  const cache = await scratch();
  const now = Date.now();
  const build = async (name: string, ageMs: number, archive = true) => {
    await mkdir(join(cache, name));
    if (archive) await writeFile(join(cache, `${name}-classes-java17.jsa`), "");
    const at = new Date(now - ageMs);
    await utimes(join(cache, name), at, at);
  };
  await build("consumer-host-aaaaaaaaaaaa-java17", 0);
  await build("consumer-host-bbbbbbbbbbbb-java17", STALE_BUILD_MS + 60_000);
  await build("consumer-host-cccccccccccc-java17", STALE_BUILD_MS - 60_000);
  await build("group-tool-server-dddddddddddd-java17", STALE_BUILD_MS + 60_000);
  await build("consumer-host-notes", STALE_BUILD_MS + 60_000, false);

  const removed = await pruneStaleBuilds(cache, "consumer-host", "consumer-host-aaaaaaaaaaaa-java17", now);

  expect(removed).toEqual(["consumer-host-bbbbbbbbbbbb-java17"]);
  expect(existsSync(join(cache, "consumer-host-bbbbbbbbbbbb-java17"))).toBe(false);
  expect(existsSync(join(cache, "consumer-host-bbbbbbbbbbbb-java17-classes-java17.jsa"))).toBe(false);
  for (const kept of [
    "consumer-host-aaaaaaaaaaaa-java17",
    "consumer-host-cccccccccccc-java17-classes-java17.jsa",
    "group-tool-server-dddddddddddd-java17",
    "consumer-host-notes",
  ]) {
    expect(existsSync(join(cache, kept))).toBe(true);
  }
});

it("finds nothing to remove in a cache folder that does not exist", async () => {
  expect(await pruneStaleBuilds(join(await scratch(), "missing"), "consumer-host", "x")).toEqual([]);
});
