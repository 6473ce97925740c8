import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { killHard, otherRunHolding } from "./fixtures/other-run.js";
import { FolderBusyError, LOCK_FILE, lockFolder, RUN_TOKEN_VARIABLE, type LockOwner } from "./folder-lock.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "folder-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A run of its own: its own token, as a process started from another terminal has. */
const run = () => ({ env: {} as NodeJS.ProcessEnv, shown: "results/", alternative: "or set KAFKA_PROOFS_RESULTS_DIR" });
const lockFile = () => join(dir, LOCK_FILE);
const writeOwner = (owner: Partial<LockOwner>) =>
  writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, host: hostname(), token: randomUUID(), startedAt: "2026-01-01T00:00:00.000Z", command: "npm start", ...owner }));

describe("lockFolder", () => {
  it("refuses a folder another run holds, naming that run, the folder and what to do", () => {
    using _held = lockFolder(dir, run());
    const error = (() => {
      try {
        lockFolder(dir, run());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FolderBusyError);
    expect((error as Error).message).toMatch(new RegExp(`^Another run \\(pid ${process.pid}, since .*\\) is using results/; two runs there would mix their results\\.`));
    expect((error as Error).message).toContain("→ Wait for it to finish, or set KAFKA_PROOFS_RESULTS_DIR.");
  });

  it("gives the folder up on release, removing only its own lock file", () => {
    const first = lockFolder(dir, run());
    expect(existsSync(lockFile())).toBe(true);
    first.release();
    expect(existsSync(lockFile())).toBe(false);
    using _second = lockFolder(dir, run());
    first.release();
    expect(existsSync(lockFile()), "a second release must not remove the next run's lock").toBe(true);
  });

  it("is shared with the run's own child processes, which inherit its token", () => {
    const parent = run();
    using _held = lockFolder(dir, parent);
    const token = parent.env[RUN_TOKEN_VARIABLE];
    expect(token).toBeTruthy();
    const child = lockFolder(dir, { ...run(), env: { [RUN_TOKEN_VARIABLE]: token } });
    child.release();
    expect(existsSync(lockFile()), "the child's release leaves its parent's lock").toBe(true);
  });

  it("takes over the lock of a run that was killed (kill -9 runs no exit hook)", async () => {
    const other = await otherRunHolding(dir);
    try {
      expect(() => lockFolder(dir, run())).toThrowError(`Another run (pid ${other.pid}`);
    } finally {
      await killHard(other);
    }
    expect(existsSync(lockFile()), "the killed run left its lock file").toBe(true);
    using _taken = lockFolder(dir, run());
    expect((JSON.parse(readFileSync(lockFile(), "utf8")) as { pid: number }).pid).toBe(process.pid);
  });

  it.skipIf(!existsSync("/proc/self/stat"))("takes over a lock whose pid now belongs to another process", () => {
    writeOwner({ pid: process.pid, processStart: "1" });
    using _taken = lockFolder(dir, run());
  });

  it("respects the lock of a run on another machine, which it cannot check", () => {
    writeOwner({ pid: 999_999_999, host: "another-machine" });
    expect(() => lockFolder(dir, run())).toThrowError("pid 999999999 on another-machine");
  });

  it("refuses a lock file it cannot read, saying how to remove it", () => {
    writeFileSync(lockFile(), "{ not json");
    expect(() => lockFolder(dir, run())).toThrowError(`→ If no run is under way, delete ${lockFile()} and run again.`);
    expect(readFileSync(lockFile(), "utf8")).toBe("{ not json");
  });

  it("leaves nothing but its lock file in the folder", () => {
    using _held = lockFolder(dir, run());
    expect(() => lockFolder(dir, run())).toThrow();
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });
});
