import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * A class-data sharing archive of the broker's classes, kept beside the cached
 * jars. Loading Kafka's classes dominates a broker start; with the archive a
 * start takes about half as long. The first broker that runs without one writes
 * it when it exits (`-XX:ArchiveClassesAtExit`); later starts map it in.
 *
 * A JVM that finds the archive unusable (another JDK build, changed jars)
 * warns in the broker's stdout log and starts without it, so a stale archive
 * costs speed, never correctness.
 */
export interface ClassArchive {
  /** JVM options for a process that should use (or create) the archive. */
  options: string[];
  /** After the JVM that was to create it exited: move the new archive into place. */
  settle(): Promise<void>;
}

export function classArchive(libs: string, javaMajor: number, runId: string): ClassArchive {
  const archive = join(dirname(libs), `broker-classes-java${javaMajor}.jsa`);
  if (existsSync(archive)) return { options: [`-XX:SharedArchiveFile=${archive}`], settle: async () => undefined };
  // Written under a name of its own, then renamed: concurrent first runs must not read a half-written archive.
  const pending = `${archive}.${runId}.tmp`;
  return {
    options: [`-XX:ArchiveClassesAtExit=${pending}`],
    async settle() {
      if (existsSync(pending) && !existsSync(archive)) await rename(pending, archive).catch(() => undefined);
      await rm(pending, { force: true });
    },
  };
}
