import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { basename, delimiter, dirname, join } from "node:path";
import { ToolchainError } from "../../errors.js";
import { runCommand } from "./run-command.js";
import { noteJvmStart } from "./jvm-starts.js";

const STDERR_KEPT = 4_000;

/** A Java program of the project's, and what compiling it needs. */
export interface JavaProgram {
  /** Its `.java` files, the one with `main` first: it names the jar. */
  sources: readonly string[];
  java: string;
  javaMajor: number;
  /** Kafka's cached jars, which the program is compiled against and runs with. */
  libs: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Compiles a program once into a jar in the Kafka version's cache folder, named
 * after the source's hash and the Java major version, so every later JVM starts
 * without the source launcher's compile (seconds of CPU on a busy machine, at
 * every start). Concurrent first runs each compile into a folder of their own;
 * the first rename wins. Returns the jar.
 */
export async function compiledJava({ sources, java, javaMajor, libs, env }: JavaProgram): Promise<string> {
  const program = basename(sources[0] ?? "", ".java");
  const kebab = program.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
  const digest = createHash("sha256");
  for (const source of sources) digest.update(readFileSync(source));
  const hash = digest.digest("hex").slice(0, 12);
  const folder = join(dirname(libs), `${kebab}-${hash}-java${javaMajor}`);
  const jar = join(folder, `${kebab}.jar`);
  if (existsSync(jar)) {
    // Marked as used: builds nothing has used for a week are removed when another is made (see pruneStaleBuilds).
    const now = new Date();
    await utimes(folder, now, now).catch(() => undefined);
    return jar;
  }
  const work = await mkdtemp(`${folder}.partial-`);
  try {
    // javac through the same runtime (the jdk.compiler module), as the source launcher would use.
    // Spelled out: the launcher expands "libs/*" for a JVM's class path, but javac run as a module does not.
    const jars = readdirSync(libs)
      .filter((name) => name.endsWith(".jar"))
      .map((name) => join(libs, name));
    const args = ["--module", "jdk.compiler/com.sun.tools.javac.Main", "-nowarn", "-d", join(work, "classes"), "-cp", jars.join(delimiter), ...sources];
    noteJvmStart("compile", env);
    let result = await runCommand(java, args, { env });
    // In a jar, not a folder: a class-data archive can only be made of classes from jars.
    if (result.code === 0) noteJvmStart("compile", env);
    if (result.code === 0)
      result = await runCommand(java, ["--module", "jdk.jartool/sun.tools.jar.Main", "cf", join(work, `${kebab}.jar`), "-C", join(work, "classes"), "."], { env });
    if (result.code !== 0) {
      throw new ToolchainError(
        `${program}.java did not compile:\n${(result.stderr + result.stdout).trim().slice(-STDERR_KEPT)}`,
        "It compiles with the JDK's own compiler (jdk.compiler) against Kafka's cached jars; install a full JDK (Debian/Ubuntu: openjdk-17-jdk-headless).",
      );
    }
    await rm(join(work, "classes"), { recursive: true, force: true });
    await rename(work, folder).catch(() => undefined);
    await pruneStaleBuilds(dirname(libs), kebab, basename(folder));
    return jar;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The class-data archive name for a compiled program: after its jar's folder, so an archive of another build of it is never mapped. */
export function compiledArchiveName(jar: string): string {
  return `${basename(dirname(jar))}-classes`;
}

/** How long a build of a program's older source may go unused before a new build removes it. */
export const STALE_BUILD_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Removes the builds of `kebab` other than `current` (their folders and class-data archives) that no
 * run has used for `STALE_BUILD_MS`: each change of a program's source makes a new build of tens of MB,
 * and a checkout that still uses an old one within the week keeps it (a later run of it would compile
 * it again). Only folders named as builds of that program are touched.
 */
export async function pruneStaleBuilds(cache: string, kebab: string, current: string, now = Date.now()): Promise<string[]> {
  const build = new RegExp(`^${kebab}-[0-9a-f]{12}-java\\d+$`);
  const removed: string[] = [];
  for (const name of await readdir(cache).catch(() => [] as string[])) {
    if (!build.test(name) || name === current) continue;
    const used = await stat(join(cache, name)).then(
      (s) => s.mtimeMs,
      () => now,
    );
    if (now - used < STALE_BUILD_MS) continue;
    for (const file of await readdir(cache).catch(() => [] as string[])) {
      if (file.startsWith(`${name}-classes`) && file.endsWith(".jsa")) await rm(join(cache, file), { force: true });
    }
    await rm(join(cache, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
