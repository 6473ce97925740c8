import { randomBytes, randomUUID } from "node:crypto";
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * A node's storage as Kafka's storage tool formats it, kept once per release: the tool's JVM start cost about a
 * second of CPU for each node of each broker a run started, to write the same two files every time. A formatted data
 * folder holds `meta.properties` (the node's id, the cluster's id, and the folder's own directory id) and the
 * metadata log's bootstrap checkpoint (the release's feature levels, which name neither node nor cluster). A copy
 * of the template with a `meta.properties` of the node's own is what the tool would have written.
 *
 * Only a format with no extra arguments is kept: one that adds SCRAM users writes them into the checkpoint.
 */
export class StorageTemplate {
  constructor(
    /** Where the template lives: a folder of the release's own cache. */
    private readonly folder: string,
  ) {}

  /** The template folder beside Kafka's jars of the release (`libs`). */
  static besideLibs(libs: string): StorageTemplate {
    return new StorageTemplate(join(dirname(libs), "storage-template"));
  }

  /** Whether a complete template is there. */
  async exists(): Promise<boolean> {
    return stat(join(this.folder, "data", "meta.properties")).then(
      () => true,
      () => false,
    );
  }

  /** Copies the template into `dataDir` (which must not exist) as node `nodeId`'s storage in cluster `clusterId`. */
  async copyTo(dataDir: string, nodeId: number, clusterId: string): Promise<void> {
    await cp(join(this.folder, "data"), dataDir, { recursive: true, errorOnExist: true, force: false });
    await writeFile(join(dataDir, "meta.properties"), metaProperties(nodeId, clusterId, directoryId()));
  }

  /**
   * Keeps `dataDir`, just formatted by the tool, as the template, unless one is there already: copied aside and
   * renamed into place, so a run that dies half-way never leaves half a template, and of two runs the first wins.
   */
  async keep(dataDir: string): Promise<void> {
    if (await this.exists()) return;
    const staging = `${this.folder}.${randomUUID()}`;
    try {
      await mkdir(staging, { recursive: true });
      await cp(dataDir, join(staging, "data"), { recursive: true });
      await mkdir(dirname(this.folder), { recursive: true });
      await rename(staging, this.folder).catch(async (error: NodeJS.ErrnoException) => {
        // Another run kept one first: theirs is as good.
        if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** The template's `meta.properties` as the tool wrote it (for tests). */
  readMeta(): Promise<string> {
    return readFile(join(this.folder, "data", "meta.properties"), "utf8");
  }
}

/** `meta.properties` of a formatted KRaft log directory (version 1). */
export function metaProperties(nodeId: number, clusterId: string, directory: string): string {
  return `version=1\nnode.id=${nodeId}\ncluster.id=${clusterId}\ndirectory.id=${directory}\n`;
}

/**
 * A log directory's id, as the storage tool draws one: 16 random bytes, URL-safe base64 without padding. Kafka
 * reserves a few ids (all zeros, and those ending in 1, 2 or 3 after fifteen zero bytes); a draw landing on one is
 * drawn again.
 */
export function directoryId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const bytes = random(16);
    const reserved = bytes.subarray(0, 15).every((b) => b === 0) && bytes[15]! <= 3;
    if (!reserved) return bytes.toString("base64url");
  }
}
