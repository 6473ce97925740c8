import type { Kafka } from "kafkajs";

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
export async function commitAsAdmin(
  kafka: Kafka,
  groupId: string,
  topic: string,
  partitions: readonly { partition: number; offset: number }[],
): Promise<void> {
  const cluster = clusterOf(kafka);
  await cluster.connect();
  try {
    const coordinator = await cluster.findGroupCoordinator({ groupId });
    await coordinator.offsetCommit({
      groupId,
      groupGenerationId: -1,
      memberId: "",
      topics: [{ topic, partitions: partitions.map(({ partition, offset }) => ({ partition, offset: String(offset) })) }],
    });
  } finally {
    await cluster.disconnect();
  }
}

/** The subset of kafkajs' internal cluster this module uses (kafkajs is pinned at 2.2.4, where it has this shape). */
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(request: { groupId: string }): Promise<{
    offsetCommit(request: {
      groupId: string;
      groupGenerationId: number;
      memberId: string;
      topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
    }): Promise<unknown>;
  }>;
}

function clusterOf(kafka: Kafka): InternalCluster {
  // kafkajs keeps its cluster factory behind a private symbol; its public admin has no raw OffsetCommit.
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
  const factory = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof factory !== "function") {
    throw new Error("this kafkajs version has no internal cluster factory; commitAsAdmin needs kafkajs 2.2.x");
  }
  return (factory as (options: object) => InternalCluster)({ allowAutoTopicCreation: false });
}
