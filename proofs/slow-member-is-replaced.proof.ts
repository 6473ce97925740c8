/**
 * # A slow member is replaced, and its late commit is refused
 *
 * Claim: group A has two members, A1 and A2, one partition each. A1 has
 * acknowledged the first order of its partition when its application stalls
 * on the next one it is handed. Past its interval the broker removes A1 from
 * the group; A2 is given A1's partition and receives, from the group's
 * committed offset, the orders A1 had received but not committed — they are
 * processed twice. A2 acknowledges some of them. Then A1 commits everything it
 * received, as the member it last knew itself to be: the broker refuses the
 * commit with the error code of a member it has removed, and the group's
 * committed offset stays A2's.
 *
 * The interval is Kafka's Java client's `max.poll.interval.ms`: its heartbeat
 * goes on in the background, but a member that does not poll again within the
 * interval leaves the group. kafkajs has no such setting: it heartbeats from
 * its fetch loop, after each message a handler returns, so a handler that
 * does not return stops its heartbeats, and the broker removes the member
 * after its session timeout.
 *
 * The late commit is sent with the identity the member held when it stalled.
 * kafkajs sends it so itself. Kafka's Java client checks its own membership
 * first: on the classic protocol, once its interval ran out it refuses the
 * commit on its side (CommitFailedException) without asking the broker; on the
 * consumer protocol it sends the commit with no member id at all. Here the
 * identity goes to the broker as it stood, so that the broker is the one to
 * judge it.
 *
 * Why it matters: "CommitFailedException" in a log is this story. Work that
 * takes longer than the interval is done twice, by two members, and the
 * slower one's acknowledgement counts for nothing: the handler must be
 * idempotent, or the interval longer than the slowest piece of work.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#consumerconfigs_max.poll.interval.ms
 */
import { committedIsOwners, lateCommitRefused, newOwnerReceivedUncommitted, removedWhileStalled } from "../src/checks/late-commits.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { waitFor } from "../src/harness/wait.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

/** The slow member's interval when its work overruns it: Java's max.poll.interval.ms, kafkajs' session timeout. */
const SHORT_INTERVAL_MS = 1_500;
/** The interval when the same work fits in it. */
const LONG_INTERVAL_MS = 60_000;
/**
 * How long the scenario waits for another member to take the partition over: where the work overruns the
 * interval, that takes the interval and a rebalance, about 2 s here; where it fits, nothing comes.
 */
const TAKEOVER_WAIT_MS = 6_000;
const FIRST = 3;
const MORE = 2;
/** A2, once it has the partition, acknowledges through this offset of it. */
const A2_THROUGH = 2;

// #region scenario
async function a1Stalls(s: Scenario, intervalMs: number) {
  // setup: two partitions; A1 (whose interval is intervalMs) and A2 own one each; three orders on each, A1 acknowledges the first of its own
  const topic = await s.createTopic("orders", 2);
  const group = s.group("A");
  const interval = s.cell.client === "java" ? { maxPollIntervalMs: intervalMs } : { sessionTimeoutMs: intervalMs };
  const a1 = await s.consumer({ name: "A1", group, topics: [topic], ...interval }).start();
  const a2 = await s.consumer({ name: "A2", group, topics: [topic] }).start();
  await s.groups.waitForStable(group, 2, topic);
  const partition = await s.groups.partitionOwnedBy(group, a1, topic);
  const orders = (count: number, first: number, on: number) => orderEvents(count, { first }).map((order) => ({ ...order, partition: on }));
  await s.produce(topic, [...orders(FIRST, 0, partition), ...orders(FIRST, 100, 1 - partition)]);
  await s.groups.waitUntilReceivedAll([group]);
  await a1.acknowledgeThrough(topic, partition, 0);
  await a2.commitReceived();

  // act: A1's application stalls on the next order it is handed; two more orders come
  await a1.stallOnNextRecord();
  await s.produce(topic, orders(MORE, FIRST, partition));
  await a1.waitUntilStalled();
  const last = FIRST + MORE - 1;
  // Given up quietly where nothing comes: the evidence shows who received what.
  await waitFor(`A2 to receive ${topic}/${partition}@${last}`, () => (a2.hasReceived(topic, partition, last) ? true : undefined), { timeoutMs: TAKEOVER_WAIT_MS }).catch(
    () => undefined,
  );
  await s.groups.observe(group);
  // A2 acknowledges part of what it took over, so that its commit and A1's differ
  if (a2.assignment.some((tp) => tp.topic === topic && tp.partition === partition)) await a2.acknowledgeThrough(topic, partition, A2_THROUGH);

  // observe: A1, still stalled, commits everything it received as the member it last knew itself to be
  const a1Received = a1.received.filter((m) => m.topic === topic && m.partition === partition).map((m) => m.offset);
  const late = await a1.commitAsLastKnown([{ topic, partition, offset: Math.max(...a1Received) + 1 }]);
  await s.groups.observeCommitted(group, "after A1's late commit");
  return { group, a1: a1.ref, a2: a2.ref, late, partition: { topic, partition } };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof a1Stalls>) {
  return {
    // the broker's word: who is in the group, what it answered the late commit, what it holds
    removed: removedWhileStalled(evidence, r.group, r.a1),
    lateCommitRefused: lateCommitRefused(evidence, r.late),
    committedIsNewOwners: committedIsOwners(evidence, r.group, r.a2, r.partition),
    // the clients' word: the orders A1 held went to A2 as well
    processedTwice: newOwnerReceivedUncommitted(evidence, r.a1, r.a2, r.partition),
  };
}
// #endregion check

defineProof({
  title: "A slow member is replaced, and its late commit is refused",
  claim:
    "A member that stops polling for longer than its interval (Java's max.poll.interval.ms; kafkajs' session timeout, as its heartbeats stop) is removed from its group; another member is given its partition and receives what it had received but not committed, and the late commit it then sends is refused by the broker with the code of a removed member, so the group's committed offset is the new owner's.",
  scenario: (s) => a1Stalls(s, SHORT_INTERVAL_MS),
  check,
  control: {
    precondition: `A1's interval (${LONG_INTERVAL_MS / 1000} s) is longer than its stall`,
    scenario: (s) => a1Stalls(s, LONG_INTERVAL_MS),
    // A1 stays in the group with its partition: A2 is given nothing of it, commits nothing on it, and A1's commit is accepted.
    mustBreak: (c) => [c.removed, c.lateCommitRefused, c.committedIsNewOwners, c.processedTwice],
  },
  timeoutMs: 60_000,
});
