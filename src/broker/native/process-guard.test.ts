import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDirs } from "../../testing/scratch-dirs.js";
import { createRunDir, isAlive, reapLeftovers, RUN_DIR_PREFIX } from "./process-guard.js";

const parent = scratchDirs("guard-test");

/** A pid that certainly belonged to a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn("true");
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

async function leftover(dir: string, name: string, record: object | undefined): Promise<string> {
  const runDir = join(dir, `${RUN_DIR_PREFIX}${name}`);
  await mkdir(runDir);
  if (record) await writeFile(join(runDir, "broker.pid.json"), JSON.stringify({ runDir, startedAt: "", ...record }));
  return runDir;
}

describe("reapLeftovers", () => {
  it("removes the folder of a run whose owner is dead", async () => {
    const dir = await parent();
    const runDir = await leftover(dir, "dead", { ownerPid: await deadPid(), jvmPid: 0 });
    expect(await reapLeftovers(dir)).toEqual([runDir]);
    expect(existsSync(runDir)).toBe(false);
  });

  it("kills a leftover JVM only if that pid is still the run's own process", async () => {
    const dir = await parent();
    // A live process that is not a broker of that run: a reused pid must not be killed.
    const bystander = spawn("sleep", ["30"]);
    try {
      const runDir = await leftover(dir, "reused", { ownerPid: await deadPid(), jvmPid: bystander.pid });
      await reapLeftovers(dir);
      expect(existsSync(runDir)).toBe(false);
      expect(isAlive(bystander.pid!)).toBe(true);
    } finally {
      bystander.kill();
    }
  });

  it("leaves runs of live owners and folders without a pid file alone", async () => {
    const dir = await parent();
    const live = await leftover(dir, "live", { ownerPid: process.pid, jvmPid: 0 });
    const starting = await leftover(dir, "starting", undefined);
    expect(await reapLeftovers(dir)).toEqual([]);
    expect(existsSync(live) && existsSync(starting)).toBe(true);
  });
});

describe("createRunDir", () => {
  it("claims a fresh folder for this process and removes it", async () => {
    const dir = await parent();
    const run = await createRunDir(dir);
    expect(run.path.startsWith(join(dir, RUN_DIR_PREFIX))).toBe(true);
    expect(await reapLeftovers(dir)).toEqual([]);
    await run.remove();
    expect(existsSync(run.path)).toBe(false);
  });
});
