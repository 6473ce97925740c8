import { randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { SetupError } from "../errors.js";

/** The file that marks a folder as in use by one run; it lives in the folder it guards. */
export const LOCK_FILE = ".kafka-proofs.lock";
/**
 * Names the run that holds a lock. A run's child processes (`npm start` runs the proofs
 * as a child) inherit it, and so share their parent's locks instead of waiting on them.
 */
export const RUN_TOKEN_VARIABLE = "KAFKA_PROOFS_RUN_TOKEN";

/** What a lock file says about its owner. */
export interface LockOwner {
  pid: number;
  host: string;
  /** The owner's start time as the kernel counts it (Linux), so a reused pid is not taken for the owner. */
  processStart?: string;
  token: string;
  startedAt: string;
  command: string;
}

export interface FolderLock extends Disposable {
  /** Gives the folder up; does nothing when the lock belongs to a parent run, or was given up already. */
  release(): void;
}

export class FolderBusyError extends SetupError {
  constructor(
    problem: string,
    hint: string,
    /** Who holds the lock, when the lock file could be read. */
    readonly owner?: LockOwner,
  ) {
    super(problem, hint);
  }
}

export interface LockRequest {
  /** The folder as a reader knows it, for messages: `results/`. */
  shown: string;
  /** What to do instead of waiting, e.g. "or set KAFKA_PROOFS_RESULTS_DIR to a folder of its own". */
  alternative: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Takes `dir` for this run, or throws a `FolderBusyError` naming the run that has it.
 * A lock whose owner is gone (killed, crashed, or its pid now someone else's) is taken
 * over: a lock never outlives its owner. An owner on another machine (a shared file
 * system) cannot be checked, so its lock is respected.
 */
export function lockFolder(dir: string, request: LockRequest): FolderLock {
  const env = request.env ?? process.env;
  const token = (env[RUN_TOKEN_VARIABLE] ||= randomUUID());
  const file = join(dir, LOCK_FILE);
  mkdirSync(dir, { recursive: true });
  const start = processStart(process.pid);
  const mine: LockOwner = {
    pid: process.pid,
    host: hostname(),
    ...(start === undefined ? {} : { processStart: start }),
    token,
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(" "),
  };
  // Written beside the lock and linked into place: a lock file is never seen half-written.
  const draft = `${file}.${mine.pid}.${randomUUID()}`;
  writeFileSync(draft, `${JSON.stringify(mine)}\n`);
  try {
    let owner: LockOwner | undefined;
    // A few rounds at most: a lock released or found dead between our attempt and our look.
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        linkSync(draft, file);
        return ownLock(file, token);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const found = readOwner(file);
      owner = found.owner;
      if (found.raw === undefined) continue;
      if (owner?.token === token) return inheritedLock();
      if (!owner || !isGone(owner)) break;
      // Removed only while it still is the dead owner's file, not a lock another run took meanwhile.
      if (readOwner(file).raw === found.raw) removeIfPresent(file);
    }
    throw busy(dir, request, owner);
  } finally {
    removeIfPresent(draft);
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function ownLock(file: string, token: string): FolderLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    // Only our own file: after a takeover (we were thought dead) it may be another run's.
    if (readOwner(file).owner?.token === token) removeIfPresent(file);
  };
  // A normal exit gives the folder up; a killed owner's lock is taken over by the next run.
  process.on("exit", release);
  return { release, [Symbol.dispose]: release };
}

function inheritedLock(): FolderLock {
  const release = () => undefined;
  return { release, [Symbol.dispose]: release };
}

function readOwner(file: string): { owner?: LockOwner; raw?: string } {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockOwner>;
    const valid = Number.isInteger(parsed.pid) && typeof parsed.host === "string" && typeof parsed.token === "string";
    return valid ? { owner: parsed as LockOwner, raw } : { raw };
  } catch {
    return { raw };
  }
}

/** True when the owner is known to have ended: on this machine, and its pid is free or another process's. */
export function isGone(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (!isAlive(owner.pid)) return true;
  const now = processStart(owner.pid);
  return owner.processStart !== undefined && now !== undefined && now !== owner.processStart;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Field 22 of /proc/<pid>/stat, the start time in clock ticks since boot; undefined off Linux. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses; fields after the last ")" do not.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function busy(dir: string, request: LockRequest, owner: LockOwner | undefined): FolderBusyError {
  const file = join(request.shown, LOCK_FILE);
  if (!owner) {
    return new FolderBusyError(`${request.shown} is locked by ${file}, which we cannot read.`, `If no run is under way, delete ${join(dir, LOCK_FILE)} and run again.`);
  }
  const where = owner.host === hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.host}`;
  return new FolderBusyError(
    `Another run (${where}, since ${owner.startedAt}: ${owner.command}) is using ${request.shown}; two runs there would mix their results.`,
    `Wait for it to finish, ${request.alternative}.`,
    owner,
  );
}
