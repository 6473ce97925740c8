import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BrokerError } from "../../errors.js";
import { waitFor } from "../../harness/wait.js";
import { KAFKA_VERSION } from "../../kafka-version.js";
import { scratchDirs } from "../../testing/scratch-dirs.js";
import { startNativeBroker } from "./native-broker.js";
import { isAlive, RUN_DIR_PREFIX, type PidRecord } from "./process-guard.js";

/**
 * These start real JVMs (no shared broker): the ways a broker start can fail,
 * and the ways its owner can die, must leave no JVM and no folder behind.
 */
const FIXTURE = fileURLToPath(new URL("./fixtures/hold-broker.ts", import.meta.url));
const scratchTmp = scratchDirs("native-test");

async function runDirs(parent: string): Promise<string[]> {
  return (await readdir(parent)).filter((name) => name.startsWith(RUN_DIR_PREFIX)).map((name) => join(parent, name));
}

describe("startNativeBroker", () => {
  it("shows the broker's own log when it fails to start, and leaves nothing behind", async () => {
    const parent = await scratchTmp();
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = parent;
    try {
      const error = await startNativeBroker({
        version: KAFKA_VERSION,
        env: process.env,
        // Accepted by the storage tool, fatal when the controller starts: a start that fails late.
        extraSettings: { "authorizer.class.name": "com.example.MissingAuthorizer" },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BrokerError);
      expect((error as Error).message).toContain("The Kafka broker exited with code 1");
      expect((error as Error).message).toContain("ClassNotFoundException: com.example.MissingAuthorizer");
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    expect(await runDirs(parent)).toEqual([]);
  });
});

describe("a broker whose owner dies", () => {
  // SIGKILL: nothing in the owner runs, so only the watchdog can clean up. (A plain SIGINT ends an owner
  // without handlers the same way; the test runner's own Ctrl-C handling stops the broker in teardown.)
  for (const signal of ["SIGKILL"] as const) {
    it(`is stopped and its folder removed when the owner gets ${signal}`, async () => {
      const parent = await scratchTmp();
      const owner = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
        env: { ...process.env, TMPDIR: parent },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      owner.stdout.on("data", (chunk) => (output += chunk));
      owner.stderr.on("data", (chunk) => (output += chunk));
      await waitFor("the fixture's broker to be ready", () => (output.includes("READY") ? true : undefined), { timeoutMs: 60_000 });
      const [runDir] = await runDirs(parent);
      const record = JSON.parse(await readFile(join(runDir!, "broker.pid.json"), "utf8")) as PidRecord;
      expect(isAlive(record.jvmPid)).toBe(true);

      owner.kill(signal);
      await waitFor(`the JVM ${record.jvmPid} to stop after its owner got ${signal}`, () => (isAlive(record.jvmPid) ? undefined : true), {
        timeoutMs: 15_000,
        intervalMs: 100,
      });
      await waitFor(`the run folder ${runDir} to be removed`, () => (existsSync(runDir!) ? undefined : true), { timeoutMs: 5_000 });
    });
  }
});
