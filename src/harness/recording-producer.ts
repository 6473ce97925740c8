import kafkajs from "kafkajs";
import type { Kafka, Producer } from "kafkajs";
import type { ProducedMessage } from "../evidence/proof-result.js";
import type { Timeline } from "./timeline.js";

const { Partitioners } = kafkajs;

export interface MessageSpec {
  key?: string | null;
  value: string;
  /** Send to this partition instead of letting the key decide. */
  partition?: number;
  /** The record's timestamp (ms since the epoch), for a scenario that resets by time; the producer's clock when absent. */
  timestamp?: number;
}

/** A producer with the settings every client here uses: the default (murmur2) partitioner, and no topic created by accident. */
export function plainProducer(kafka: Kafka): Producer {
  return kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
}

/**
 * Produces and records, for each message, the partition and offset the broker
 * gave it. Every send waits for the leader's acknowledgement of all replicas.
 */
export class RecordingProducer implements AsyncDisposable {
  readonly produced: ProducedMessage[] = [];
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly timeline: Timeline,
  ) {}

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      this.producer = plainProducer(this.kafka);
      await this.producer.connect();
    }
    return this.producer;
  }

  /** Messages in order, one request each, so each message's offset is known exactly. */
  async send(topic: string, messages: readonly MessageSpec[]): Promise<ProducedMessage[]> {
    const producer = await this.connected();
    const sent: ProducedMessage[] = [];
    for (const message of messages) {
      const timestamp = message.timestamp === undefined ? {} : { timestamp: String(message.timestamp) };
      const [meta] = await producer.send({ topic, acks: -1, messages: [{ key: message.key ?? null, value: message.value, partition: message.partition, ...timestamp }] });
      const record = { topic, partition: meta!.partition, offset: Number(meta!.baseOffset), key: message.key ?? null, value: message.value };
      sent.push(record);
      this.timeline.record("produce", "producer", `produced "${message.value}" to ${topic}/${record.partition}@${record.offset}`, {
        topic,
        partition: record.partition,
        offset: record.offset,
        key: record.key,
        ...(message.timestamp === undefined ? {} : { timestamp: message.timestamp }),
      });
    }
    this.produced.push(...sent);
    return sent;
  }

  /**
   * Many messages in batches of one request each, for long runs. Every message
   * names its partition, so each one's offset follows from the batch's base
   * offset on that partition; the timeline gets one event per batch.
   */
  async sendBatches(topic: string, messages: readonly (MessageSpec & { partition: number })[], batchSize = 500): Promise<ProducedMessage[]> {
    const producer = await this.connected();
    const sent: ProducedMessage[] = [];
    for (let start = 0; start < messages.length; start += batchSize) {
      const batch = messages.slice(start, start + batchSize);
      const answer = await producer.send({ topic, acks: -1, messages: batch.map((m) => ({ key: m.key ?? null, value: m.value, partition: m.partition })) });
      const next = new Map(answer.map((meta) => [meta.partition, Number(meta.baseOffset)]));
      for (const message of batch) {
        const offset = next.get(message.partition)!;
        next.set(message.partition, offset + 1);
        sent.push({ topic, partition: message.partition, offset, key: message.key ?? null, value: message.value });
      }
      this.timeline.record("produce", "producer", `produced ${batch.length} messages to ${topic} (${answer.map((m) => `p${m.partition} from ${m.baseOffset}`).join(", ")})`, {
        topic,
        count: batch.length,
      });
    }
    this.produced.push(...sent);
    return sent;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
  }
}
