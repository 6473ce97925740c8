import type { TopicPartitionRef } from "../../evidence/proof-result.js";

/** Topic, then partition, then offset: the order `kafka-consumer-groups` and a log reader use. */
export function byPartitionThenOffset<T extends TopicPartitionRef & { offset?: number | null }>(a: T, b: T): number {
  return a.topic.localeCompare(b.topic) || a.partition - b.partition || (a.offset ?? 0) - (b.offset ?? 0);
}

/** "topic/partition@offset": one message's place in the log. */
export function messageKey(message: TopicPartitionRef & { offset: number }): string {
  return `${message.topic}/${message.partition}@${message.offset}`;
}
