import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containerConfig } from "../../container-config.js";

const ENTRYPOINT = fileURLToPath(new URL("./entrypoint.sh", import.meta.url));

/**
 * The entry point under the machine's /bin/sh with a stand-in `java` that records
 * its arguments: what it writes to server.properties and how it starts the JVMs.
 */
describe("the local image's entry point", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "entrypoint-test-"));
    await writeFile(join(dir, "java"), `#!/bin/sh\necho "$*" >> "${join(dir, "java.calls")}"\n`);
    await chmod(join(dir, "java"), 0o755);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function run(env: Record<string, string>): Promise<{ status: number | null; stderr: string; props: Record<string, string>; calls: string[] }> {
    const runDir = await mkdtemp(join(dir, "run-"));
    await rm(join(dir, "java.calls"), { force: true });
    const result = spawnSync("sh", [ENTRYPOINT], {
      env: { PATH: process.env.PATH, JAVA: join(dir, "java"), KAFKA_RUN_DIR: runDir, KAFKA_PROOFS_HOME: "/opt/kafka-proofs", ...env },
      encoding: "utf8",
    });
    const text = await readFile(join(runDir, "server.properties"), "utf8").catch(() => "");
    const props: Record<string, string> = {};
    for (const line of text.split("\n").filter(Boolean)) {
      const at = line.indexOf("=");
      props[line.slice(0, at)] = line.slice(at + 1);
    }
    const calls = (await readFile(join(dir, "java.calls"), "utf8").catch(() => "")).split("\n").filter(Boolean);
    return { status: result.status, stderr: result.stderr, props, calls };
  }

  it("turns the provider's configuration into the same server properties the official image would", async () => {
    const config = containerConfig({ version: "4.4.0", env: {}, port: 41234, clusterId: "AAAAAAAAAAAAAAAAAAAAAA", runId: "r" });
    const { status, props } = await run(config.environment);
    expect(status).toBe(0);
    expect(props.listeners).toBe("PLAINTEXT://0.0.0.0:41234,CONTROLLER://0.0.0.0:29093");
    expect(props["advertised.listeners"]).toBe("PLAINTEXT://localhost:41234");
    expect(props["group.initial.rebalance.delay.ms"]).toBe("0");
    expect(props["log.dirs"]).toMatch(/\/data$/);
    // JVM settings are not broker properties.
    expect(Object.keys(props).some((key) => key.includes("opts"))).toBe(false);
  });

  it("decodes `_`, `__` and `___` as the official image does, and escapes backslashes", async () => {
    const { props } = await run({ CLUSTER_ID: "c", KAFKA_SOME__PROP: "a\\b", KAFKA_A___B_C: "x", KAFKA_LOG_DIRS: "/elsewhere" });
    expect(props.some_prop).toBe("a\\\\b");
    expect(props["a-b.c"]).toBe("x");
    // An explicit KAFKA_LOG_DIRS comes after the default, so java.util.Properties takes it.
    expect(props["log.dirs"]).toBe("/elsewhere");
  });

  it("formats with the cluster id even when it starts with a dash, then runs the broker", async () => {
    const { calls } = await run({ CLUSTER_ID: "-abcdefghijklmnopqrstu", KAFKA_HEAP_OPTS: "-Xmx300m" });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain("kafka.tools.StorageTool format --ignore-formatted --cluster-id=-abcdefghijklmnopqrstu");
    expect(calls[1]).toMatch(/^-Xmx300m .*-cp \/opt\/kafka-proofs\/libs\/\* kafka\.Kafka /);
  });

  it("records a class archive at exit when asked to", async () => {
    const { calls } = await run({ CLUSTER_ID: "c", KAFKA_PROOFS_CLASS_ARCHIVE_AT_EXIT: "/tmp/broker.jsa" });
    expect(calls[0]).not.toContain("ArchiveClassesAtExit");
    expect(calls[1]).toContain("-XX:ArchiveClassesAtExit=/tmp/broker.jsa");
  });

  it("refuses to start without CLUSTER_ID, saying what it is", async () => {
    const { status, stderr } = await run({});
    expect(status).toBe(2);
    expect(stderr).toContain("CLUSTER_ID is not set");
  });
});
