/**
 * # A crash before acknowledging means redelivery
 *
 * Claim: Kafka's consumer groups deliver at least once. When a member has
 * received messages and dies before acknowledging them — its connections just
 * drop, it never says goodbye — the broker notices when its session times out,
 * rebalances, and another member of the same group receives those messages
 * again, starting from the group's last committed offset. Another group reading
 * the same topic is not affected at all.
 *
 * Why it matters: if the inventory service crashes after reserving stock but
 * before acknowledging, the order comes round again — handlers must be
 * idempotent. And the notification service, in its own group, neither stalls
 * nor re-sends because inventory crashed.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#semantics and
 * https://kafka.apache.org/documentation/#consumerconfigs_session.timeout.ms
 */
import { noDuplicates, noLostMessages } from "../src/checks/delivery.js";
import { committedEquals, committedUnchanged } from "../src/checks/offsets.js";
import { redeliveredAfterCrash } from "../src/checks/redelivery.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const MESSAGES = 10;
const ACKED_THROUGH = 3;
/** The broker's minimum is lowered to 1 s for proofs; 3 s lets a dead member be noticed quickly, yet outlasts a busy machine's pauses. */
const SESSION_TIMEOUT_MS = 3_000;

// #region scenario
async function crashWithUnacknowledged(s: Scenario, ackedThrough: number) {
  // setup: group A has two members on two partitions; group B reads the same topic. A1 will crash: only it needs a
  // process of its own to die with (in a Java cell, a JVM of its own)
  const topic = await s.createTopic("orders", 2);
  const [groupA, groupB] = [s.group("A"), s.group("B")];
  const victim = await s.consumer({ name: "A1", group: groupA, topics: [topic], crashable: true, sessionTimeoutMs: SESSION_TIMEOUT_MS }).start();
  const survivor = await s.consumer({ name: "A2", group: groupA, topics: [topic] }).start();
  const b = await s.consumer({ name: "B", group: groupB, topics: [topic] }).start();
  await s.groups.waitForAllStable(topic);
  // the orders go to the partition the broker gave the member that will crash
  const partition = await s.groups.partitionOwnedBy(groupA, victim, topic);

  // act: orders on that partition; the victim acknowledges only part of them, then dies
  await s.produce(
    topic,
    orderEvents(MESSAGES).map((order) => ({ ...order, partition })),
  );
  await s.groups.waitUntilReceivedAll([groupA, groupB]);
  await victim.acknowledgeThrough(topic, partition, ackedThrough);
  await b.commitReceived();
  const aAtCrash = await s.groups.observeCommitted(groupA, "when A's member crashed");
  const bBefore = await s.groups.observeCommitted(groupB, "before the crash");
  await victim.crash();

  // observe: the broker drops the dead member, the survivor takes its partition and fetches from the commit
  await s.groups.waitForStable(groupA, 1, topic, 15_000);
  // the broker may list the partition as A2's before A2 has taken it up (the consumer protocol): fetches count from then
  await survivor.waitUntilOwns(topic, partition);
  await survivor.waitForFetches(3);
  await survivor.commitReceived();
  const bAfter = await s.groups.observeCommitted(groupB, "after the rebalance");
  return { groupA, groupB, aAtCrash, bBefore, bAfter, partition };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof crashWithUnacknowledged>) {
  return {
    redelivered: redeliveredAfterCrash(evidence, r.groupA, r.aAtCrash),
    aReceivedAll: noLostMessages(evidence, r.groupA),
    aCommittedAll: committedEquals(evidence, r.groupA, [{ partition: r.partition, offset: MESSAGES }]),
    bReceivedAll: noLostMessages(evidence, r.groupB),
    bEachOnce: noDuplicates(evidence, r.groupB),
    bUnchanged: committedUnchanged(evidence, r.bBefore, r.bAfter),
  };
}
// #endregion check

defineProof({
  title: "A crash before acknowledging means redelivery",
  claim: `A member acknowledges through offset ${ACKED_THROUGH} of ${MESSAGES} and crashes; after the rebalance another member of its group receives offsets ${ACKED_THROUGH + 1}–${MESSAGES - 1} again. Group B is unaffected.`,
  scenario: (s) => crashWithUnacknowledged(s, ACKED_THROUGH),
  check,
  control: {
    precondition: "the member acknowledges everything it received before it crashes",
    scenario: (s) => crashWithUnacknowledged(s, MESSAGES - 1),
    // Everything acknowledged, nothing is left to deliver again.
    mustBreak: (c) => [c.redelivered],
  },
});
