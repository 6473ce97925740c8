/**
 * # A group left empty loses its committed offsets
 *
 * Claim: group A reads five orders and commits offset 5; then its only member
 * leaves, and nobody joins for longer than the broker's offset retention
 * (`offsets.retention.minutes`, here its minimum: one minute). The broker
 * then deletes A's committed offsets: asked after the wait, it holds none for
 * A. A member that joins A afterwards is in a group with nothing committed, so
 * it starts where `auto.offset.reset` says — the earliest offset here — and
 * reads the five orders again, with the three placed since.
 *
 * The control keeps a member in A through the same wait. A group with members
 * keeps its offsets, however long: the broker still holds 5 after the wait, and
 * the next member resumes there.
 *
 * The rule (KIP-211): the retention clock starts when a group becomes empty,
 * not at the last commit. Why it matters: "why did my group start from the
 * beginning again?" A service that was stopped for longer than the retention
 * (a week by default) comes back to a group with no offsets, and replays its
 * topic from the start — or, with "latest", skips everything that came while it
 * was away.
 *
 * The wait is the broker's own timer: a minute at least (the setting's
 * minimum), so this proof runs in `npm run proofs:slow`, on a broker of its
 * own with a one-minute retention, checked every second.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#brokerconfigs_offsets.retention.minutes and KIP-211
 * (https://cwiki.apache.org/confluence/display/KAFKA/KIP-211%3A+Revise+Expiration+Semantics+of+Consumer+Group+Offsets)
 */
import { setTimeout as sleep } from "node:timers/promises";
import { noLostMessages } from "../src/checks/delivery.js";
import { committedEquals, noCommitYet, readingEquals, resumedAt } from "../src/checks/offsets.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import { onBrokersWith } from "../src/harness/own-cluster.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const FIRST = 5;
const LATER = 3;
/** The broker's retention at its minimum, and its expiry check every second instead of every ten minutes. */
const RETENTION = { "offsets.retention.minutes": "1", "offsets.retention.check.interval.ms": "1000" };
/** The retention, a check's interval, and time for a busy broker to write the deletion. */
const WAIT_MS = 60_000 + 8_000;

// #region scenario
async function groupLeftAlone(s: Scenario, aMemberStays: boolean) {
  // setup: A1 reads five orders and commits offset 5
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(FIRST));
  const group = s.group("A");
  const a1 = await s.consumer({ name: "A1", group, topics: [topic], fromBeginning: true }).start();
  await a1.waitForOffset(topic, 0, FIRST - 1);
  await a1.commitReceived();
  const committed = await s.groups.observeCommitted(group, "once A1 has committed");

  // act: A1 leaves (or, in the control, stays) for longer than the retention
  if (!aMemberStays) await a1.stop();
  await sleep(WAIT_MS);
  const afterWait = await s.groups.observeCommitted(group, "after the retention has passed");
  if (aMemberStays) await a1.stop();

  // observe: three more orders, and a new member of A, set to start at the earliest offset where nothing is committed
  await s.produce(topic, orderEvents(LATER, { first: FIRST }));
  const a2 = await s.consumer({ name: "A2", group, topics: [topic], fromBeginning: true }).start();
  await a2.waitForOffset(topic, 0, FIRST + LATER - 1);
  await a2.commitReceived();
  return { group, a2: a2.ref, committed, afterWait };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof groupLeftAlone>) {
  return {
    committedFirst: readingEquals(evidence, r.committed, [{ partition: 0, offset: FIRST }]),
    offsetsExpired: noCommitYet(evidence, r.afterWait),
    newMemberStartsAtReset: resumedAt(evidence, r.a2, [{ partition: 0, offset: 0 }]),
    newMemberReadsEverything: noLostMessages(evidence, r.a2),
    committedAtEnd: committedEquals(evidence, r.group, [{ partition: 0, offset: FIRST + LATER }]),
  };
}
// #endregion check

defineProof({
  title: "A group left empty loses its committed offsets",
  claim: `Group A commits offset ${FIRST} and its only member leaves; after the offset retention (one minute here) the broker holds no committed offset for A, and A's next member starts at auto.offset.reset (the earliest offset), reading all ${FIRST + LATER} orders.`,
  scenario: onBrokersWith(RETENTION, (s) => groupLeftAlone(s, false)),
  check,
  control: {
    precondition: "A keeps a member through the wait",
    scenario: onBrokersWith(RETENTION, (s) => groupLeftAlone(s, true)),
    // A group with a member keeps its offsets: the broker still holds 5, and A2 resumes there, reading only the three new orders.
    mustBreak: (c) => [c.offsetsExpired, c.newMemberStartsAtReset, c.newMemberReadsEverything],
  },
  ownCluster: { nodes: 1, waitsFor: "over a minute for the broker to expire a group's offsets" },
  timeoutMs: 180_000,
});
