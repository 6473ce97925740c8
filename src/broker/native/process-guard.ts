import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Keeps a broker JVM from outliving the process that started it.
 *
 * Three layers, because each covers a way the owner can die that the others miss:
 * - a normal exit runs the `exit` hook, which kills the JVM's process group synchronously;
 * - Ctrl-C, a crash or `kill -9` of the owner is seen by a watchdog (a detached `sh`
 *   that polls the owner), which stops the JVM and removes its run folder;
 * - should the watchdog die too, the pid file in the run folder lets the next start reap it.
 */

/** Run folders live here, named with this prefix, so the next start can find leftovers. */
export const RUN_DIR_PREFIX = "kafka-proofs-";
const PID_FILE = "broker.pid.json";

export interface PidRecord {
  ownerPid: number;
  jvmPid: number;
  runDir: string;
  startedAt: string;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Signals the process group a child of ours leads (it was spawned detached),
 * but only while Node has not yet seen it exit: until then the pid cannot have
 * been reused, as an unreaped child keeps it. Returns whether it signalled.
 */
export function signalOwnGroup(leader: ChildProcess, signal: NodeJS.Signals): boolean {
  if (leader.pid === undefined || leader.exitCode !== null || leader.signalCode !== null) return false;
  try {
    process.kill(-leader.pid, signal);
    return true;
  } catch {
    // Already gone.
    return false;
  }
}

/**
 * The argument that marks a run's JVM: its command line names the run folder, so
 * a pid can be checked to still be that JVM and not a process that reused the pid.
 */
export function runMark(runDir: string): string {
  return `-Dkafka.proofs.run=${runDir}`;
}

/**
 * A guarded process that is not a JVM (a test run under soak) carries its mark
 * in this environment variable instead of on its command line.
 */
export const MARK_VARIABLE = "KAFKA_PROOFS_RUN_MARK";

/**
 * Once the owner is gone the JVM is no child of anyone we know, so its pid is
 * checked to still carry the run's mark before each signal to its group.
 */
const WATCHDOG = `
owner=$1; jvm=$2; dir=$3; mark=$4
ours() {
  if [ -r "/proc/$jvm/cmdline" ]; then
    tr '\\0' '\\n' < "/proc/$jvm/cmdline" | grep -qxF -- "$mark" && return 0
    tr '\\0' '\\n' < "/proc/$jvm/environ" 2>/dev/null | grep -qxF -- "${MARK_VARIABLE}=$mark"
  else ps -ww -o args= -p "$jvm" 2>/dev/null | grep -qF -- "$mark"; fi
}
while kill -0 "$owner" 2>/dev/null; do
  kill -0 "$jvm" 2>/dev/null || exit 0
  sleep 0.5
done
ours && kill -TERM -"$jvm" 2>/dev/null
i=0
while ours && [ "$i" -lt 20 ]; do sleep 0.5; i=$((i+1)); done
ours && kill -KILL -"$jvm" 2>/dev/null
rm -rf "$dir"
`;

export interface RunDir {
  readonly path: string;
  remove(): Promise<void>;
}

/**
 * A fresh folder for one broker's config, data and logs. Until the JVM is
 * guarded, the pid file names only the owner, so a start that dies half-way
 * still leaves a folder the next start recognises as dead and removes.
 */
export async function createRunDir(parent = tmpdir()): Promise<RunDir> {
  const path = await mkdtemp(join(parent, RUN_DIR_PREFIX));
  const record: PidRecord = { ownerPid: process.pid, jvmPid: 0, runDir: path, startedAt: new Date().toISOString() };
  await writeFile(join(path, PID_FILE), JSON.stringify(record));
  const onExit = () => rmSync(path, { recursive: true, force: true });
  process.once("exit", onExit);
  return {
    path,
    async remove() {
      process.removeListener("exit", onExit);
      await rm(path, { recursive: true, force: true });
    },
  };
}

export interface Guard {
  /** The watchdog's pid, while it runs. */
  readonly watchdogPid: number | undefined;
  /** Called once the JVM has been stopped by its owner: the watchdog and hook are no longer needed. */
  release(): void;
}

/**
 * Writes the pid file, starts the watchdog, and registers the exit hook.
 * `jvm` is the JVM's own child process (pid `record.jvmPid`), spawned detached
 * with `runMark(record.runDir)` among its arguments.
 */
export async function guardJvm(record: PidRecord, jvm: ChildProcess): Promise<Guard> {
  await writeFile(join(record.runDir, PID_FILE), JSON.stringify(record));
  const watchdog = spawn("sh", ["-c", WATCHDOG, "watchdog", String(record.ownerPid), String(record.jvmPid), record.runDir, runMark(record.runDir)], {
    detached: true,
    stdio: "ignore",
  });
  watchdog.unref();
  const onExit = () => signalOwnGroup(jvm, "SIGKILL");
  process.once("exit", onExit);
  return {
    watchdogPid: watchdog.pid,
    release() {
      process.removeListener("exit", onExit);
      // The watchdog leaves by itself once the JVM is gone; its pid may be another process's by now.
      signalOwnGroup(watchdog, "SIGKILL");
    },
  };
}

/**
 * Removes what a dead run left behind: for every run folder whose owner is gone,
 * kill its JVM (if that pid is still our JVM and not a reused pid) and delete the folder.
 * Folders of live owners (a concurrent run) are left alone. Returns the folders removed.
 */
export async function reapLeftovers(parent = tmpdir()): Promise<string[]> {
  const reaped: string[] = [];
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const runDir = join(parent, name);
    const record = await readPidRecord(runDir);
    if (!record || isAlive(record.ownerPid)) continue;
    if (record.jvmPid > 0 && isAlive(record.jvmPid) && carriesMark(record.jvmPid, runMark(record.runDir))) {
      // Still this run's JVM, which leads its own group.
      try {
        process.kill(-record.jvmPid, "SIGKILL");
      } catch {
        // Gone meanwhile.
      }
    }
    await rm(runDir, { recursive: true, force: true });
    reaped.push(runDir);
  }
  return reaped;
}

async function readPidRecord(runDir: string): Promise<PidRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(runDir, PID_FILE), "utf8")) as PidRecord;
  } catch {
    // No pid file yet (a run still starting) or a half-written one: not ours to judge.
    return undefined;
  }
}

/** Whether a process has `mark` as one of its arguments (from /proc; from `ps` where there is none). */
function carriesMark(pid: number, mark: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(mark);
  } catch {
    if (existsSync("/proc/self")) return false;
    const ps = spawnSync("ps", ["-ww", "-o", "args=", "-p", String(pid)], { encoding: "utf8" });
    return ` ${ps.stdout?.trim() ?? ""} `.includes(` ${mark} `);
  }
}
