import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
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
    await writeFile(
      settings,
      `<settings><mirrors><mirror><id>nowhere</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:9/</url></mirror></mirrors></settings>`,
    );
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
