import type { Admin } from "kafkajs";
import { waitFor } from "./wait.js";

/**
 * Creates a topic and waits until the broker serves it: every partition has a
 * leader and answers an offset query. kafkajs' own `waitForLeaders` gives up
 * after its retry budget, which a loaded machine can exhaust; this wait is
 * labelled and bounded by time instead.
 */
export async function createServedTopic(admin: Admin, topic: string, partitions: number): Promise<void> {
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: false });
  await waitUntilServed(admin, topic, partitions);
}

/** Waits until every partition of the topic has a leader and answers an offset query. */
export async function waitUntilServed(admin: Admin, topic: string, partitions: number, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    `topic ${topic} to have a leader and offsets for all ${partitions} partitions`,
    async (note) => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const led = topics[0]?.partitions.filter((p) => p.leader >= 0).length ?? 0;
      note(`${led} of ${partitions} partitions have a leader`);
      if (led < partitions) return undefined;
      return (await admin.fetchTopicOffsets(topic)).length === partitions ? true : undefined;
    },
    { timeoutMs, intervalMs: 50 },
  );
}
