import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, test } from "vitest";
import { freePort } from "../src/broker/native/free-port.js";
import { killHard, otherRunHolding, separateRunEnv } from "../src/evidence/fixtures/other-run.js";

const SCRIPT = fileURLToPath(new URL("./site-start.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

let dir: string;
const others: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "site-start-results-"));
});
afterEach(async () => {
  await Promise.all(others.splice(0).map(killHard));
  rmSync(dir, { recursive: true, force: true });
});

/** A results file as a proof run records it (only what recognising one needs). */
const recorded = (id: string) => JSON.stringify({ id, title: id, claim: "c", verdict: "pass", kafka: { version: "4.4.0", mode: "native" }, checks: [], control: {} });

/** The user's own files in the folder, and results of an earlier run. */
function fillFolder(): void {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "the-users-project", version: "1.0.0" }));
  writeFileSync(join(dir, "notes.json"), JSON.stringify({ id: "notes" }));
  writeFileSync(join(dir, "copy-of-smoke.json"), recorded("smoke"));
  writeFileSync(join(dir, "smoke.json"), recorded("smoke"));
  writeFileSync(join(dir, "a-removed-proof.json"), recorded("a-removed-proof"));
}

/**
 * `npm start` against a cluster address where nothing listens: the proofs stop at once,
 * having recorded nothing, and the site cannot be built; what it did to the folder is what is checked.
 */
async function npmStart(): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    cwd: REPO_ROOT,
    env: separateRunEnv({ KAFKA_PROOFS_RESULTS_DIR: dir, KAFKA_MODE: "external", KAFKA_BROKERS: `127.0.0.1:${await freePort()}`, FORCE_COLOR: "0" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // "close", not "exit": its last lines can still be in the pipe when it exits.
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  return { code, output };
}

test("npm start clears the results an earlier run recorded, and nothing else in the folder", async () => {
  fillFolder();
  const { code, output } = await npmStart();
  expect(code, output).toBe(1);
  // The proofs ran (sharing npm start's hold on the folder) and stopped at the missing cluster.
  expect(output).toContain("Could not reach the Kafka cluster");
  expect(readdirSync(dir).sort()).toEqual(["copy-of-smoke.json", "notes.json", "package.json"]);
}, 120_000);

test("npm start refuses a results folder another run is using, naming it, and touches nothing", async () => {
  fillFolder();
  const other = await otherRunHolding(dir);
  others.push(other);
  const { code, output } = await npmStart();
  expect(code, output).toBe(1);
  expect(output).toContain(`Another run (pid ${other.pid}`);
  expect(output).toContain("KAFKA_PROOFS_RESULTS_DIR");
  expect(output).not.toContain("Running the proofs");
  expect(readdirSync(dir).sort()).toEqual(["a-removed-proof.json", "copy-of-smoke.json", "notes.json", "package.json", "smoke.json", ".kafka-proofs.lock"].sort());
}, 120_000);
