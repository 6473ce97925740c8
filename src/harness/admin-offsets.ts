import type { Kafka } from "kafkajs";
import { clusterOf, commitAsNoMember } from "./kafkajs-cluster.js";

/**
 * Sets a group's committed offsets the way Kafka's own AdminClient does
 * (`alterConsumerGroupOffsets`): one OffsetCommit request to the group's
 * coordinator, as no member (generation -1, empty member id).
 *
 * The broker alone decides whether that is allowed: it accepts it for a group
 * with no live members and refuses it otherwise. kafkajs' `admin.setOffsets`
 * is not used because it refuses on the client's side from a describe call,
 * then commits by joining the group as a temporary member; neither would make
 * the broker the witness of the refusal.
 */
export async function commitAsAdmin(kafka: Kafka, groupId: string, topic: string, partitions: readonly { partition: number; offset: number }[]): Promise<void> {
  const cluster = clusterOf(kafka);
  await cluster.connect();
  try {
    await commitAsNoMember(await cluster.findGroupCoordinator({ groupId }), groupId, topic, partitions);
  } finally {
    await cluster.disconnect();
  }
}
