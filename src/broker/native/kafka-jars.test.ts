import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolchainError } from "../../errors.js";
import { scratchDirs } from "../../testing/scratch-dirs.js";
import { ensureKafkaJars, kafkaJarsDir, loggingBinding, mavenFailure, runtimePom } from "./kafka-jars.js";

const scratch = scratchDirs("jars-test");

describe("kafkaJarsDir", () => {
  it("is per version, under XDG_CACHE_HOME when set", () => {
    expect(kafkaJarsDir("4.3.1", { XDG_CACHE_HOME: "/c" })).toBe("/c/kafka-consumer-group-proofs/kafka-4.3.1/libs");
    expect(kafkaJarsDir("4.3.1", { HOME: "/home/u" })).toBe("/home/u/.cache/kafka-consumer-group-proofs/kafka-4.3.1/libs");
  });
});

describe("runtimePom", () => {
  it("asks for the broker and the tools of one version", () => {
    const pom = runtimePom("4.3.1");
    expect(pom).toContain("<artifactId>kafka_2.13</artifactId><version>4.3.1</version>");
    expect(pom).toContain("<artifactId>kafka-tools</artifactId><version>4.3.1</version>");
  });
});

describe("loggingBinding", () => {
  it("matches the SLF4J 1.x API to log4j's 1.x bridge at log4j-core's version", () => {
    expect(loggingBinding(["slf4j-api-1.7.36.jar", "log4j-core-2.25.4.jar"])).toEqual({
      groupId: "org.apache.logging.log4j",
      artifactId: "log4j-slf4j-impl",
      version: "2.25.4",
    });
  });

  it("uses the 2.x bridge for SLF4J 2", () => {
    expect(loggingBinding(["slf4j-api-2.0.17.jar", "log4j-core-2.24.3.jar"])?.artifactId).toBe("log4j-slf4j2-impl");
  });

  it("adds nothing when a bridge is there or log4j is not", () => {
    expect(loggingBinding(["slf4j-api-1.7.36.jar", "log4j-core-2.25.4.jar", "log4j-slf4j-impl-2.25.4.jar"])).toBeUndefined();
    expect(loggingBinding(["slf4j-api-1.7.36.jar"])).toBeUndefined();
  });
});

describe("mavenFailure", () => {
  it("tells an unpublished version from an unreachable repository", () => {
    const missing = mavenFailure("9.9.9", "[ERROR] Could not find artifact org.apache.kafka:kafka_2.13:jar:9.9.9 in central");
    expect(missing.message).toContain("Apache Kafka 9.9.9 is not published on Maven Central");
    const offline = mavenFailure("4.3.1", "[ERROR] Could not transfer artifact ... Connection refused");
    expect(offline.message).toContain("Maven could not download Apache Kafka 4.3.1, and no cached copy exists");
    expect(offline.message).toContain("Connection refused");
  });
});

