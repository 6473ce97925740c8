/**
 * # One group's acknowledgement does not touch another's
 *
 * Claim: group A and group B read the same ten order events from one partition.
 * A acknowledges through offset 4, B through offset 2. The broker then holds
 * committed offset 5 for A and 3 for B (lag 5 and 7), B's commit is the same
 * before and after A commits, and when both consumers are closed and started
 * again, A resumes at offset 5 and B at offset 3.
 *
 * The precise rule: a Kafka acknowledgement is a commit of "the next offset to
 * read" for a whole partition, and it is cumulative. Committing 5 says "every
 * offset below 5 is done" — A never acknowledges 0–3 one by one, yet resumes at 5.
 * Each group id has its own committed offsets on the broker, so the commit of one
 * group cannot move another's.
 *
 * Why it matters: notifications, analytics and inventory each read every order.
 * If analytics acknowledging an order also acknowledged it for inventory, a slow
 * inventory service would silently skip stock updates.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#design_consumerposition and
 * https://kafka.apache.org/documentation/#impl_offsettracking
 */
import { noLostMessages } from "../src/checks/delivery.js";
import { committedEquals, committedUnchanged, lagEquals, resumedAt } from "../src/checks/offsets.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const MESSAGES = 10;
const A_THROUGH = 4;
const B_THROUGH = 2;

// #region scenario
async function acknowledgeSeparately(s: Scenario, bGroupLabel: string) {
  // setup: ten orders on one partition; A and B each read all of them
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(MESSAGES));
  const [groupA, groupB] = [s.group("A"), s.group(bGroupLabel)];
  const a = await s.consumer({ name: "A", group: groupA, topics: [topic] }).start();
  const b = await s.consumer({ name: "B", group: groupB, topics: [topic] }).start();
  await s.groups.waitUntilReceivedAll([groupA, groupB]);

  // act + observe: B acknowledges through 2, then A through 4, reading B's commit around A's
  await b.acknowledgeThrough(topic, 0, B_THROUGH);
  const bBeforeA = await s.groups.observeCommitted(groupB, "before A commits");
  await a.acknowledgeThrough(topic, 0, A_THROUGH);
  const bAfterA = await s.groups.observeCommitted(groupB, "after A commits");

  // act: close both, start each again; each resumes from what its group committed
  await a.stop();
  await b.stop();
  const aAgain = await s.readOnceMore("A restarted", groupA, topic, MESSAGES - 1);
  const bAgain = await s.readOnceMore("B restarted", groupB, topic, MESSAGES - 1);
  return { groupA, groupB, a: a.ref, b: b.ref, bBeforeA, bAfterA, aAgain, bAgain };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof acknowledgeSeparately>) {
  return {
    aReceivedAll: noLostMessages(evidence, r.a),
    bReceivedAll: noLostMessages(evidence, r.b),
    aCommitted: committedEquals(evidence, r.groupA, [{ partition: 0, offset: A_THROUGH + 1 }]),
    bCommitted: committedEquals(evidence, r.groupB, [{ partition: 0, offset: B_THROUGH + 1 }]),
    aLag: lagEquals(evidence, r.groupA, [{ partition: 0, lag: MESSAGES - A_THROUGH - 1 }]),
    bLag: lagEquals(evidence, r.groupB, [{ partition: 0, lag: MESSAGES - B_THROUGH - 1 }]),
    bUntouchedByA: committedUnchanged(evidence, r.bBeforeA, r.bAfterA),
    aResumed: resumedAt(evidence, r.aAgain, [{ partition: 0, offset: A_THROUGH + 1 }]),
    bResumed: resumedAt(evidence, r.bAgain, [{ partition: 0, offset: B_THROUGH + 1 }]),
  };
}
// #endregion check

defineProof({
  title: "One group's acknowledgement does not touch another's",
  claim: `A acknowledges through ${A_THROUGH} and B through ${B_THROUGH}: the broker holds ${A_THROUGH + 1} for A and ${B_THROUGH + 1} for B, B's commit is unchanged by A's, and each resumes where its own group committed.`,
  scenario: (s) => acknowledgeSeparately(s, "B"),
  check,
  control: {
    precondition: "B is given A's group id",
    scenario: (s) => acknowledgeSeparately(s, "A"),
    // Sharing A's group, B's commit is A's: it is moved by A's acknowledgement, and B resumes where A committed.
    mustBreak: (c) => [c.bCommitted, c.bUntouchedByA, c.bResumed],
  },
});
