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
import { inject, test } from "vitest";
import { eachMessageToExactlyOne, noLostMessages } from "../src/checks/delivery.js";
import { memberCount, partitionsOwnedOnce, receivedOnlyOwnPartitions } from "../src/checks/membership.js";
import { assertProved } from "../src/evidence/claim-violation.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import { runProof } from "../src/harness/run-proof.js";
import type { Scenario } from "../src/harness/scenario.js";

const PARTITIONS = 2;
const MESSAGES = 12;

// #region scenario
async function twoConsumers(s: Scenario, secondGroup: string): Promise<void> {
  // setup: a topic with two partitions; A1 in group A, A2 in `secondGroup`
  const topic = await s.createTopic("orders", PARTITIONS);
  await s.consumer({ name: "A1", groupLabel: "A", topics: [topic] }).start();
  await s.consumer({ name: "A2", groupLabel: secondGroup, topics: [topic] }).start();
  // observe: the broker has settled who owns which partition before anything is sent
  await s.waitForStableGroups(topic);

  // act: orders spread over both partitions
  await s.produce(topic, orderEvents(MESSAGES, { partitions: PARTITIONS }));
  await s.waitUntilGroupsReceivedAll(["A", secondGroup]);
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence) {
  return [
    memberCount(evidence, "A", 2),
    partitionsOwnedOnce(evidence, "A"),
    receivedOnlyOwnPartitions(evidence, "A"),
    eachMessageToExactlyOne(evidence, ["A1", "A2"]),
    noLostMessages(evidence, { group: "A" }),
  ];
}
// #endregion check

test("same-group-splits-partitions: two members of one group share the work", async () => {
  const result = await runProof(inject("broker"), {
    id: "same-group-splits-partitions",
    title: "Consumers in the same group split the partitions",
    claim: "Two consumers with the same group id each own a distinct partition, and every message reaches exactly one of them.",
    scenario: (s) => twoConsumers(s, "A"),
    check,
    control: {
      precondition: "the second consumer is in its own group (B)",
      scenario: (s) => twoConsumers(s, "B"),
    },
  });
  assertProved(result);
});
