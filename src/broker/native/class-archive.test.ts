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
});
