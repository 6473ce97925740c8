import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { waitFor } from "../../harness/wait.js";
import { scratchDirs } from "../../testing/scratch-dirs.js";
import { createRunDir, guardJvm, isAlive, reapLeftovers, RUN_DIR_PREFIX, runMark, signalOwnGroup } from "./process-guard.js";

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

  it("does not take a process that merely names the run folder for the run's JVM", async () => {
    const dir = await parent();
    const runDir = join(dir, `${RUN_DIR_PREFIX}named`);
    // Say, a shell listing the folder: its command line holds the path, but not the run's mark.
    const onlooker = groupLeader(runDir);
    await running(onlooker);
    await leftover(dir, "named", { ownerPid: await deadPid(), jvmPid: onlooker.pid });
    await reapLeftovers(dir);
    expect(existsSync(runDir)).toBe(false);
    expect(onlooker.exitCode === null && onlooker.signalCode === null).toBe(true);
  });

  it("kills a leftover JVM whose pid still carries the run's mark", async () => {
    const dir = await parent();
    const runDir = join(dir, `${RUN_DIR_PREFIX}marked`);
    const jvm = groupLeader(runMark(runDir));
    await running(jvm);
    await leftover(dir, "marked", { ownerPid: await deadPid(), jvmPid: jvm.pid });
    await reapLeftovers(dir);
    await exited(jvm);
    expect(jvm.signalCode).toBe("SIGKILL");
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

/** Processes a test started; each is killed after the test, by its own pid, if still running. */
const started: ChildProcess[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function track<T extends ChildProcess>(child: T): T {
  started.push(child);
  return child;
}

/** A process leading a group of its own, as the JVM does; `args` show in its command line. */
function groupLeader(...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1 << 30)", "--", ...args], { detached: true, stdio: "ignore" });
  return track(child);
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once("exit", resolve));
}

/** Still running a moment after its start (a bad argument would have ended it at once). */
async function running(child: ChildProcess): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(child.exitCode === null && child.signalCode === null).toBe(true);
}

function groupSignals(spy: { mock: { calls: unknown[][] } }, pid: number): unknown[][] {
  return spy.mock.calls.filter(([target]) => target === -pid);
}

describe("signalOwnGroup", () => {
  it("signals the group of a child that is still running", async () => {
    const leader = groupLeader();
    expect(signalOwnGroup(leader, "SIGKILL")).toBe(true);
    await exited(leader);
    expect(leader.signalCode).toBe("SIGKILL");
  });

  it("does not signal the group of a child that has exited: its pid may be another's by now", async () => {
    const leader = groupLeader();
    leader.kill("SIGKILL");
    await exited(leader);
    const kill = vi.spyOn(process, "kill");
    expect(signalOwnGroup(leader, "SIGTERM")).toBe(false);
    expect(groupSignals(kill, leader.pid!)).toEqual([]);
  });
});

describe("guardJvm", () => {
  /** A run folder with a pid file, as createRunDir leaves it. */
  async function runFolder(): Promise<string> {
    const runDir = join(await parent(), `${RUN_DIR_PREFIX}guarded`);
    await mkdir(runDir);
    return runDir;
  }

  it("when the owner dies, stops the run's JVM and removes the run folder", async () => {
    const runDir = await runFolder();
    const owner = track(spawn("sleep", ["30"]));
    const jvm = groupLeader(runMark(runDir));
    const guard = await guardJvm({ ownerPid: owner.pid!, jvmPid: jvm.pid!, runDir, startedAt: "" }, jvm);
    try {
      await running(jvm);
      owner.kill("SIGKILL");
      await exited(jvm);
      expect(jvm.signalCode).toBe("SIGTERM");
      await waitFor("the watchdog to remove the run folder", () => (existsSync(runDir) ? undefined : true), { timeoutMs: 10_000, intervalMs: 50 });
    } finally {
      guard.release();
    }
  });

  it("when the owner dies, leaves alone a process that took over the JVM's pid, and still removes the run folder", async () => {
    const runDir = await runFolder();
    const owner = track(spawn("sleep", ["30"]));
    // Stands for the JVM's pid reused by a stranger: a live group leader without the run's mark.
    const stranger = groupLeader("--not-this-run");
    const guard = await guardJvm({ ownerPid: owner.pid!, jvmPid: stranger.pid!, runDir, startedAt: "" }, stranger);
    try {
      await running(stranger);
      owner.kill("SIGKILL");
      await waitFor("the watchdog to remove the run folder", () => (existsSync(runDir) ? undefined : true), { timeoutMs: 10_000, intervalMs: 50 });
      await waitFor("the watchdog to leave", () => (isAlive(guard.watchdogPid!) ? undefined : true), { timeoutMs: 5_000, intervalMs: 50 });
      expect(stranger.exitCode === null && stranger.signalCode === null).toBe(true);
    } finally {
      guard.release();
    }
  });

  it("on release, does not signal the watchdog's group once the watchdog has left by itself", async () => {
    const runDir = await runFolder();
    const jvm = groupLeader(runMark(runDir));
    const guard = await guardJvm({ ownerPid: process.pid, jvmPid: jvm.pid!, runDir, startedAt: "" }, jvm);
    // The JVM ends without its owner stopping it: the watchdog sees that and leaves.
    jvm.kill("SIGKILL");
    await exited(jvm);
    await waitFor("the watchdog to leave", () => (isAlive(guard.watchdogPid!) ? undefined : true), { timeoutMs: 5_000, intervalMs: 50 });
    const kill = vi.spyOn(process, "kill");
    guard.release();
    expect(groupSignals(kill, guard.watchdogPid!)).toEqual([]);
  });

  it("on release, stops a watchdog that is still watching", async () => {
    const runDir = await runFolder();
    const jvm = groupLeader(runMark(runDir));
    const guard = await guardJvm({ ownerPid: process.pid, jvmPid: jvm.pid!, runDir, startedAt: "" }, jvm);
    guard.release();
    await waitFor("the watchdog to be stopped", () => (isAlive(guard.watchdogPid!) ? undefined : true), { timeoutMs: 5_000, intervalMs: 50 });
    expect(existsSync(runDir)).toBe(true);
  });
});
