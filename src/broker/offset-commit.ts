import type { ClientSecurity } from "./started-broker.js";
import { compactNullableString, compactString, exchange, frameRequest, int32, int64, NO_TAGS, Reader, uvarint } from "./kafka-wire.js";

const OFFSET_COMMIT = 8;
/**
 * The version sent: the first that a member of the consumer protocol (KIP-848) may commit with (the broker refuses
 * older ones from such a member), flexible; Kafka 3.9 and 4.x take it, and it is the same request for a classic member.
 */
const VERSION = 9;

/** Who commits: a member of the group as it last knew itself, or no member (generation -1, empty id) as an admin client. */
export interface CommitIdentity {
  memberId: string;
  /** The classic protocol's generation, or the consumer protocol's member epoch. */
  generation: number;
  groupInstanceId: string | null;
}

/** The broker's answer, per partition: 0, or the error code it refused the partition's commit with. */
export interface PartitionAnswer {
  topic: string;
  partition: number;
  errorCode: number;
}

/** OffsetCommit v9, framed: the group, the identity, and each partition's next offset (no leader epoch, no metadata). */
export function offsetCommitRequest(
  correlationId: number,
  clientId: string,
  groupId: string,
  identity: CommitIdentity,
  offsets: readonly { topic: string; partition: number; offset: number }[],
): Buffer {
  const byTopic = new Map<string, { partition: number; offset: number }[]>();
  for (const { topic, partition, offset } of offsets) byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partition, offset }]);
  const topics = [...byTopic].map(([topic, partitions]) =>
    Buffer.concat([
      compactString(topic),
      compactLength(partitions.length),
      ...partitions.map(({ partition, offset }) => Buffer.concat([int32(partition), int64(offset), int32(-1), compactNullableString(null), NO_TAGS])),
      NO_TAGS,
    ]),
  );
  const body = Buffer.concat([
    compactString(groupId),
    int32(identity.generation),
    compactString(identity.memberId),
    compactNullableString(identity.groupInstanceId),
    compactLength(topics.length),
    ...topics,
    NO_TAGS,
  ]);
  return frameRequest(OFFSET_COMMIT, VERSION, correlationId, clientId, body);
}

/** Reads an OffsetCommit v9 answer (without its size prefix): header v1 (correlation id, tags), throttle time, each partition's error code. */
export function parseOffsetCommitResponse(frame: Buffer, correlationId: number): PartitionAnswer[] {
  const reader = new Reader(frame);
  const answeredFor = reader.int32();
  if (answeredFor !== correlationId) throw new Error(`the answer is for request ${answeredFor}, not ${correlationId}`);
  reader.skipTaggedFields();
  reader.int32(); // throttle time
  const answers: PartitionAnswer[] = [];
  for (let topics = reader.uvarint() - 1, i = 0; i < topics; i++) {
    const topic = reader.compactString();
    for (let partitions = reader.uvarint() - 1, j = 0; j < partitions; j++) {
      answers.push({ topic, partition: reader.int32(), errorCode: reader.int16() });
      reader.skipTaggedFields();
    }
    reader.skipTaggedFields();
  }
  return answers;
}

/**
 * One OffsetCommit to the group's coordinator at `coordinator` (`host:port`), as `identity`: the broker alone judges
 * it, and its answer per partition is returned as it came. Kafka's Java client checks its own idea of its membership
 * before it sends a commit, and kafkajs sends with whatever it holds; this sends exactly the identity it is given.
 */
export async function commitAs(
  coordinator: string,
  security: ClientSecurity | undefined,
  groupId: string,
  identity: CommitIdentity,
  offsets: readonly { topic: string; partition: number; offset: number }[],
  timeoutMs = 10_000,
): Promise<PartitionAnswer[]> {
  const correlationId = 1;
  const frame = await exchange(coordinator, security, offsetCommitRequest(correlationId, "kafka-proofs-commit", groupId, identity, offsets), timeoutMs);
  return parseOffsetCommitResponse(frame, correlationId);
}

/** A compact array's length: count + 1. */
function compactLength(count: number): Buffer {
  return uvarint(count + 1);
}
