import { hostname } from "node:os";
import type { ContainerRuntimeClient } from "testcontainers";
import { CONTAINER_LABEL, OWNER_HOST_LABEL, OWNER_PID_LABEL, RUN_LABEL } from "../container-config.js";
import { isAlive } from "../native/process-guard.js";

/** What the engine's container list says about one container (Docker API `GET /containers/json`). */
export interface ListedContainer {
  Id: string;
  Labels?: Record<string, string>;
}

export interface OwnerFacts {
  /** This machine's name: a pid means something only on the machine it came from. */
  hostname: string;
  isAlive: (pid: number) => boolean;
}

/**
 * The containers we labelled whose owner process is gone: a run that was killed
 * before its watchdog could act (or whose watchdog died too). Containers of live
 * owners (a concurrent run) and of other machines sharing the engine are left alone,
 * and so are containers with a label we cannot read. A dead owner's pid taken by a new
 * process keeps its container until that process ends too: erring towards keeping.
 */
export function leftoverContainers(containers: readonly ListedContainer[], facts: OwnerFacts): string[] {
  return containers.flatMap((container) => {
    const labels = container.Labels ?? {};
    if (!(CONTAINER_LABEL in labels)) return [];
    const pid = Number(labels[OWNER_PID_LABEL]);
    if (!Number.isInteger(pid) || pid <= 0) return [];
    if (labels[OWNER_HOST_LABEL] !== facts.hostname) return [];
    return facts.isAlive(pid) ? [] : [container.Id];
  });
}

/** Removes (forcibly, with volumes) every container of ours whose owner is gone; returns their ids. */
export async function removeLeftoverContainers(client: ContainerRuntimeClient): Promise<string[]> {
  const listed = await client.container.dockerode.listContainers({ all: true, filters: { label: [CONTAINER_LABEL] } });
  const ids = leftoverContainers(listed, { hostname: hostname(), isAlive });
  await Promise.all(ids.map((id) => removeContainer(client, id)));
  return ids;
}

/** Removes the containers of one broker start, whatever state they are in. */
export async function removeRunContainers(client: ContainerRuntimeClient, runId: string): Promise<void> {
  const listed = await client.container.dockerode.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${runId}`] } });
  await Promise.all(listed.map((container) => removeContainer(client, container.Id)));
}

async function removeContainer(client: ContainerRuntimeClient, id: string): Promise<void> {
  try {
    await client.container.dockerode.getContainer(id).remove({ force: true, v: true });
  } catch (error) {
    // 404: gone already; 409: its removal is under way (its watchdog, a concurrent run). Either is what we wanted.
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== 404 && status !== 409) throw error;
  }
}
