import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ToolchainError } from "../../errors.js";
import { checkJava, javaExecutable, parseJavaBuild, parseJavaMajor, parseJavaRelease } from "./java.js";

describe("parseJavaMajor", () => {
  it("reads modern and legacy version strings", () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('openjdk version "25-ea" 2025-09-16')).toBe(25);
    expect(parseJavaMajor("command not found")).toBeUndefined();
  });
});

describe("parseJavaBuild", () => {
  it("reads the runtime's full version, which a JDK update changes", () => {
    const debian =
      'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)\nOpenJDK 64-Bit Server VM (build 17.0.15+6-Debian-1deb12u1, mixed mode, sharing)';
    expect(parseJavaBuild(debian)).toBe("17.0.15+6-Debian-1deb12u1");
    const temurin =
      'openjdk version "21.0.4" 2024-07-16 LTS\nOpenJDK Runtime Environment Temurin-21.0.4+7 (build 21.0.4+7-LTS)\nOpenJDK 64-Bit Server VM Temurin-21.0.4+7 (build 21.0.4+7-LTS, mixed mode)';
    expect(parseJavaBuild(temurin)).toBe("21.0.4+7-LTS");
    expect(parseJavaBuild('java version "1.8.0_392"')).toBe("1.8.0_392");
    expect(parseJavaBuild("command not found")).toBeUndefined();
  });
});

describe("parseJavaRelease", () => {
  it("reads the major and full version a JDK's release file states", () => {
    expect(parseJavaRelease('IMPLEMENTOR="Debian"\nJAVA_RUNTIME_VERSION="17.0.15+6-Debian-1deb12u1"\nJAVA_VERSION="17.0.15"\n')).toEqual({
      major: 17,
      build: "17.0.15+6-Debian-1deb12u1",
    });
    expect(parseJavaRelease('JAVA_VERSION="21"\n')).toEqual({ major: 21, build: "21" });
    expect(parseJavaRelease('JAVA_VERSION="1.8.0_392"\n')).toEqual({ major: 8, build: "1.8.0_392" });
    expect(parseJavaRelease("")).toBeUndefined();
    expect(parseJavaRelease('IMPLEMENTOR="x"\n')).toBeUndefined();
  });
});

describe("javaExecutable", () => {
  it("prefers JAVA_HOME", () => {
    expect(javaExecutable({ JAVA_HOME: "/opt/jdk" })).toBe("/opt/jdk/bin/java");
    expect(javaExecutable({})).toBe("java");
  });
});

describe("checkJava", () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  /** A JAVA_HOME whose `java -version` prints the given text, as a real JDK does on stderr. */
  async function fakeJavaHome(versionText: string): Promise<string> {
    const home = await mkdtemp(join(tmpdir(), "fake-jdk-"));
    dirs.push(home);
    await mkdir(join(home, "bin"));
    await writeFile(join(home, "bin", "java"), `#!/bin/sh\necho '${versionText}' >&2\n`);
    await chmod(join(home, "bin", "java"), 0o755);
    return home;
  }

  it("accepts the machine's Java 17+", async () => {
    const { major, build } = await checkJava(process.env);
    expect(major).toBeGreaterThanOrEqual(17);
    expect(build.startsWith(String(major))).toBe(true);
  });

  it("says what to install when Java is missing", async () => {
    const error = await checkJava({ JAVA_HOME: "/nonexistent/jdk" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolchainError);
    expect((error as Error).message).toContain('Java was not found (tried "/nonexistent/jdk/bin/java")');
    expect((error as Error).message).toContain("openjdk-17-jre-headless");
  });

  it("refuses Java older than 17, naming the version found", async () => {
    const home = await fakeJavaHome('java version "1.8.0_392"');
    await expect(checkJava({ JAVA_HOME: home })).rejects.toThrowError(/Java 8 was found .* needs Java 17 or newer/);
  });

  it("takes the version from the JDK's release file without starting a JVM", async () => {
    const home = await fakeJavaHome("this java is never run");
    await writeFile(join(home, "release"), 'JAVA_VERSION="21.0.4"\nJAVA_RUNTIME_VERSION="21.0.4+7-LTS"\n');
    await expect(checkJava({ JAVA_HOME: home })).resolves.toEqual({ java: join(home, "bin", "java"), major: 21, build: "21.0.4+7-LTS" });
  });

  it("asks java itself when the release file states a version too old, and refuses it", async () => {
    const home = await fakeJavaHome('openjdk version "11.0.2"');
    await writeFile(join(home, "release"), 'JAVA_VERSION="11.0.2"\n');
    await expect(checkJava({ JAVA_HOME: home })).rejects.toThrowError(/Java 11 was found .* needs Java 17 or newer/);
  });

  it("refuses a java that reports no version", async () => {
    const home = await fakeJavaHome("hello");
    await expect(checkJava({ JAVA_HOME: home })).rejects.toThrowError(/did not report a version/);
  });
});
