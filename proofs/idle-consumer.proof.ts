/**
 * # More members than partitions: the extra member idles
 *
 * Claim: a partition is the unit of work in a group. With three members on a
 * two-partition topic, the broker assigns each partition to one member and the
 * third member nothing; that member receives no message at all.
 *
 * Why it matters: scaling the inventory service to more copies than the topic
 * has partitions adds no throughput — the extra copies sit idle (useful only as
 * warm spares). Partition count is the ceiling on a group's parallelism.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#intro_concepts_and_terms
 * ("each partition is consumed by exactly one consumer in the group")
 */
import { noLostMessages } from "../src/checks/delivery.js";
import { idleMembers, memberCount, partitionsOwnedOnce } from "../src/checks/membership.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const MEMBERS = 3;
const PARTITIONS = 2;
const MESSAGES = 12;

// #region scenario
async function threeMembers(s: Scenario, partitions: number) {
  // setup: three members of group A on a topic with `partitions` partitions
  const topic = await s.createTopic("orders", partitions);
  const group = s.group("A");
  for (let i = 1; i <= MEMBERS; i++) await s.consumer({ name: `A${i}`, group, topics: [topic] }).start();
  // the broker's assignment once the group has settled
  await s.groups.waitForAllStable(topic);

  // act: orders on every partition, until the group has them all
  await s.produce(topic, orderEvents(MESSAGES, { partitions }));
  await s.groups.waitUntilReceivedAll([group]);
  return { group };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, { group }: RefsOf<typeof threeMembers>) {
  return {
    threeMembers: memberCount(evidence, group, MEMBERS),
    ownedOnce: partitionsOwnedOnce(evidence, group),
    oneIdle: idleMembers(evidence, group, MEMBERS - PARTITIONS),
    receivedAll: noLostMessages(evidence, group),
  };
}
// #endregion check

defineProof({
  title: "More members than partitions: the extra member idles",
  claim: `With ${MEMBERS} members and ${PARTITIONS} partitions, one member is assigned nothing and receives nothing.`,
  scenario: (s) => threeMembers(s, PARTITIONS),
  check,
  control: {
    precondition: `the topic has as many partitions as the group has members (${MEMBERS})`,
    scenario: (s) => threeMembers(s, MEMBERS),
    // With a partition each, every member is busy: none idles.
    mustBreak: (c) => [c.oneIdle],
  },
});
