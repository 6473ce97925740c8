import { ToolchainError } from "../../../errors.js";
import { runCommand, tailLines, type CommandResult } from "../../native/run-command.js";
import { IMAGE_REPOSITORY } from "./image-recipe.js";

/** The packages that make a Debian/Ubuntu machine build and run the local image. */
export const PODMAN_PACKAGES = "podman uidmap slirp4netns fuse-overlayfs crun netavark aardvark-dns iptables runc debootstrap";

/** Runs podman; a missing podman is an error that says what to install. */
export async function podman(args: readonly string[]): Promise<CommandResult> {
  try {
    return await runCommand("podman", args);
  } catch (error) {
    throw new ToolchainError(
      "podman was not found; it builds the local Kafka image (and serves the Docker API where Docker is absent).",
      `Install it (Debian/Ubuntu: apt-get install -y ${PODMAN_PACKAGES}; scripts/podman-service.sh start installs what is missing), ` +
        "or use Docker with the official image (unset KAFKA_IMAGE).",
      { cause: error },
    );
  }
}

/** Runs podman and fails, quoting its output, unless it exits 0. */
export async function podmanOk(args: readonly string[]): Promise<string> {
  const result = await podman(args);
  if (result.code !== 0) {
    throw new ToolchainError(
      `podman ${args.slice(0, 2).join(" ")} failed (exit ${result.code}):\n  ${tailLines(result.stderr + result.stdout, 8).join("\n  ")}`,
      "podman's message above says why; `podman info` shows whether podman works on this machine.",
    );
  }
  return result.stdout;
}

export async function imageExists(name: string): Promise<boolean> {
  return (await podman(["image", "exists", name])).code === 0;
}

/** Our local images of a version other than `keep`: earlier builds, made stale by a change to the recipe. */
export async function staleBuilds(version: string, keep: readonly string[]): Promise<string[]> {
  const listed = await podmanOk(["images", "--filter", `reference=${IMAGE_REPOSITORY}`, "--format", "{{.Repository}}:{{.Tag}}"]);
  return listed
    .split("\n")
    .map((line) => line.trim())
    .filter((name) => name.startsWith(`${IMAGE_REPOSITORY}:${version}-`) && !keep.includes(name));
}
