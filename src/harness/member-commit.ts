import { commitAs, type CommitIdentity, type PartitionAnswer } from "../broker/offset-commit.js";
import type { BrokerInfo } from "../broker/started-broker.js";
import { kafkaClient } from "./client-settings.js";
import { withNode } from "./kafkajs-cluster.js";

/**
 * Commits `offsets` for the group as `identity`, straight to its coordinator (FindCoordinator first, then one
 * OffsetCommit there): the broker's answer per partition, as it came. Over a plain or TLS connection; a cluster that
 * needs SASL is not reached this way.
 */
export async function commitAsMember(
  broker: BrokerInfo,
  groupId: string,
  identity: CommitIdentity,
  offsets: readonly { topic: string; partition: number; offset: number }[],
): Promise<PartitionAnswer[]> {
  if (broker.security?.sasl) throw new Error("a commit as a member's identity is sent without SASL; this cluster needs it");
  const kafka = kafkaClient(broker, "find-coordinator", { retry: { retries: 0 } });
  const { coordinator } = await withNode(kafka, (node) => node.findGroupCoordinator({ groupId, coordinatorType: 0 }));
  const { host, port } = coordinator;
  return commitAs(`${host.includes(":") ? `[${host}]` : host}:${port}`, broker.security, groupId, identity, offsets);
}
