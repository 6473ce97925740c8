import type { Kafka, Producer } from "kafkajs";
import type { BrokerInfo } from "../broker/started-broker.js";
import type { ProducedRange } from "../evidence/proof-result.js";
import { joinAdjacent, produceBulk } from "./bulk-producer.js";
import type { ScenarioHostSession } from "./java/host-session.js";
import { plainProducer } from "./recording-producer.js";
import type { Timeline } from "./timeline.js";

/** Bytes in each bulk message's value: an order line, as large as a small order event. */
export const BULK_VALUE_BYTES = 100;

/**
 * Produces a large run of orders and records it compactly: offset ranges per
 * partition, never an object per message.
 *
 * Where the run has its Java host, Kafka's own producer in that warm JVM writes
 * them (BulkProducer.java): kafkajs cannot produce a million 100-byte messages in
 * seconds (on two shared cores it reached 25–45k messages/s where Kafka's producer
 * reached over 200k), and a JVM of its own per write would cost seconds of CPU.
 * Elsewhere, kafkajs with big batches in flight. Either way the ranges are what
 * the broker acknowledged.
 */
export class BulkProduction implements AsyncDisposable {
  readonly ranges: ProducedRange[] = [];
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly timeline: Timeline,
    private readonly broker: BrokerInfo,
    private readonly host: ScenarioHostSession,
  ) {}

  /** `count` orders of `BULK_VALUE_BYTES` on `topic`'s `partitions` partitions; returns the ranges the broker gave them. */
  async produce(topic: string, count: number, partitions: number): Promise<ProducedRange[]> {
    const started = this.timeline.now();
    const first = this.total();
    let made: ProducedRange[];
    let how: string;
    if (this.host.available && !this.broker.security) {
      made = await this.produceInHost(topic, count, partitions, first);
      how = "Kafka's producer, in the run's Java host";
    } else {
      this.producer ??= plainProducer(this.kafka);
      await this.producer.connect();
      made = joinAdjacent(await produceBulk(this.producer, topic, count, { partitions, valueBytes: BULK_VALUE_BYTES, first }));
      how = "kafkajs, in batches";
    }
    this.ranges.push(...made);
    const spread = made.map((r) => `p${r.partition} ${r.first}–${r.last}`).join(", ");
    this.timeline.record("produce", "producer", `produced ${count} orders of ${BULK_VALUE_BYTES} B to ${topic} in ${this.timeline.now() - started} ms with ${how}: ${spread}`, {
      topic,
      count,
      // Where they went, so a replay of the run can move each partition's log end when it happened.
      ranges: made,
    });
    return made;
  }

  private async produceInHost(topic: string, count: number, partitions: number, first: number): Promise<ProducedRange[]> {
    const link = await this.host.link("bulk orders are written by Kafka's producer");
    const answer = await link.request("produce", { bootstrap: this.broker.bootstrapServers.join(","), topic, count, partitions, valueBytes: BULK_VALUE_BYTES, first });
    const ranges = answer.ranges as (ProducedRange & { acknowledged: number })[];
    // Offsets of one writer are consecutive; a range with holes in it would make the accounting count messages never sent.
    const holed = ranges.find((r) => r.last - r.first + 1 !== r.acknowledged);
    if (holed)
      throw new Error(
        `the broker acknowledged ${holed.acknowledged} orders on ${topic} p${holed.partition} at offsets ${holed.first}–${holed.last}: another writer wrote there too`,
      );
    const total = ranges.reduce((sum, r) => sum + r.acknowledged, 0);
    if (total !== count) throw new Error(`Kafka's producer had ${total} of the ${count} orders asked of it acknowledged on ${topic}`);
    return ranges.map(({ partition, first: from, last }) => ({ topic, partition, first: from, last }));
  }

  /** Every range so far, adjacent ones joined. */
  record(): ProducedRange[] {
    return joinAdjacent(this.ranges);
  }

  private total(): number {
    return this.ranges.reduce((sum, r) => sum + r.last - r.first + 1, 0);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
  }
}
