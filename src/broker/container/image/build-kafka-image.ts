import { chmod, copyFile, link, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ToolchainError } from "../../../errors.js";
import { log4jProperties } from "../../native/broker-log.js";
import { ensureKafkaJars } from "../../native/kafka-jars.js";
import { runCommand, tailLines } from "../../native/run-command.js";
import { IMAGE_HOME, imageAlias, imageChanges, imageName } from "./image-recipe.js";
import { trainClassArchive } from "./class-archive-training.js";
import { imageExists, podman, podmanOk, staleBuilds } from "./podman-cli.js";
import { ensureRootfs } from "./rootfs.js";

export interface BuiltImage {
  /** The exact image: `localhost/kafka-consumer-group-proofs:<version>-<hash>`. */
  name: string;
  /** `localhost/kafka-consumer-group-proofs:<version>`, pointing at the newest build. */
  alias: string;
  /** False when an image of the same recipe was already there. */
  built: boolean;
}

export interface BuildOptions {
  version: string;
  env: NodeJS.ProcessEnv;
  onProgress?: (message: string) => void;
}

/**
 * The local Kafka image for podman (or any engine that takes `podman import`'s
 * result): made without a registry from a Debian root file system with a JRE,
 * the same jars the native mode runs (same version, same cache), an entry
 * point that reads the official image's environment convention, and a class
 * archive of the broker (recorded by running it once in the image, when an engine answers).
 */
export async function buildKafkaImage(options: BuildOptions): Promise<BuiltImage> {
  const entrypoint = await readFile(new URL("./entrypoint.sh", import.meta.url), "utf8");
  // The native broker's log configuration, pointed at stdout, where the engine collects it.
  const log4j = log4jProperties("/dev/stdout");
  const name = imageName({ version: options.version, entrypoint, log4j });
  const alias = imageAlias(options.version);
  if (await imageExists(name)) {
    await podmanOk(["tag", name, alias]);
    return { name, alias, built: false };
  }

  const libs = await ensureKafkaJars(options);
  const cacheRoot = dirname(dirname(libs));
  const rootfs = await ensureRootfs({ cacheRoot, env: options.env, onProgress: options.onProgress });
  const stage = join(cacheRoot, "image", `stage-${process.pid}`);
  await rm(stage, { recursive: true, force: true });
  try {
    const home = join(stage, IMAGE_HOME);
    await mkdir(join(home, "libs"), { recursive: true, mode: 0o755 });
    await linkJars(libs, join(home, "libs"));
    await writeFile(join(home, "entrypoint.sh"), entrypoint);
    await chmod(join(home, "entrypoint.sh"), 0o755);
    await writeFile(join(home, "log4j2.properties"), log4j);
    // First without the class archive, which only a broker running in the image can record;
    // then the archive as one layer on top, which is quicker than importing everything again.
    const untrained = `${name}-untrained`;
    options.onProgress?.(`Importing ${untrained}`);
    await importTar(rootfs, stage, untrained, imageChanges(options.version));
    const context = join(stage, "archive");
    await mkdir(context);
    if (await trainClassArchive({ image: untrained, version: options.version, env: options.env, into: context, onProgress: options.onProgress })) {
      await writeFile(join(context, "Containerfile"), `FROM ${untrained}\nCOPY broker.jsa ${IMAGE_HOME}/broker.jsa\n`);
      await podmanOk(["build", "--pull=never", "--quiet", "--tag", name, context]);
    } else {
      await podmanOk(["tag", untrained, name]);
    }
    await podman(["rmi", untrained]);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
  await podmanOk(["tag", name, alias]);
  // Earlier builds of this version are superseded; one still in use by a container stays (podman refuses).
  for (const stale of await staleBuilds(options.version, [name, alias])) await podman(["rmi", stale]);
  return { name, alias, built: true };
}

/** The cached jars, hard-linked when they share a file system with the stage (they do, under the cache). */
async function linkJars(libs: string, into: string): Promise<void> {
  for (const jar of (await readdir(libs)).filter((file) => file.endsWith(".jar"))) {
    await link(join(libs, jar), join(into, jar)).catch(() => copyFile(join(libs, jar), join(into, jar)));
  }
}

/** The root file system and the staged files as one tarball, streamed into `podman import`. */
async function importTar(rootfs: string, stage: string, name: string, changes: readonly string[]): Promise<void> {
  const script = 'set -o pipefail; tar --numeric-owner -C "$1" -c . -C "$2" "${3#/}" | podman import "${@:5}" - "$4"';
  const changeArgs = changes.flatMap((change) => ["--change", change]);
  const result = await runCommand("bash", ["-c", script, "import", rootfs, stage, IMAGE_HOME, name, ...changeArgs]);
  if (result.code !== 0) {
    throw new ToolchainError(
      `Importing the image ${name} failed (exit ${result.code}):\n  ${tailLines(result.stderr + result.stdout, 8).join("\n  ")}`,
      "The message above says why (disk space, podman's storage); `podman info` shows whether podman works here.",
    );
  }
}
