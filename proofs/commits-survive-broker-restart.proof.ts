/**
 * # Acknowledgements survive a broker restart
 *
 * Claim: committed offsets are data on the broker, not memory. Stop the broker
 * cleanly and start it again on the same storage, and it still holds each
 * group's committed offsets — A's 6 and B's 3 — and consumers started afterwards
 * resume exactly there.
 *
 * Why it matters: a broker upgrade or restart must not make every service
 * re-read (or skip) its backlog. Commits live in the `__consumer_offsets`
 * topic, replicated and persisted like any other log.
 *
 * This proof restarts a broker, so each of its scenarios gets a native broker of
 * its own; with a container or external broker it is skipped, with the reason.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#impl_offsettracking
 */
import { committedEquals, committedUnchanged, resumedAt } from "../src/checks/offsets.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const MESSAGES = 10;
const A_THROUGH = 5;
const B_THROUGH = 2;

// #region scenario
async function restartBroker(s: Scenario, freshStorage: boolean) {
  // setup: A acknowledges through 5, B through 2, then both close
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(MESSAGES));
  const [groupA, groupB] = [s.group("A"), s.group("B")];
  const a = await s.consumer({ name: "A", group: groupA, topics: [topic] }).start();
  const b = await s.consumer({ name: "B", group: groupB, topics: [topic] }).start();
  await s.groups.waitUntilReceivedAll([groupA, groupB]);
  await a.acknowledgeThrough(topic, 0, A_THROUGH);
  await b.acknowledgeThrough(topic, 0, B_THROUGH);
  await a.stop();
  await b.stop();
  const aBefore = await s.groups.observeCommitted(groupA, "before the restart");
  const bBefore = await s.groups.observeCommitted(groupB, "before the restart");

  // act: restart the broker
  await s.restartBroker({ freshStorage });
  if (freshStorage) {
    // the control's broker lost everything; the same orders are written again
    await s.createTopic("orders", 1);
    await s.produce(topic, orderEvents(MESSAGES));
  }

  // observe: what the broker holds now, and where each group resumes (set to the earliest: lost commits would show as 0)
  const aAfter = await s.groups.observeCommitted(groupA, "after the restart");
  const bAfter = await s.groups.observeCommitted(groupB, "after the restart");
  const aAgain = await s.readOnceMore("A after restart", groupA, topic, MESSAGES - 1);
  const bAgain = await s.readOnceMore("B after restart", groupB, topic, MESSAGES - 1);
  return { groupA, groupB, aBefore, aAfter, bBefore, bAfter, aAgain, bAgain };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof restartBroker>) {
  return {
    aUnchanged: committedUnchanged(evidence, r.aBefore, r.aAfter),
    bUnchanged: committedUnchanged(evidence, r.bBefore, r.bAfter),
    aCommitted: committedEquals(evidence, r.groupA, [{ partition: 0, offset: A_THROUGH + 1 }]),
    bCommitted: committedEquals(evidence, r.groupB, [{ partition: 0, offset: B_THROUGH + 1 }]),
    aResumed: resumedAt(evidence, r.aAgain, [{ partition: 0, offset: A_THROUGH + 1 }]),
    bResumed: resumedAt(evidence, r.bAgain, [{ partition: 0, offset: B_THROUGH + 1 }]),
  };
}
// #endregion check

defineProof({
  title: "Acknowledgements survive a broker restart",
  claim: `After a clean restart on the same storage, the broker still holds committed offset ${A_THROUGH + 1} for A and ${B_THROUGH + 1} for B, and each resumes there.`,
  scenario: (s) => restartBroker(s, false),
  check,
  control: {
    precondition: "the broker is restarted on freshly formatted storage",
    scenario: (s) => restartBroker(s, true),
    // Without its storage the broker holds no commit: none survives, and both groups start over.
    mustBreak: (c) => [c.aUnchanged, c.bUnchanged, c.aResumed, c.bResumed],
  },
  dedicatedBroker: true,
  // Two restarts in turn, each waiting for every cell's scenario to reach it.
  timeoutMs: 120_000,
});
