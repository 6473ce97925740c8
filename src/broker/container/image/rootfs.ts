import { existsSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ToolchainError } from "../../../errors.js";
import { runCommand, tailLines } from "../../native/run-command.js";
import { readDebianMirror } from "./debian-mirror.js";
import { PODMAN_PACKAGES } from "./podman-cli.js";
import { ROOTFS } from "./image-recipe.js";

/** What the image needs none of: package caches and documentation. */
const TRIMMED = ["var/cache/apt/archives", "var/lib/apt/lists", "usr/share/doc", "usr/share/man", "usr/share/info"];

/** Where the root file system is kept between builds, under the project's cache folder. */
export function rootfsDir(cacheRoot: string): string {
  return join(cacheRoot, "image", `rootfs-${ROOTFS.suite}-${ROOTFS.variant}-${ROOTFS.packages.join("+")}`);
}

/**
 * A Debian root file system with a Java runtime, made by debootstrap from the
 * machine's own Debian mirror the first time (about half a minute), kept after.
 */
export async function ensureRootfs(options: { cacheRoot: string; env: NodeJS.ProcessEnv; onProgress?: (message: string) => void }): Promise<string> {
  const dir = rootfsDir(options.cacheRoot);
  const marker = `${dir}.complete`;
  if (existsSync(marker)) return dir;
  if (process.getuid?.() !== 0) {
    throw new ToolchainError(
      "Making the image's root file system takes root (debootstrap installs packages into it), and this is not root.",
      "Run the image build as root once (sudo npx tsx scripts/kafka-image.ts); or use Docker with the official image (unset KAFKA_IMAGE).",
    );
  }
  const mirror = await readDebianMirror(options.env);
  const work = `${dir}.partial-${process.pid}`;
  // A folder without its marker is a build that died between the two: start over.
  await removeTree(dir);
  await removeTree(work);
  options.onProgress?.(`Making a ${ROOTFS.suite} root file system with ${ROOTFS.packages.join(", ")} from ${mirror} (first build only)`);
  const args = [`--variant=${ROOTFS.variant}`, `--include=${ROOTFS.packages.join(",")}`, ROOTFS.suite, work, mirror];
  let result;
  try {
    result = await runCommand("debootstrap", args);
  } catch (error) {
    throw new ToolchainError("debootstrap was not found; it makes the image's Debian root file system.", `Install it (Debian/Ubuntu: apt-get install -y ${PODMAN_PACKAGES}).`, {
      cause: error,
    });
  }
  if (result.code !== 0) {
    const log = await readFile(join(work, "debootstrap", "debootstrap.log"), "utf8").catch(() => "");
    await removeTree(work);
    throw new ToolchainError(
      `debootstrap ${args.join(" ")} failed (exit ${result.code}):\n  ${tailLines(result.stderr + result.stdout + log, 10).join("\n  ")}`,
      `Check that ${mirror} serves ${ROOTFS.suite} (or set DEBIAN_MIRROR to a mirror that does), then run again.`,
    );
  }
  await Promise.all(TRIMMED.map((path) => rm(join(work, path), { recursive: true, force: true })));
  try {
    await rename(work, dir);
  } catch (error) {
    // A concurrent build finished first: its root file system is as good as ours.
    await removeTree(work);
    if (!existsSync(marker)) throw error;
    return dir;
  }
  await writeFile(marker, `${new Date().toISOString()} ${mirror}\n`);
  return dir;
}

/** Removes a half-made root file system, unmounting what debootstrap may have left mounted in it first. */
async function removeTree(dir: string): Promise<void> {
  const mounts = (await readFile("/proc/mounts", "utf8").catch(() => ""))
    .split("\n")
    .map((line) => line.split(" ")[1] ?? "")
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .reverse();
  for (const point of mounts) await runCommand("umount", ["-l", point]).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}
