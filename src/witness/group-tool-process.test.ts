import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkJava } from "../broker/native/java.js";
import { GroupToolProcess } from "./group-tool-process.js";

/** The ways the tool server fails to start; each must say so in the first request's error. */
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function emptyLibs(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "group-tool-test-"));
  dirs.push(dir);
  return join(dir, "libs");
}

describe("GroupToolProcess", () => {
  it("fails every request, saying why, when Java cannot be started", async () => {
    await using tool = GroupToolProcess.start({ java: "/nonexistent/bin/java", javaMajor: 17, libs: await emptyLibs(), bootstrapServers: ["127.0.0.1:9"], env: process.env });
    await expect(tool.describe(["g"])).rejects.toThrow(/stopped: it could not be started \(spawn \/nonexistent\/bin\/java ENOENT\)[\s\S]*needs a full JDK/);
    await expect(tool.ready).rejects.toThrow(/could not be started/);
  });

  it("passes on the JVM's own words when the program cannot run (no Kafka jars)", async () => {
    const { java, major } = await checkJava(process.env);
    await using tool = GroupToolProcess.start({ java, javaMajor: major, libs: await emptyLibs(), bootstrapServers: ["127.0.0.1:9"], env: process.env });
    const message = await tool.describe(["g"]).then(
      () => "answered",
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(message).toMatch(/stopped: it exited \(code 1\)/);
    expect(message).toContain("package org.apache.kafka.tools.consumer.group does not exist");
  });
});
