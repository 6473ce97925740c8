import type { BrokerInfo } from "../broker/started-broker.js";
import type { CoordinatorAnswer } from "../checks/evidence-queries.js";
import { brokerErrorCode } from "./broker-errors.js";
import { kafkaClient } from "./client-settings.js";
import { withNode } from "./kafkajs-cluster.js";

/** A node of a cluster, as clients reach it. */
export interface NodeAddress {
  nodeId: number;
  /** `host:port` of its client listener. */
  address: string;
}

/** What a node answered to FindCoordinator: the coordinator's node id, or the broker's error code (Kafka's name). */
export type { CoordinatorAnswer };

/** FindCoordinator's key type for a consumer group (KIP-98 added 1, transactions). */
const GROUP_KEY = 0;

/**
 * Asks one node, once, which node coordinates the group: the broker that leads
 * the group's partition of `__consumer_offsets`. One FindCoordinator request,
 * no retry, so an answer such as COORDINATOR_NOT_AVAILABLE is kept as the
 * broker gave it; kafkajs' own lookup retries and ends in an error without the code.
 * A node that cannot be reached at all is no answer: that throws.
 */
export async function askCoordinator(broker: BrokerInfo, node: NodeAddress, groupId: string): Promise<CoordinatorAnswer> {
  const kafka = kafkaClient({ ...broker, bootstrapServers: [node.address] }, `find-coordinator-${node.nodeId}`, {
    retry: { retries: 0 },
  });
  try {
    const { coordinator } = await withNode(kafka, (connection) => connection.findGroupCoordinator({ groupId, coordinatorType: GROUP_KEY }));
    return { coordinator: coordinator.nodeId };
  } catch (error) {
    const code = brokerErrorCode(error);
    if (code === undefined) throw error;
    return { code, message: error instanceof Error ? error.message : String(error) };
  }
}

/** "node 2", or the broker's code: for timeline lines and check details. */
export function describeAnswer(answer: CoordinatorAnswer): string {
  return "coordinator" in answer ? `node ${answer.coordinator}` : answer.code;
}
