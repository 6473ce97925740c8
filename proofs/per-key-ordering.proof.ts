/**
 * # Order holds per key, not across keys
 *
 * Claim: messages with the same key go to the same partition (the default
 * partitioner hashes the key), and a partition is read in offset order, so a
 * consumer receives each key's messages in the order they were produced.
 * Across keys — across partitions — no order is promised, and the evidence
 * shows the interleaving.
 *
 * Why it matters: key order events by order id and "created, paid, shipped"
 * for one order is never seen as "shipped, created"; but nothing says order 7's
 * events come before order 8's.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#intro_concepts_and_terms
 * ("Events with the same event key ... are written to the same partition")
 */
import { noLostMessages } from "../src/checks/delivery.js";
import { interleavingAcrossKeys, perKeyOrder, sameKeySamePartition } from "../src/checks/ordering.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import type { MessageSpec, Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 3;
const ORDERS = ["order-1", "order-2", "order-3", "order-4", "order-5", "order-6"];
const STEPS = ["created", "paid", "packed", "shipped"];

/** Each order's lifecycle events, interleaved across orders as they would happen. */
function lifecycleEvents(spreadIgnoringKey: boolean): MessageSpec[] {
  return STEPS.flatMap((step, s) =>
    ORDERS.map((key, o) => ({
      key,
      value: `${key} ${step}`,
      // The control rotates each step to the next partition, so one order's events land on several.
      ...(spreadIgnoringKey ? { partition: (s + o) % PARTITIONS } : {}),
    })),
  );
}

// #region scenario
async function keyedEvents(s: Scenario, spreadIgnoringKey: boolean) {
  // setup: lifecycle events of six orders, keyed by order id, on three partitions
  const topic = await s.createTopic("order-events", PARTITIONS);
  await s.produce(topic, lifecycleEvents(spreadIgnoringKey));

  // act: one consumer reads them all back
  const group = s.group("A");
  const reader = await s.consumer({ name: "A", group, topics: [topic] }).start();
  await s.groups.waitUntilReceivedAll([group]);
  return { reader: reader.ref };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, { reader }: RefsOf<typeof keyedEvents>) {
  return {
    keyToOnePartition: sameKeySamePartition(evidence),
    orderPerKey: perKeyOrder(evidence, reader),
    receivedAll: noLostMessages(evidence, reader),
    interleaved: interleavingAcrossKeys(evidence, reader),
  };
}
// #endregion check

defineProof({
  title: "Order holds per key, not across keys",
  claim: "Messages with one key share a partition and arrive in production order; across keys they interleave.",
  scenario: (s) => keyedEvents(s, false),
  check,
  control: {
    precondition: "messages are spread over the partitions regardless of their key",
    scenario: (s) => keyedEvents(s, true),
    // Spread over partitions, one order's events are on several, and nothing keeps them in order.
    mustBreak: (c) => [c.keyToOnePartition, c.orderPerKey],
  },
});
