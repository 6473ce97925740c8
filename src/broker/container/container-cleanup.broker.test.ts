import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { GenericContainer, getContainerRuntimeClient, type ContainerRuntimeClient } from "testcontainers";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { waitFor } from "../../harness/wait.js";
import { kafkaVersionFrom } from "../../kafka-version.js";
import { CONTAINER_LABEL, containerConfig, OWNER_HOST_LABEL, OWNER_PID_LABEL, RUN_LABEL, serviceLabel } from "../container-config.js";
import { engineAddress, watchContainers } from "./container-watchdog.js";
import { removeLeftoverContainers } from "./leftover-containers.js";

/**
 * Cleanup without Ryuk, against the engine the run uses (Docker, or podman's service).
 * Runs only when the run's broker is a container: then an engine is known to answer.
 * The containers here run the broker's image with `sleep` instead of Kafka: what is
 * tested is that they go away, not what runs in them.
 */
describe.skipIf(inject("broker").mode !== "container")("container cleanup without Ryuk", () => {
  let client: ContainerRuntimeClient;
  const image = containerConfig({ version: kafkaVersionFrom(process.env), env: process.env, port: 0, clusterId: "", runId: "" }).image;
  const owners: ReturnType<typeof spawn>[] = [];

  beforeAll(async () => {
    client = await getContainerRuntimeClient();
  });
  afterAll(() => owners.forEach((owner) => owner.kill("SIGKILL")));

  /** A process that stands in for a test runner, so it can die on cue. */
  function ownerProcess(): ReturnType<typeof spawn> {
    const owner = spawn("sleep", ["120"], { stdio: "ignore" });
    owners.push(owner);
    return owner;
  }

  async function sleepingContainer(labels: Record<string, string>): Promise<string> {
    // The service's label too, so that stopping podman's service removes any this test leaves.
    const started = await new GenericContainer(image)
      .withEntrypoint(["sleep"])
      .withCommand(["120"])
      .withLabels({ ...labels, ...serviceLabel(process.env) })
      .start();
    return started.getId();
  }

  async function exists(id: string): Promise<boolean> {
    return client.container.dockerode
      .getContainer(id)
      .inspect()
      .then(() => true)
      .catch((error: Error & { statusCode?: number }) => {
        if (error.statusCode === 404) return false;
        throw error;
      });
  }

  it("a start removes a container whose owner on this machine died, and leaves a live owner's alone", async () => {
    const dead = ownerProcess();
    const live = ownerProcess();
    const orphan = await sleepingContainer({ [CONTAINER_LABEL]: "broker", [OWNER_PID_LABEL]: String(dead.pid), [OWNER_HOST_LABEL]: hostname() });
    const kept = await sleepingContainer({ [CONTAINER_LABEL]: "broker", [OWNER_PID_LABEL]: String(live.pid), [OWNER_HOST_LABEL]: hostname() });
    try {
      dead.kill("SIGKILL");
      await new Promise((resolve) => dead.once("exit", resolve));
      const removed = await removeLeftoverContainers(client);
      expect(removed).toContain(orphan);
      expect(removed).not.toContain(kept);
      expect(await exists(orphan)).toBe(false);
      expect(await exists(kept)).toBe(true);
    } finally {
      await client.container.dockerode.getContainer(kept).remove({ force: true });
    }
  });

  it("the watchdog removes a start's container once its owner is killed", async () => {
    const owner = ownerProcess();
    const runId = randomBytes(8).toString("hex");
    const watchdog = watchContainers(engineAddress(client.container.dockerode.modem), `${RUN_LABEL}=${runId}`, owner.pid);
    const id = await sleepingContainer({ [CONTAINER_LABEL]: "broker", [RUN_LABEL]: runId });
    try {
      owner.kill("SIGKILL");
      await waitFor("the watchdog to remove the dead owner's container", async () => ((await exists(id)) ? undefined : true), {
        timeoutMs: 15_000,
        intervalMs: 200,
      });
    } finally {
      watchdog.release();
      if (await exists(id)) await client.container.dockerode.getContainer(id).remove({ force: true });
    }
  });
});
