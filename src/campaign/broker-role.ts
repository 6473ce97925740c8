import type { BrokerRole } from "./schedule.js";

/** What the cluster reported just before a broker step runs: who is up, who coordinates each group, who leads and replicates each partition. */
export interface ClusterView {
  alive: readonly number[];
  /** Group → the node the broker named as its coordinator (FindCoordinator). */
  coordinators: ReadonlyMap<string, number>;
  /** "topic/partition" → its leader and its replicas, as the metadata said. */
  partitions: ReadonlyMap<string, { leader: number; replicas: readonly number[] }>;
}

export const partitionName = (topic: string, partition: number): string => `${topic}/${partition}`;

/**
 * The node that plays `role` now, or why none does (the run then records the step as not applied, with the reason,
 * rather than picking another node: a substitute would change what the step was meant to test).
 */
export function resolveBroker(role: BrokerRole, view: ClusterView): { nodeId: number } | { unresolved: string } {
  const live = (nodeId: number | undefined, what: string) =>
    nodeId === undefined ? { unresolved: `the cluster named no ${what}` } : view.alive.includes(nodeId) ? { nodeId } : { unresolved: `${what} is node ${nodeId}, which is down` };
  switch (role.role) {
    case "coordinator-of":
      return live(view.coordinators.get(role.group), `coordinator of group ${role.group}`);
    case "leader-of":
      return live(view.partitions.get(partitionName(role.topic, role.partition))?.leader, `leader of ${partitionName(role.topic, role.partition)}`);
    case "follower-of": {
      const p = view.partitions.get(partitionName(role.topic, role.partition));
      const follower = p?.replicas.find((n) => n !== p.leader && view.alive.includes(n));
      return follower === undefined ? { unresolved: `${partitionName(role.topic, role.partition)} has no live follower` } : { nodeId: follower };
    }
    case "node":
      return view.alive.includes(role.nodeId) ? { nodeId: role.nodeId } : { unresolved: `node ${role.nodeId} is down` };
  }
}
