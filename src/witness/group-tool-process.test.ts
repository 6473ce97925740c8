import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkJava } from "../broker/native/java.js";
import { isAlive } from "../broker/native/process-guard.js";
import { GroupToolProcess } from "./group-tool-process.js";

/** Speaks the server's side of the protocol in sh; see its opening comment. */
const STAND_IN = fileURLToPath(new URL("./fixtures/stand-in-tool-server.sh", import.meta.url));

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
    // Spawned directly, or by setpriv (see parent-death-signal.ts), which says so on stderr.
    const cannotStart = /stopped: it (could not be started \(spawn|exited \(code 127\)\.\n--- its stderr\nsetpriv: failed to execute) \/nonexistent\/bin\/java/;
    await expect(tool.describe(["g"])).rejects.toThrow(new RegExp(`${cannotStart.source}[\\s\\S]*needs a full JDK`));
    await expect(tool.ready).rejects.toThrow(cannotStart);
  });

  it("passes on the JVM's own words when the program cannot run (no Kafka jars)", async () => {
    const { java, major } = await checkJava(process.env);
    await using tool = GroupToolProcess.start({ java, javaMajor: major, libs: await emptyLibs(), bootstrapServers: ["127.0.0.1:9"], env: process.env });
    const message = await tool.describe(["g"]).then(
      () => "answered",
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(message).toMatch(/stopped: it exited \(code 1\)/);
    // javac's own words: without Kafka's jars, the tool's classes are not found (which error comes first depends on the source)
    expect(message).toMatch(/GroupToolServer\.java:\d+: error: (package org\.apache\.kafka\.tools\.consumer\.group does not exist|cannot find symbol)/);
  });
});

describe("GroupToolProcess, with a stand-in for the JVM", () => {
  const start = async (requestTimeoutMs?: number) =>
    GroupToolProcess.start({ java: STAND_IN, javaMajor: 17, libs: await emptyLibs(), bootstrapServers: ["127.0.0.1:9"], env: process.env, requestTimeoutMs });

  it("fails a request past its time limit alone, naming its groups and the time; the server goes on answering", async () => {
    await using tool = await start(1_000);
    await expect(tool.describe(["never-A", "never-B"])).rejects.toThrow(
      "Kafka's consumer-groups tool gave no answer about groups never-A, never-B within 1 s, asking the run's broker at 127.0.0.1:9. " +
        "Only this request failed; the tool goes on answering others.",
    );
    expect((await tool.describe(["g-C"])).missing).toEqual(["g-C"]);
    expect(isAlive(tool.pid!)).toBe(true);
  });

  it("gives each caller the answer to its own request, in whatever order the answers come", async () => {
    await using tool = await start();
    const [late, quick] = await Promise.all([tool.describe(["late-A", "g-B"]), tool.describe(["g-C"])]);
    expect([late.missing, quick.missing]).toEqual([["late-A", "g-B"], ["g-C"]]);
    expect([late.problems, quick.problems]).toEqual([[], []]);
  });

  it("refuses a broker that is not one of the run's without asking the server", async () => {
    await using tool = await start();
    await expect(tool.describe(["g-A"], ["kafka.example.com:9092"])).rejects.toThrow(/asks only this run's brokers: 127\.0\.0\.1:9 .*got kafka\.example\.com:9092/);
    expect((await tool.describe(["g-B"], ["localhost:9"])).missing).toEqual(["g-B"]);
  });

  it("fails what it was still asked when closed, and is gone once close() returns", async () => {
    const tool = await start();
    const unanswered = tool.describe(["never-A"]).catch((error: unknown) => error);
    await tool.ready;
    await tool.close();
    expect(await unanswered).toMatchObject({ message: expect.stringContaining("was closed; it answers no more requests") });
    expect(isAlive(tool.pid!)).toBe(false);
  });
});
