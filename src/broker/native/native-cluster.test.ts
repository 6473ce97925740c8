import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { waitFor } from "../../harness/wait.js";
import { clusterProofsEnabled, CLUSTER_PROOFS_VARIABLE } from "../../harness/own-cluster.js";
import { KAFKA_VERSION } from "../../kafka-version.js";
import { scratchDirs } from "../../testing/scratch-dirs.js";
import { startNativeCluster } from "./native-cluster.js";
import { isAlive, RUN_DIR_PREFIX } from "./process-guard.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/hold-cluster.ts", import.meta.url));
const scratchTmp = scratchDirs("native-cluster-test");

async function runDirs(parent: string): Promise<string[]> {
  return (await readdir(parent)).filter((name) => name.startsWith(RUN_DIR_PREFIX)).map((name) => join(parent, name));
}

describe("startNativeCluster", () => {
  it("refuses a node count it cannot start, before starting anything", async () => {
    for (const nodes of [0, 2.5, 10]) {
      await expect(startNativeCluster({ version: KAFKA_VERSION, env: process.env, nodes })).rejects.toThrow(ConfigError);
    }
  });
});

// Three JVMs for a minute: run with the cluster proofs (npm run proofs:cluster), not in every npm test.
describe.skipIf(!clusterProofsEnabled(process.env))(`a three-node cluster whose owner dies (${CLUSTER_PROOFS_VARIABLE}=1)`, () => {
  it("has every node stopped and every run folder removed when the owner gets SIGKILL", async () => {
    const parent = await scratchTmp();
    const owner = spawn(process.execPath, ["--import", "tsx", FIXTURE], { env: { ...process.env, TMPDIR: parent }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    owner.stdout.on("data", (chunk) => (output += chunk));
    owner.stderr.on("data", (chunk) => (output += chunk));
    const pids = await waitFor("the fixture's cluster to be ready", () => /READY (\S+)/.exec(output)?.[1]?.split(",").map(Number), { timeoutMs: 120_000, intervalMs: 100 });
    expect(pids).toHaveLength(3);
    expect(pids.every(isAlive)).toBe(true);
    const dirs = await runDirs(parent);
    expect(dirs).toHaveLength(3);

    owner.kill("SIGKILL");
    await waitFor(`the JVMs ${pids.join(", ")} to stop after their owner got SIGKILL`, () => (pids.some(isAlive) ? undefined : true), { timeoutMs: 30_000, intervalMs: 100 });
    await waitFor("every run folder to be removed", () => (dirs.some((dir) => existsSync(dir)) ? undefined : true), { timeoutMs: 10_000, intervalMs: 100 });
  }, 180_000);
});