describe("ensureKafkaJars", () => {
  it("uses a complete cache without running Maven", async () => {
    const cache = await scratch();
    const libs = kafkaJarsDir("4.3.1", { XDG_CACHE_HOME: cache });
    await mkdir(libs, { recursive: true });
    await writeFile(join(libs, ".complete"), "");
    expect(await ensureKafkaJars({ version: "4.3.1", env: { XDG_CACHE_HOME: cache, MVN: "/nonexistent/mvn" } })).toBe(libs);
  });

  it("says Maven is missing when there is no cache and no mvn", async () => {
    const cache = await scratch();
    const error = await ensureKafkaJars({ version: "4.3.1", env: { ...process.env, XDG_CACHE_HOME: cache, MVN: "/nonexistent/mvn" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolchainError);
    expect((error as Error).message).toMatch(/Maven was not found \(tried "\/nonexistent\/mvn"\)[\s\S]*apt-get install maven/);
    expect(existsSync(kafkaJarsDir("4.3.1", { XDG_CACHE_HOME: cache }))).toBe(false);
  });

  it("says Maven Central is unreachable when the repository cannot be reached and nothing is cached", async () => {
    const work = await scratch();
    // A mirror on a closed loopback port stands in for an unreachable Maven Central; an empty local repository for "no cache".
    const settings = join(work, "settings.xml");
    await writeFile(settings, `<settings><mirrors><mirror><id>nowhere</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:9/</url></mirror></mirrors></settings>`);
    const error = await ensureKafkaJars({
      version: "4.3.1",
      env: { ...process.env, XDG_CACHE_HOME: join(work, "cache") },
      mavenArgs: ["-s", settings, `-Dmaven.repo.local=${join(work, "m2")}`],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolchainError);
    expect((error as Error).message).toContain("Maven could not download Apache Kafka 4.3.1, and no cached copy exists");
    expect((error as Error).message).toContain("Maven Central");
    expect(existsSync(kafkaJarsDir("4.3.1", { XDG_CACHE_HOME: join(work, "cache") }))).toBe(false);
  });
});

/**
 * Stands in for Maven: "resolves" into ./libs (the run's own folder is its working
 * directory) a jar holding $FAKE_RUN. It first waits until $FAKE_WAIT_FOR exists,
 * so a test can hold one download open while another finishes.
 */
const FAKE_MVN = `#!/bin/sh
if [ -n "$FAKE_STARTED" ]; then : > "$FAKE_STARTED"; fi
i=0
while [ -n "$FAKE_WAIT_FOR" ] && [ ! -e "$FAKE_WAIT_FOR" ] && [ "$i" -lt 400 ]; do sleep 0.05; i=$((i+1)); done
mkdir -p libs
echo "$FAKE_RUN" > libs/kafka_2.13-4.3.1.jar
`;

async function fakeMaven(dir: string): Promise<string> {
  const mvn = join(dir, "fake-mvn");
  await writeFile(mvn, FAKE_MVN);
  await chmod(mvn, 0o755);
  return mvn;
}

async function deadPid(): Promise<number> {
  const child = spawn("true");
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

describe("ensureKafkaJars with runs at the same time", () => {
  it("lets two first-time installs into one cache both succeed, with one complete set of jars and no leftovers", async () => {
    const dir = await scratch();
    const MVN = await fakeMaven(dir);
    const env = (run: string, other: string) => ({
      ...process.env,
      XDG_CACHE_HOME: join(dir, "cache"),
      MVN,
      FAKE_RUN: run,
      // Each download waits until the other has begun: both are under way at once.
      FAKE_STARTED: join(dir, `started-${run}`),
      FAKE_WAIT_FOR: join(dir, `started-${other}`),
    });
    const [a, b] = await Promise.all([ensureKafkaJars({ version: "4.3.1", env: env("a", "b") }), ensureKafkaJars({ version: "4.3.1", env: env("b", "a") })]);
    const libs = kafkaJarsDir("4.3.1", { XDG_CACHE_HOME: join(dir, "cache") });
    expect([a, b]).toEqual([libs, libs]);
    expect((await readdir(libs)).sort()).toEqual([".complete", "kafka_2.13-4.3.1.jar"]);
    expect(["a\n", "b\n"]).toContain(await readFile(join(libs, "kafka_2.13-4.3.1.jar"), "utf8"));
    expect(await readdir(dirname(libs))).toEqual(["libs"]);
  });

  it("keeps the jars of the run that installed first, which may be in use, and removes only its own folder", async () => {
    const dir = await scratch();
    const MVN = await fakeMaven(dir);
    const cache = join(dir, "cache");
    const libs = kafkaJarsDir("4.3.1", { XDG_CACHE_HOME: cache });
    const env = { ...process.env, XDG_CACHE_HOME: cache, MVN };
    // The second download is held open until the first run has installed its jars.
    const second = ensureKafkaJars({ version: "4.3.1", env: { ...env, FAKE_RUN: "second", FAKE_WAIT_FOR: join(libs, ".complete") } });
    expect(await ensureKafkaJars({ version: "4.3.1", env: { ...env, FAKE_RUN: "first" } })).toBe(libs);
    const installed = (await stat(libs)).ino;
    expect(await second).toBe(libs);
    expect((await stat(libs)).ino).toBe(installed);
    expect(await readFile(join(libs, "kafka_2.13-4.3.1.jar"), "utf8")).toBe("first\n");
    expect(await readdir(dirname(libs))).toEqual(["libs"]);
  });

  it("says what is wrong, and touches nothing, when an incomplete folder holds the cache's place", async () => {
    const dir = await scratch();
    const cache = join(dir, "cache");
    const libs = kafkaJarsDir("4.3.1", { XDG_CACHE_HOME: cache });
    await mkdir(libs, { recursive: true });
    await writeFile(join(libs, "someone-elses.jar"), "");
    const error = await ensureKafkaJars({ version: "4.3.1", env: { ...process.env, XDG_CACHE_HOME: cache, MVN: await fakeMaven(dir), FAKE_RUN: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolchainError);
    expect((error as Error).message).toContain(`The jar cache ${libs} exists but is incomplete (it has no .complete file)`);
    expect((error as Error).message).toContain(`rm -r "${libs}"`);
    expect(await readdir(libs)).toEqual(["someone-elses.jar"]);
    expect(await readdir(dirname(libs))).toEqual(["libs"]);
  });

  it("removes resolving folders whose run died, and leaves a live run's alone", async () => {
    const dir = await scratch();
    const cache = join(dir, "cache");
    const libs = kafkaJarsDir("4.3.1", { XDG_CACHE_HOME: cache });
    const abandoned = `${libs}.partial-${await deadPid()}-abc123`;
    const live = `${libs}.partial-${process.pid}-def456`;
    await Promise.all([mkdir(abandoned, { recursive: true }), mkdir(live, { recursive: true })]);
    await ensureKafkaJars({ version: "4.3.1", env: { ...process.env, XDG_CACHE_HOME: cache, MVN: await fakeMaven(dir), FAKE_RUN: "x" } });
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});
