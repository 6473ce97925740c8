/**
 * # Consumers in different groups each get every message
 *
 * Claim: a consumer in group A and a consumer in group B, reading the same
 * topic, each receive every message exactly once: none missing, none
 * duplicated, and on every partition in increasing offset order.
 *
 * Why it matters: notifications, analytics and inventory each need every
 * order. Giving each service its own group id is what makes Kafka a
 * publish–subscribe log rather than a work queue.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#intro_concepts_and_terms
 * and https://kafka.apache.org/documentation/#design_consumerposition
 */
import { noDuplicates, noLostMessages, offsetsIncrease } from "../src/checks/delivery.js";
import { committedEquals } from "../src/checks/offsets.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 3;
const MESSAGES = 12;

// #region scenario
async function twoServices(s: Scenario, bGroupLabel: string) {
  // setup: one topic, consumer A in group A, consumer B in group `bGroupLabel`
  const topic = await s.createTopic("orders", PARTITIONS);
  const [groupA, groupB] = [s.group("A"), s.group(bGroupLabel)];
  const a = await s.consumer({ name: "A", group: groupA, topics: [topic] }).start();
  const b = await s.consumer({ name: "B", group: groupB, topics: [topic] }).start();
  await s.groups.waitForAllStable(topic);

  // act: orders on every partition; each consumer acknowledges what it received
  await s.produce(topic, orderEvents(MESSAGES, { partitions: PARTITIONS }));
  await s.groups.waitUntilReceivedAll([groupA, groupB]);
  await a.commitReceived();
  await b.commitReceived();
  return { groupA, groupB, a: a.ref, b: b.ref };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof twoServices>) {
  const everyPartitionAtEnd = Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, offset: MESSAGES / PARTITIONS }));
  return {
    aReceivedAll: noLostMessages(evidence, r.a),
    aEachOnce: noDuplicates(evidence, r.a),
    aInOrder: offsetsIncrease(evidence, r.a),
    bReceivedAll: noLostMessages(evidence, r.b),
    bEachOnce: noDuplicates(evidence, r.b),
    bInOrder: offsetsIncrease(evidence, r.b),
    aCommittedAll: committedEquals(evidence, r.groupA, everyPartitionAtEnd),
    bCommittedAll: committedEquals(evidence, r.groupB, everyPartitionAtEnd),
  };
}
// #endregion check

defineProof({
  title: "Consumers in different groups each get every message",
  claim: "A consumer in group A and one in group B each receive every message exactly once, in offset order per partition.",
  scenario: (s) => twoServices(s, "B"),
  check,
  control: {
    precondition: "B is given A's group id",
    scenario: (s) => twoServices(s, "A"),
    // In one group the partitions are split: neither consumer receives every message.
    mustBreak: (c) => [c.aReceivedAll, c.bReceivedAll],
  },
});
