import { existsSync } from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isAlive } from "./process-guard.js";

/**
 * A class-data sharing archive of a JVM's classes, kept beside the cached jars
 * (one for the broker, one for the consumer-groups tool). Loading Kafka's
 * classes dominates a JVM start; with the archive a start takes about half as
 * long. The first JVM that runs without one writes it when it exits
 * (`-XX:ArchiveClassesAtExit`); later starts map it in.
 *
 * A JVM that finds the archive unusable (another JDK build, changed jars)
 * warns in its log and starts without it, so a stale archive costs speed,
 * never correctness. To keep that from happening after a JDK update, the
 * archive is named after the runtime's full version, and it lives in the
 * Kafka version's own cache folder; an archive of an older runtime is removed
 * once the new one is in place.
 */
export interface ClassArchive {
  /** JVM options for a process that should use (or create) the archive. */
  options: string[];
  /** After the JVM that was to create it exited: move the new archive into place, and clear up after dead owners. */
  settle(): Promise<void>;
  /** After a start that failed: drop what its JVM wrote, an archive of a start that never finished. */
  discard(): Promise<void>;
}

/**
 * `javaVersion` is the runtime's full version (`checkJava`'s `build`, its
 * `java.runtime.version`); a bare major version is accepted too, and then one
 * archive serves, and after an update misses, every build of that major version.
 */
export function classArchive(libs: string, name: string, javaVersion: string | number): ClassArchive {
  const archive = join(dirname(libs), `${name}-java${String(javaVersion).replace(/[^\w.+-]/g, "_")}.jsa`);
  if (existsSync(archive)) {
    return { options: [`-XX:SharedArchiveFile=${archive}`], settle: () => removeOrphans(archive), discard: () => removeOrphans(archive) };
  }
  // Written under a name of its own, then renamed: concurrent first runs must not read a half-written archive.
  const pending = `${archive}.${process.pid}-${Date.now()}.tmp`;
  return {
    options: [`-XX:ArchiveClassesAtExit=${pending}`],
    async settle() {
      if (existsSync(pending) && !existsSync(archive)) await rename(pending, archive).catch(() => undefined);
      await rm(pending, { force: true });
      await removeOrphans(archive);
      if (existsSync(archive)) await removeOtherRuntimes(archive, name);
    },
    async discard() {
      await rm(pending, { force: true });
      await removeOrphans(archive);
    },
  };
}

/** Archives of the same classes for other Java runtimes: after a JDK update nothing uses them. */
async function removeOtherRuntimes(archive: string, name: string): Promise<void> {
  for (const file of await readdir(dirname(archive)).catch(() => [] as string[])) {
    if (file.startsWith(`${name}-java`) && file.endsWith(".jsa") && file !== basename(archive)) {
      await rm(join(dirname(archive), file), { force: true });
    }
  }
}

/**
 * A JVM whose owner was killed still exits cleanly when it is stopped, and so
 * still writes its archive, which nobody then moves: remove such files once
 * the process named in them is gone.
 */
async function removeOrphans(archive: string): Promise<void> {
  const prefix = `${basename(archive)}.`;
  for (const file of await readdir(dirname(archive)).catch(() => [] as string[])) {
    if (!file.startsWith(prefix) || !file.endsWith(".tmp")) continue;
    const owner = /^(\d+)-\d+\.tmp$/.exec(file.slice(prefix.length))?.[1];
    if (owner !== undefined && !isAlive(Number(owner))) await rm(join(dirname(archive), file), { force: true });
  }
}
