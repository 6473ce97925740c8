/**
 * Topics on the run's broker: a run makes its own, and never takes over one it finds.
 * On a shared (external) cluster, a topic found is someone else's: adopting it would
 * mean deleting it when the run cleans up.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Admin } from "kafkajs";
import { kafkaClient } from "./client-settings.js";
import { createServedTopic, TopicExistsError } from "./topics.js";

const broker = inject("broker");
let admin: Admin;
const made: string[] = [];

beforeAll(async () => {
  admin = kafkaClient(broker, "topics-test").admin();
  await admin.connect();
});
afterAll(async () => {
  await admin.deleteTopics({ topics: made }).catch(() => undefined);
  await admin.disconnect();
});

const name = (what: string) => {
  const topic = `topics-test-${what}-${randomBytes(4).toString("hex")}`;
  made.push(topic);
  return topic;
};

test("creates a topic and returns once every partition is served", async () => {
  const topic = name("new");
  await createServedTopic(admin, topic, 3);
  expect(await admin.fetchTopicOffsets(topic)).toHaveLength(3);
});

test("refuses a topic that already exists, saying so, and leaves it as it was", async () => {
  const theirs = name("someone-elses");
  // Someone else's topic, made and awaited as any topic is (kafkajs' own waitForLeaders can fail on a topic just made).
  await createServedTopic(admin, theirs, 2);
  const error = await createServedTopic(admin, theirs, 3).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TopicExistsError);
  expect((error as Error).message).toContain(`topic ${theirs} already exists; this run creates topics with unique names and never adopts or deletes one it did not create`);
  expect((error as TopicExistsError).topic).toBe(theirs);
  const { topics } = await admin.fetchTopicMetadata({ topics: [theirs] });
  expect(topics[0]?.partitions).toHaveLength(2);
});
