import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classArchive } from "./class-archive.js";

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A version folder like the cache's: the archive lives beside `libs`. */
async function versionDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "class-archive-test-"));
  dirs.push(dir);
  return dir;
}

async function deadPid(): Promise<number> {
  const child = spawn("true");
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

describe("classArchive", () => {
  it("has the first JVM write the archive under its own name, then moves it into place", async () => {
    const dir = await versionDir();
    const first = classArchive(join(dir, "libs"), "group-tool-classes", 17);
    const pending = first.options[0]!.replace("-XX:ArchiveClassesAtExit=", "");
    expect(pending).toMatch(new RegExp(`group-tool-classes-java17\\.jsa\\.${process.pid}-\\d+\\.tmp$`));
    await writeFile(pending, "archive");
    await first.settle();
    expect(await readdir(dir)).toEqual(["group-tool-classes-java17.jsa"]);
    expect(classArchive(join(dir, "libs"), "group-tool-classes", 17).options).toEqual([`-XX:SharedArchiveFile=${join(dir, "group-tool-classes-java17.jsa")}`]);
  });

  it("removes archives left by JVMs whose owners died, and leaves live owners' alone", async () => {
    const dir = await versionDir();
    const orphan = join(dir, `group-tool-classes-java17.jsa.${await deadPid()}-1.tmp`);
    const live = join(dir, `group-tool-classes-java17.jsa.${process.pid}-1.tmp`);
    await Promise.all([writeFile(join(dir, "group-tool-classes-java17.jsa"), "archive"), writeFile(orphan, "x"), writeFile(live, "x")]);
    await classArchive(join(dir, "libs"), "group-tool-classes", 17).settle();
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it("is named after the runtime's full version, so a JDK update writes a new one and drops the old", async () => {
    const dir = await versionDir();
    await writeFile(join(dir, "broker-classes-java17.0.14+7-Debian-1deb12u1.jsa"), "old build's archive");
    await writeFile(join(dir, "group-tool-classes-java17.0.14+7-Debian-1deb12u1.jsa"), "another program's archive");
    const updated = classArchive(join(dir, "libs"), "broker-classes", "17.0.15+6-Debian-1deb12u1");
    const pending = updated.options[0]!.replace("-XX:ArchiveClassesAtExit=", "");
    expect(pending).toContain("broker-classes-java17.0.15+6-Debian-1deb12u1.jsa.");
    await writeFile(pending, "archive");
    await updated.settle();
    expect((await readdir(dir)).sort()).toEqual(["broker-classes-java17.0.15+6-Debian-1deb12u1.jsa", "group-tool-classes-java17.0.14+7-Debian-1deb12u1.jsa"]);
  });

  it("keeps the file name safe whatever the runtime calls itself", () => {
    const odd = classArchive("/cache/kafka-4.4.0/libs", "broker-classes", "21.0.4+7/LTS beta");
    expect(odd.options[0]).toMatch(/^-XX:ArchiveClassesAtExit=\/cache\/kafka-4\.4\.0\/broker-classes-java21\.0\.4\+7_LTS_beta\.jsa\./);
  });

  it("after a start that failed, drops what its JVM wrote instead of keeping an archive of half a start", async () => {
    const dir = await versionDir();
    const failed = classArchive(join(dir, "libs"), "broker-classes", "17.0.15+6");
    await writeFile(failed.options[0]!.replace("-XX:ArchiveClassesAtExit=", ""), "partial archive");
    await failed.discard();
    expect(await readdir(dir)).toEqual([]);
  });
});
