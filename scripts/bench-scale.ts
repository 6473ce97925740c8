/**
 * `npm run bench -- --scale`: throughput at a million messages, on one broker, one run each.
 *
 * - produce: 1,000,000 × 100 B on 6 partitions with Kafka's ProducerPerformance (the
 *   scale proof's producer; wall time includes the JVM's start);
 * - (a) the project's RecordingConsumer recording ranges (`record: "ranges"`, eachBatch);
 * - (b) bare kafkajs eachBatch, counting only, with the same settings (the proofs' join
 *   and heartbeat settings, kafkajs' own fetch sizes);
 * - (c) Kafka's ConsumerPerformance from the same jars;
 * and the ratios (a)/(c), (b)/(c). Each consumer reads the whole topic in a group
 * of its own, timed from its start to its last message, joining included.
 */
import { randomBytes } from "node:crypto";
import type { Kafka } from "kafkajs";
import type { StartedBroker } from "../src/broker/started-broker.js";
import { CONSUMER_SETTINGS, kafkaClient } from "../src/harness/client-settings.js";
import { RecordingConsumer } from "../src/harness/recording-consumer.js";
import { Timeline } from "../src/harness/timeline.js";
import { createServedTopic } from "../src/harness/topics.js";
import { waitFor } from "../src/harness/wait.js";
import { runConsumerPerformance, runProducerPerformance } from "../src/witness/perf-tools.js";
import { locateGroupTool } from "../src/witness/start-group-tool.js";

const MESSAGES = 1_000_000;
const PARTITIONS = 6;

export interface ScaleFigures {
  produceSeconds: number;
  recording: number;
  bare: number;
  kafkaTool: number;
  peakRssMb: number;
}

/** Bare kafkajs, eachBatch counting only: messages per second from its start to the last message. */
async function readBare(kafka: Kafka, topic: string, groupId: string): Promise<number> {
  const bare = kafka.consumer({ groupId, ...CONSUMER_SETTINGS });
  let count = 0;
  await bare.connect();
  await bare.subscribe({ topics: [topic], fromBeginning: true });
  const started = performance.now();
  await bare.run({ autoCommit: false, eachBatch: async ({ batch }) => void (count += batch.messages.length) });
  await waitFor("bare kafkajs to read the topic", () => (count >= MESSAGES ? true : undefined), { timeoutMs: 300_000, intervalMs: 20 });
  const rate = MESSAGES / ((performance.now() - started) / 1000);
  await bare.disconnect();
  return rate;
}

export async function benchScale(broker: StartedBroker, print: (line: string) => void): Promise<ScaleFigures> {
  const location = await locateGroupTool(broker, process.env);
  if ("unavailable" in location) throw new Error(`the scale bench needs Kafka's tools: ${location.unavailable}`);
  const suffix = randomBytes(4).toString("hex");
  const kafka = kafkaClient(broker, `bench-${suffix}`);
  const admin = kafka.admin();
  await admin.connect();
  const topic = `bench-scale-${suffix}`;
  await createServedTopic(admin, topic, PARTITIONS);
  const ends = async () => (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, end: Number(p.high) }));
  try {
    let started = performance.now();
    const produced = await runProducerPerformance(location, broker.bootstrapServers, topic, MESSAGES);
    const produceSeconds = (performance.now() - started) / 1000;
    print(`produce 1M × 100 B   ${produceSeconds.toFixed(2)} s wall (JVM start included); the tool: ${Math.round(produced.recordsPerSecond)} records/s`);
    const last = (await ends()).filter((p) => p.end > 0);

    // A first read brings the log into the page cache and warms the JIT; whichever consumer went first would otherwise pay for both.
    await readBare(kafka, topic, `bench-warm-${suffix}`);

    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const recordingConsumer = new RecordingConsumer(kafka, { name: "bench-a", groupLabel: "a", groupId: `bench-a-${suffix}`, topics: [topic], record: "ranges" }, new Timeline());
    started = performance.now();
    await recordingConsumer.start();
    await waitFor("the recording consumer to read the topic", () => (last.every((p) => recordingConsumer.hasReceived(topic, p.partition, p.end - 1)) ? true : undefined), {
      timeoutMs: 300_000,
      intervalMs: 20,
    });
    const recording = MESSAGES / ((performance.now() - started) / 1000);
    await recordingConsumer.stop();
    clearInterval(sampler);
    print(
      `(a) recording consumer (ranges, eachBatch)   ${Math.round(recording)} msg/s; ${recordingConsumer.ranges.ranges.length} ranges; peak RSS of this process ${Math.round(peak / 1e6)} MB`,
    );

    const bareRate = await readBare(kafka, topic, `bench-b-${suffix}`);
    print(`(b) bare kafkajs eachBatch                   ${Math.round(bareRate)} msg/s`);

    const tool = await runConsumerPerformance(location, broker.kafkaVersion, broker.bootstrapServers, topic, MESSAGES, `bench-c-${suffix}`);
    print(`(c) Kafka's ConsumerPerformance              ${Math.round(tool.messagesPerSecond)} msg/s overall (fetching alone ${Math.round(tool.fetchMessagesPerSecond)} msg/s)`);
    print(`(a)/(c) ${(recording / tool.messagesPerSecond).toFixed(2)}   (b)/(c) ${(bareRate / tool.messagesPerSecond).toFixed(2)}`);
    return { produceSeconds, recording, bare: bareRate, kafkaTool: tool.messagesPerSecond, peakRssMb: peak / 1e6 };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
