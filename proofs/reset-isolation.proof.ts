/**
 * # Resetting one group does not touch another
 *
 * Claim: groups A and B have both read and acknowledged every order. Resetting
 * A's committed offsets to the earliest (through the Admin API, as
 * `kafka-consumer-groups --reset-offsets` does) makes A receive every message
 * again, while B's committed offsets stay where they were and B, started again,
 * receives nothing new.
 *
 * The broker refuses to reset a group that has live members: offsets belong to
 * the group, and a running member would overwrite them. That refusal is part of
 * the evidence.
 *
 * Why it matters: replaying orders into analytics after a bug fix must not
 * make the notification service e-mail every customer again.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#basic_ops_consumer_group
 * (managing consumer groups, resetting offsets)
 */
import { noLostMessages, receivedNothing } from "../src/checks/delivery.js";
import { committedUnchanged, readingEquals, refusedWith, resumedAt } from "../src/checks/offsets.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 2;
const MESSAGES = 10;
const EVERY_PARTITION_AT_ZERO = Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, offset: 0 }));

// #region scenario
async function resetGroups(s: Scenario, resetBToo: boolean) {
  // setup: A and B read and acknowledge every order
  const topic = await s.createTopic("orders", PARTITIONS);
  await s.produce(topic, orderEvents(MESSAGES, { partitions: PARTITIONS }));
  const [groupA, groupB] = [s.group("A"), s.group("B")];
  const a = await s.consumer({ name: "A", group: groupA, topics: [topic] }).start();
  const b = await s.consumer({ name: "B", group: groupB, topics: [topic] }).start();
  await s.groups.waitUntilReceivedAll([groupA, groupB]);
  await a.commitReceived();
  await b.commitReceived();
  const bBefore = await s.groups.observeCommitted(groupB, "before the reset");

  // act: a reset while A is running is refused by the broker
  const earliest = { spec: { to: "earliest" as const } };
  const whileLive = await s.offsets.reset(groupA, topic, earliest);
  // act: with the consumers closed, the reset goes through
  await a.stop();
  await b.stop();
  await s.offsets.reset(groupA, topic, earliest);
  if (resetBToo) await s.offsets.reset(groupB, topic, earliest);
  const aAfter = await s.groups.observeCommitted(groupA, "after the reset");
  const bAfter = await s.groups.observeCommitted(groupB, "after the reset");

  // observe: A starts again set to the latest offset, so only its committed offsets can take it back to 0;
  // B starts again set to the earliest, so had it lost its commits it would receive everything
  const aAgain = await s.consumer({ name: "A restarted", group: groupA, topics: [topic], fromBeginning: false }).start();
  await aAgain.waitForMessages(MESSAGES);
  const bAgain = await s.consumer({ name: "B restarted", group: groupB, topics: [topic], fromBeginning: true }).start();
  await bAgain.waitForFetches(5);
  return { whileLive, aAfter, bBefore, bAfter, aAgain: aAgain.ref, bAgain: bAgain.ref };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof resetGroups>) {
  return {
    liveResetRefused: refusedWith(evidence, r.whileLive, "UNKNOWN_MEMBER_ID"),
    aResetToZero: readingEquals(evidence, r.aAfter, EVERY_PARTITION_AT_ZERO),
    aReplaysFromZero: resumedAt(evidence, r.aAgain, EVERY_PARTITION_AT_ZERO),
    aReceivesAllAgain: noLostMessages(evidence, r.aAgain),
    bUnchanged: committedUnchanged(evidence, r.bBefore, r.bAfter),
    bReceivesNothing: receivedNothing(evidence, r.bAgain),
  };
}
// #endregion check

defineProof({
  title: "Resetting one group does not touch another",
  claim:
    "After A's offsets are reset to the earliest, the broker holds 0 for A and A receives every message again; B's committed offsets are unchanged and B, polling again, receives nothing new.",
  scenario: (s) => resetGroups(s, false),
  check,
  control: {
    precondition: "the reset is applied to both groups",
    scenario: (s) => resetGroups(s, true),
    // Reset too, B's commits go back to 0 and B receives everything again.
    mustBreak: (c) => [c.bUnchanged, c.bReceivesNothing],
  },
});
