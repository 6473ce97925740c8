import type { Producer } from "kafkajs";
import type { ProducedRange } from "../evidence/proof-result.js";

export interface BulkOptions {
  /** Messages go round-robin to partitions 0…partitions-1. */
  partitions: number;
  /** Bytes in each message's value (an order line padded with spaces). */
  valueBytes?: number;
  /** Messages per produce request. */
  batchSize?: number;
  /** Produce requests waiting for the broker's answer at once. */
  inFlight?: number;
  /** Order numbers start here, so that several calls tell one story. */
  first?: number;
}

/**
 * Produces `count` messages as fast as kafkajs can: big requests, several in
 * flight, the leader's acknowledgement only (acks=1: a single broker has no
 * replica to wait for). What it returns is what the broker acknowledged: per
 * request and partition, the base offset it assigned and the number of
 * messages, as ranges — never an object per message.
 */
export async function produceBulk(producer: Producer, topic: string, count: number, options: BulkOptions): Promise<ProducedRange[]> {
  const { partitions, valueBytes = 100, batchSize = 6_000, inFlight = 4, first = 0 } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`produceBulk: count must be a whole number ≥ 0; it was ${count}`);
  const acked: ProducedRange[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const start = next;
      const end = Math.min(count, start + batchSize);
      next = end;
      const messages = [];
      for (let i = start; i < end; i++) messages.push({ partition: i % partitions, value: `order ${first + i} placed`.padEnd(valueBytes) });
      const sent = new Map<number, number>();
      for (const m of messages) sent.set(m.partition, (sent.get(m.partition) ?? 0) + 1);
      const answer = await producer.send({ topic, acks: 1, messages });
      for (const meta of answer) {
        const base = Number(meta.baseOffset);
        acked.push({ topic, partition: meta.partition, first: base, last: base + sent.get(meta.partition)! - 1 });
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return acked;
}

/**
 * Ranges sorted by partition and offset, each joined with the next when it
 * starts right after it. Overlapping ranges are kept apart: an offset
 * acknowledged twice is a finding, not something to merge away.
 */
export function joinAdjacent(ranges: readonly ProducedRange[]): ProducedRange[] {
  const sorted = [...ranges].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.first - b.first);
  const joined: ProducedRange[] = [];
  for (const r of sorted) {
    const top = joined[joined.length - 1];
    if (top && top.topic === r.topic && top.partition === r.partition && r.first === top.last + 1) top.last = r.last;
    else joined.push({ ...r });
  }
  return joined;
}
