import type { Admin } from "kafkajs";
import { waitFor } from "./wait.js";

/** The topic a run was to create exists already: someone else's, so not the run's to use or delete. */
export class TopicExistsError extends Error {
  constructor(readonly topic: string) {
    super(
      `topic ${topic} already exists; this run creates topics with unique names and never adopts or deletes one it did not create.\n` +
        "  → Run again (the next run draws new names). If an earlier run left the topic behind, delete it once you are sure nobody uses it.",
    );
    this.name = "TopicExistsError";
  }
}

/**
 * Creates a topic and waits until the broker serves it: every partition has a
 * leader and answers an offset query. kafkajs' own `waitForLeaders` gives up
 * after its retry budget, which a loaded machine can exhaust; this wait is
 * labelled and bounded by time instead.
 *
 * One replica unless asked: a proof's topic lives on one broker unless its claim is about a cluster.
 *
 * A topic of that name already there is a `TopicExistsError`, never adopted: whoever
 * adopts a topic deletes it when cleaning up. (Should kafkajs retry a creation that in
 * fact succeeded, the retry finds the topic too; it is then left behind, not deleted.)
 */
export async function createServedTopic(admin: Admin, topic: string, partitions: number, replicationFactor = 1): Promise<void> {
  // false: the broker answered TOPIC_ALREADY_EXISTS.
  const created = await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor }], waitForLeaders: false });
  if (!created) throw new TopicExistsError(topic);
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
