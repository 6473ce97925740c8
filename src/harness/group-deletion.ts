import { createRequire } from "node:module";
import type { Kafka } from "kafkajs";
import { clusterOf, type InternalBroker } from "./kafkajs-cluster.js";

/**
 * Kafka's OffsetDelete (API key 47, `Admin.deleteConsumerGroupOffsets`, `kafka-consumer-groups --delete-offsets`)
 * and DeleteGroups, sent to the group's coordinator as Kafka's AdminClient sends them, so that the broker alone
 * decides whether they are allowed and its error code is what a refusal records. kafkajs 2.2.4 has no OffsetDelete,
 * so its version 0 (the only one) is written here with kafkajs' own encoder.
 */
const OFFSET_DELETE_API_KEY = 47;

// kafkajs ships its protocol encoder and decoder as plain CommonJS with no types: the methods used are typed here.
interface Encoder {
  writeString(value: string): Encoder;
  writeInt32(value: number): Encoder;
  writeArray(values: unknown[], type?: "int32" | "string" | "object"): Encoder;
}
interface Decoder {
  readInt16(): number;
  readInt32(): number;
  readString(): string;
  readArray<T>(read: (decoder: Decoder) => T): T[];
}
const require = createRequire(import.meta.url);
const EncoderClass = require("kafkajs/src/protocol/encoder") as new () => Encoder;
const DecoderClass = require("kafkajs/src/protocol/decoder") as new (buffer: Buffer) => Decoder;
const protocolErrors = require("kafkajs/src/protocol/error") as { createErrorFromCode: (code: number) => Error };

/** A refusal by the broker, thrown as kafkajs throws one (a KafkaJSProtocolError with the code), so `brokerErrorCode` reads it. */
function refusal(code: number): Error {
  return protocolErrors.createErrorFromCode(code);
}

/**
 * Deletes the group's committed offsets for every partition of `topic` (OffsetDelete v0). The broker refuses it
 * for a group whose live members are subscribed to the topic (GROUP_SUBSCRIBED_TO_TOPIC).
 */
export async function deleteGroupOffsets(kafka: Kafka, groupId: string, topic: string, partitions: readonly number[]): Promise<void> {
  await onCoordinator(kafka, groupId, async (coordinator) => {
    await coordinator.connectionPool.send({
      request: {
        apiKey: OFFSET_DELETE_API_KEY,
        apiVersion: 0,
        apiName: "OffsetDelete",
        encode: async () => new EncoderClass().writeString(groupId).writeArray([new EncoderClass().writeString(topic).writeArray([...partitions], "int32")]),
      },
      response: {
        decode: async (payload) => {
          const decoder = new DecoderClass(payload);
          const errorCode = decoder.readInt16();
          decoder.readInt32(); // throttle time
          const topics = decoder.readArray((t) => ({
            topic: t.readString(),
            partitions: t.readArray((p) => ({ partition: p.readInt32(), errorCode: p.readInt16() })),
          }));
          return { errorCode, topics };
        },
        parse: async (decoded) => {
          const { errorCode, topics } = decoded as { errorCode: number; topics: { partitions: { errorCode: number }[] }[] };
          if (errorCode !== 0) throw refusal(errorCode);
          const failed = topics.flatMap((t) => t.partitions).find((p) => p.errorCode !== 0);
          if (failed) throw refusal(failed.errorCode);
          return decoded;
        },
      },
    });
  });
}

/** Deletes the group and its committed offsets (DeleteGroups). The broker refuses it for a group with members (GROUP_NOT_EMPTY). */
export async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  await onCoordinator(kafka, groupId, async (coordinator) => {
    const { results } = await coordinator.deleteGroups([groupId]);
    const code = results.find((r) => r.groupId === groupId)?.errorCode ?? 0;
    if (code !== 0) throw refusal(code);
  });
}

async function onCoordinator(kafka: Kafka, groupId: string, use: (coordinator: InternalBroker) => Promise<void>): Promise<void> {
  const cluster = clusterOf(kafka);
  await cluster.connect();
  try {
    await use(await cluster.findGroupCoordinator({ groupId }));
  } finally {
    await cluster.disconnect();
  }
}
