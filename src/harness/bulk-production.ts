import type { Kafka, Producer } from "kafkajs";
import type { BrokerInfo } from "../broker/started-broker.js";
import type { ProducedRange } from "../evidence/proof-result.js";
import { runProducerPerformance } from "../witness/perf-tools.js";
import { locateGroupTool } from "../witness/start-group-tool.js";
import type { BrokerWitness } from "./broker-witness.js";
import { joinAdjacent, produceBulk } from "./bulk-producer.js";
import { plainProducer } from "./recording-producer.js";
import type { Timeline } from "./timeline.js";

/** Bytes in each bulk message's value: an order line, as large as a small order event. */
export const BULK_VALUE_BYTES = 100;

/**
 * Produces a large run of orders and records it compactly: offset ranges per
 * partition, never an object per message.
 *
 * Where Kafka's jars and Java are at hand (native mode, or a cached native run;
 * no SASL/TLS), it uses Kafka's own `ProducerPerformance`: kafkajs cannot
 * produce a million 100-byte messages in seconds (on two shared cores it
 * reached 25–45k messages/s where the tool reached 210–245k). The tool says how
 * many it sent; the broker's log-end offsets before and after say where they
 * went, and the proof's topic is written by nothing else, so those ranges are
 * the producer's record. Elsewhere, kafkajs with big batches in flight, whose
 * acknowledgements give the ranges directly.
 */
export class BulkProduction implements AsyncDisposable {
  readonly ranges: ProducedRange[] = [];
  private producer: Producer | undefined;

  constructor(
    private readonly broker: BrokerInfo,
    private readonly kafka: Kafka,
    private readonly timeline: Timeline,
  ) {}

  /** `count` orders of `BULK_VALUE_BYTES` on `topic`'s `partitions` partitions; returns the ranges the broker gave them. */
  async produce(witness: BrokerWitness, topic: string, count: number, partitions: number): Promise<ProducedRange[]> {
    const location = await locateGroupTool(this.broker, process.env);
    const started = this.timeline.now();
    let made: ProducedRange[];
    let how: string;
    if ("unavailable" in location) {
      this.producer ??= plainProducer(this.kafka);
      await this.producer.connect();
      made = joinAdjacent(await produceBulk(this.producer, topic, count, { partitions, valueBytes: BULK_VALUE_BYTES, first: this.total() }));
      how = "kafkajs, in batches";
    } else {
      const before = await witness.logEndOffsets(topic);
      const run = await runProducerPerformance(location, this.broker.bootstrapServers, topic, count, BULK_VALUE_BYTES);
      if (run.sent !== count) throw new Error(`Kafka's ProducerPerformance sent ${run.sent} of the ${count} records asked of it to ${topic}`);
      const after = await witness.logEndOffsets(topic);
      made = after.flatMap(({ partition, logEndOffset }) => {
        const from = before.find((b) => b.partition === partition)?.logEndOffset ?? 0;
        return logEndOffset > from ? [{ topic, partition, first: from, last: logEndOffset - 1 }] : [];
      });
      how = "Kafka's ProducerPerformance (the ranges are the log-end offsets before and after it)";
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
