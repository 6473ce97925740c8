/**
 * scripts/podman-service.sh against a real podman: `stop` removes what the service's runs
 * made, and nothing of anyone else's on the same podman (the user's containers, networks
 * and pods, another project's testcontainers, another run's broker). Skipped where podman
 * cannot run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTAINER_LABEL, OWNER_HOST_LABEL, OWNER_PID_LABEL, SERVICE_LABEL, SERVICE_VARIABLE } from "../src/broker/container-config.js";

const SCRIPT = fileURLToPath(new URL("./podman-service.sh", import.meta.url));
const onPath = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const podmanRuns = onPath("podman") && onPath("curl") && onPath("runc") && spawnSync("podman", ["info"], { stdio: "ignore" }).status === 0;

const podman = (...args: string[]) => execFileSync("podman", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
const exists = (kind: "container" | "network" | "pod", name: string) => spawnSync("podman", [kind, "exists", name]).status === 0;

/** Creates a container through the service's Docker API, as testcontainers does. */
function createThroughService(socket: string, body: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, path: "/containers/create", method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => (res.statusCode === 201 ? resolve((JSON.parse(text) as { Id: string }).Id) : reject(new Error(`${res.statusCode}: ${text}`))));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

describe.skipIf(!podmanRuns)("podman-service.sh stop", () => {
  const suffix = randomBytes(4).toString("hex");
  const image = `localhost/podman-service-test-empty:${suffix}`;
  const theirs = { container: `users-container-${suffix}`, network: `users-network-${suffix}`, pod: `users-pod-${suffix}` };
  const othersLabelled = { testcontainers: `other-project-${suffix}`, otherRun: `other-run-broker-${suffix}`, otherNetwork: `other-project-net-${suffix}` };
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "podman-service-"));
    // An image with nothing in it: these containers are created, never started, so no registry is needed.
    execFileSync("sh", ["-c", `tar -cf - --files-from /dev/null | podman import - ${image}`], { stdio: "ignore" });
  });
  afterAll(() => {
    spawnSync("podman", ["rm", "-f", theirs.container, othersLabelled.testcontainers, othersLabelled.otherRun]);
    spawnSync("podman", ["network", "rm", "-f", theirs.network, othersLabelled.otherNetwork]);
    spawnSync("podman", ["pod", "rm", "-f", theirs.pod]);
    spawnSync("podman", ["rmi", "-f", image]);
    if (existsSync(join(dir, "service.pid"))) spawnSync(SCRIPT, ["stop", dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("removes the service's own containers and leaves everyone else's", async () => {
    const started = spawnSync(SCRIPT, ["start", dir], { encoding: "utf8", env: { ...process.env, PODMAN_SERVICE_NO_INSTALL: "1" } });
    expect(started.status, started.stderr).toBe(0);
    const exported = Object.fromEntries([...started.stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    const socket = exported.DOCKER_HOST!.replace("unix://", "");
    const service = exported[SERVICE_VARIABLE];
    expect(service, started.stdout).toBeTruthy();

    // Ours: made through the service by a run, labelled as container-config.ts labels it.
    const ours = await createThroughService(socket, { Image: image, Cmd: ["true"], Labels: { [CONTAINER_LABEL]: "broker", [SERVICE_LABEL]: service } });
    // The user's own, and other projects' and runs' on the same podman.
    podman("create", "--name", theirs.container, image, "true");
    podman("network", "create", theirs.network);
    podman("pod", "create", "--infra=false", "--name", theirs.pod);
    podman("create", "--name", othersLabelled.testcontainers, "--label", "org.testcontainers=true", image, "true");
    podman("network", "create", "--label", "org.testcontainers=true", othersLabelled.otherNetwork);
    podman(
      "create",
      "--name",
      othersLabelled.otherRun,
      "--label",
      `${CONTAINER_LABEL}=broker`,
      "--label",
      `${OWNER_PID_LABEL}=${process.pid}`,
      "--label",
      `${OWNER_HOST_LABEL}=elsewhere`,
      image,
      "true",
    );

    const stopped = spawnSync(SCRIPT, ["stop", dir], { encoding: "utf8" });
    expect(stopped.status, stopped.stderr).toBe(0);
    expect(exists("container", ours)).toBe(false);
    expect(existsSync(dir), "the service's folder is removed").toBe(false);
    expect(exists("container", theirs.container)).toBe(true);
    expect(exists("network", theirs.network)).toBe(true);
    expect(exists("pod", theirs.pod)).toBe(true);
    expect(exists("container", othersLabelled.testcontainers)).toBe(true);
    expect(exists("network", othersLabelled.otherNetwork)).toBe(true);
    expect(exists("container", othersLabelled.otherRun)).toBe(true);
  }, 120_000);
});
