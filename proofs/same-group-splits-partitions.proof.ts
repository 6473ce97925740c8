/**
 * # Consumers in the same group split the partitions
 *
 * Claim: two consumers that share a group id divide the topic's partitions
 * between them. The broker assigns each partition to exactly one member, each
 * message reaches exactly one of the two consumers, and together they receive
 * every message.
 *
 * Why it matters: this is how a service scales out. Run a second copy of the
 * inventory service with the same group id and each order is handled once, by
 * one of the copies — not twice.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#intro_concepts_and_terms
 * (consumer groups) and https://kafka.apache.org/documentation/#consumerconfigs_group.id
 */
import { eachMessageToExactlyOne, noLostMessages } from "../src/checks/delivery.js";
import { memberCount, partitionsOwnedOnce, receivedOnlyOwnPartitions } from "../src/checks/membership.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 2;
const MESSAGES = 12;

// #region scenario
async function twoConsumers(s: Scenario, secondGroupLabel: string) {
  // setup: a topic with two partitions; A1 in group A, A2 in group `secondGroupLabel`
  const topic = await s.createTopic("orders", PARTITIONS);
  const [group, secondGroup] = [s.group("A"), s.group(secondGroupLabel)];
  const a1 = await s.consumer({ name: "A1", group, topics: [topic] }).start();
  const a2 = await s.consumer({ name: "A2", group: secondGroup, topics: [topic] }).start();
  // the broker has settled who owns which partition before anything is sent
  await s.groups.waitForAllStable(topic);

  // act: orders spread over both partitions
  await s.produce(topic, orderEvents(MESSAGES, { partitions: PARTITIONS }));
  await s.groups.waitUntilReceivedAll([group, secondGroup]);
  return { group, a1: a1.ref, a2: a2.ref };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof twoConsumers>) {
  return {
    twoMembers: memberCount(evidence, r.group, 2),
    ownedOnce: partitionsOwnedOnce(evidence, r.group),
    onlyOwnPartitions: receivedOnlyOwnPartitions(evidence, r.group),
    split: eachMessageToExactlyOne(evidence, [r.a1, r.a2]),
    groupReceivedAll: noLostMessages(evidence, r.group),
  };
}
// #endregion check

defineProof({
  title: "Consumers in the same group split the partitions",
  claim: "Two consumers with the same group id each own a distinct partition, and every message reaches exactly one of them.",
  scenario: (s) => twoConsumers(s, "A"),
  check,
  control: {
    precondition: "the second consumer is in its own group (B)",
    scenario: (s) => twoConsumers(s, "B"),
    // Apart, each consumer is its group's only member and receives every message: nothing is split.
    mustBreak: (c) => [c.twoMembers, c.split],
  },
});
