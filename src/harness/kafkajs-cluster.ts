import type { Kafka } from "kafkajs";

/**
 * The part of kafkajs' internal cluster the harness uses where its public API
 * has no equivalent: a raw OffsetCommit sent as no member (`commitAsAdmin`),
 * one FindCoordinator request to one node (`askCoordinator`), a service's
 * requests straight to a group's coordinator (`ServiceUser`), and ListOffsets
 * at the isolation level asked (`BrokerWitness.logEnds`). kafkajs is
 * pinned at 2.2.4, where the cluster has this shape; the one cast is here.
 */
export interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(request: { groupId: string }): Promise<InternalBroker>;
  /** After `connect`, `seedBroker` is the connection to the bootstrap address it reached, made without asking for metadata. */
  brokerPool: { seedBroker: InternalBroker };
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number }[];
  /** ListOffsets to each partition's leader, at the cluster's isolation level; `fromBeginning: false` asks for the end. */
  fetchTopicsOffset(
    topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** ListOffsets' isolation levels (KIP-98): what a read_uncommitted and a read_committed reader may read up to. */
export const ISOLATION = { READ_UNCOMMITTED: 0, READ_COMMITTED: 1 } as const;

/** One node's connection: each call is one request, answered or thrown (a broker error as a protocol error), never retried. */
export interface InternalBroker {
  findGroupCoordinator(request: { groupId: string; coordinatorType: number }): Promise<{ coordinator: { nodeId: number; host: string; port: number } }>;
  offsetCommit(request: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<unknown>;
  offsetFetch(request: { groupId: string; topics: { topic: string; partitions: { partition: number }[] }[] }): Promise<{
    responses: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }>;
  /** One DeleteGroups request; a group the broker refused comes back with its error code, not thrown. */
  deleteGroups(groupIds: string[]): Promise<{ results: { groupId: string; errorCode: number }[] }>;
  /** The node's connections, for a request kafkajs has no method for (OffsetDelete): encoded and decoded by the caller. */
  connectionPool: { send(protocolRequest: { request: RawRequest; response: RawResponse }): Promise<unknown> };
}

/** A request as kafkajs' connection sends it: the API's key, version and name, and its body's encoder. */
export interface RawRequest {
  apiKey: number;
  apiVersion: number;
  apiName: string;
  encode(): Promise<unknown>;
}

/** How kafkajs' connection reads the answer: `decode` the bytes, then `parse`, which throws the broker's refusal. */
export interface RawResponse {
  decode(payload: Buffer): Promise<unknown>;
  parse(decoded: unknown): Promise<unknown>;
}

/**
 * One OffsetCommit to a group's coordinator as no member (generation -1, empty
 * member id), as Kafka's AdminClient sends it (`alterConsumerGroupOffsets`): the
 * broker alone decides whether it is allowed.
 */
export async function commitAsNoMember(coordinator: InternalBroker, groupId: string, topic: string, partitions: readonly { partition: number; offset: number }[]): Promise<void> {
  await coordinator.offsetCommit({
    groupId,
    groupGenerationId: -1,
    memberId: "",
    topics: [{ topic, partitions: partitions.map(({ partition, offset }) => ({ partition, offset: String(offset) })) }],
  });
}

/**
 * Sends requests to exactly the node at `kafka`'s one bootstrap address, asking it
 * for no metadata first: kafkajs' metadata refresh fails while any partition of any
 * topic has no leader, which is the very moment a coordinator's broker has died.
 */
export async function withNode<T>(kafka: Kafka, use: (node: InternalBroker) => Promise<T>): Promise<T> {
  const cluster = clusterOf(kafka);
  try {
    await cluster.connect();
    return await use(cluster.brokerPool.seedBroker);
  } finally {
    await cluster.disconnect();
  }
}

/** A new internal cluster of `kafka`'s client (its brokers, settings and SASL); connect it, and disconnect it when done. */
export function clusterOf(kafka: Kafka, isolationLevel: number = ISOLATION.READ_COMMITTED): InternalCluster {
  // kafkajs keeps its cluster factory behind a private symbol.
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
  const factory = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof factory !== "function") {
    throw new Error("this kafkajs version has no internal cluster factory; the harness needs kafkajs 2.2.x (package.json pins it)");
  }
  return (factory as (options: object) => InternalCluster)({ allowAutoTopicCreation: false, isolationLevel });
}
