/**
 * # Auto-commit commits what was received, not what was finished
 *
 * Claim: with auto-commit (`enable.auto.commit` in Kafka's Java client,
 * `autoCommit` in kafkajs) the client commits the offsets of what it has handed
 * to the application, not of what the application has finished. An application
 * that hands records to a worker and crashes before the worker is done loses
 * them for its group: the broker holds a commit past them, and the member that
 * takes over the partition starts there, so no member is given them again. That
 * is at-most-once. Committing only finished work, auto-commit off, makes it
 * at-least-once: after the crash the next member is given them again.
 *
 * When each client commits, from its source:
 * - Kafka's Java client, classic protocol: every `poll()` first runs the
 *   coordinator's poll, which auto-commits once `auto.commit.interval.ms` has
 *   passed since its last auto-commit (`ConsumerCoordinator.poll` →
 *   `maybeAutoCommitOffsetsAsync`), committing `subscriptions.allConsumed()`: the
 *   positions, which move when a `poll()` returns records (`FetchCollector`).
 *   So what poll N returned is committed by a later poll, once the interval has
 *   passed; also before a rebalance and on close, which a crash never reaches.
 * - The same client on the consumer protocol (`AsyncKafkaConsumer`): each `poll()`
 *   sends a `PollEvent` that moves the auto-commit timer, and the background
 *   thread's `CommitRequestManager.maybeAutoCommitAsync` commits
 *   `allConsumed()` once it has expired: the same rule (and again before it
 *   gives up partitions, and on close).
 * - kafkajs: once `eachMessage` resolves, the runner resolves the message's
 *   offset; at the end of every batch it commits every resolved offset, and
 *   within a batch once `autoCommitInterval` has passed (`runner.js`,
 *   `offsetManager`). A handler that passes the message to a worker and
 *   resolves, as the recording consumer's handler does, has the message
 *   committed by the end of its batch.
 *
 * So the scenario does not bet on timing: it waits until the broker holds the
 * commit of everything the member received, reads it back, and only then
 * crashes the member (its connections cut, or its JVM killed: no commit, no
 * LeaveGroup).
 *
 * Why it matters: the inventory service reads orders in a group with
 * auto-commit on and hands each order to a worker that reserves stock. If the
 * process dies while the worker still holds orders 4–9, those orders are never
 * reserved: no member of the group is given them again.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#consumerconfigs_enable.auto.commit and
 * https://kafka.apache.org/documentation/#semantics
 */
import { committedWhatWasReceived, unfinishedNotDeliveredAgain } from "../src/checks/unfinished-work.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { waitFor } from "../src/harness/wait.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const MESSAGES = 10;
/** The worker had finished orders 0–3 when the process died; 4–9 were still in its hands. */
const FINISHED_THROUGH = 3;
/** The broker's minimum is lowered to 1 s for proofs; 3 s lets a dead member be noticed quickly, yet outlasts a busy machine's pauses. */
const SESSION_TIMEOUT_MS = 3_000;
/** Java's default is 5 s; short, so the commit lands quickly. The scenario waits for it on the broker, never for the interval. */
const AUTO_COMMIT_INTERVAL_MS = 100;

// #region scenario
async function crashWithWorkInHand(s: Scenario, commits: "auto" | "finished work") {
  // setup: group A has two members on two partitions, both of one application: auto-commit on, or off
  const topic = await s.createTopic("orders", 2);
  const groupA = s.group("A");
  const autoCommit = commits === "auto" ? { autoCommitIntervalMs: AUTO_COMMIT_INTERVAL_MS } : {};
  const victim = await s.consumer({ name: "A1", group: groupA, topics: [topic], crashable: true, sessionTimeoutMs: SESSION_TIMEOUT_MS, ...autoCommit }).start();
  const survivor = await s.consumer({ name: "A2", group: groupA, topics: [topic], ...autoCommit }).start();
  await s.groups.waitForStable(groupA, 2, topic);
  // the orders go to the partition the broker gave the member that will crash
  const partition = await s.groups.partitionOwnedBy(groupA, victim, topic);

  // act: A1 is handed every order; its worker finishes 0–3; then the process dies
  await s.produce(
    topic,
    orderEvents(MESSAGES).map((order) => ({ ...order, partition })),
  );
  await victim.waitForOffset(topic, partition, MESSAGES - 1);
  victim.finishedThrough(topic, partition, FINISHED_THROUGH);
  if (commits === "auto") {
    // the client's own commit is waited for where it lands, on the broker, never assumed from its interval
    const held = () => s.witness.committedOffset(s.groupId(groupA), topic, partition);
    await waitFor(`the broker to hold A1's auto-commit of all it received`, async () => ((await held()) === MESSAGES ? true : undefined), { timeoutMs: 10_000, intervalMs: 50 });
  } else {
    await victim.acknowledgeThrough(topic, partition, FINISHED_THROUGH);
  }
  const atCrash = await s.groups.observeCommitted(groupA, "when A1 crashed");
  await victim.crash();

  // observe: the broker drops the dead member; the survivor takes its partition and fetches from the commit
  await s.groups.waitForStable(groupA, 1, topic, 15_000);
  // the broker may list the partition as A2's before A2 has taken it up (the consumer protocol): fetches count from then
  await survivor.waitUntilOwns(topic, partition);
  await survivor.waitForFetches(3);
  await s.groups.observeCommitted(groupA, "after A2 took over");
  return { groupA, atCrash };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof crashWithWorkInHand>) {
  return {
    committedReceived: committedWhatWasReceived(evidence, r.groupA, r.atCrash),
    unfinishedLost: unfinishedNotDeliveredAgain(evidence, r.groupA),
  };
}
// #endregion check

defineProof({
  title: "Auto-commit commits what was received, not what was finished",
  claim: `With auto-commit on, A1 is handed orders 0–${MESSAGES - 1}, its worker finishes 0–${FINISHED_THROUGH}, and the broker holds A1's commit at ${MESSAGES} before A1 crashes; orders ${FINISHED_THROUGH + 1}–${MESSAGES - 1} are given to no member again: at most once.`,
  scenario: (s) => crashWithWorkInHand(s, "auto"),
  check,
  control: {
    precondition: "auto-commit is off and the application commits only what its worker finished",
    scenario: (s) => crashWithWorkInHand(s, "finished work"),
    // The commit stops at the finished work, so the survivor is given the rest again: at least once.
    mustBreak: (c) => [c.committedReceived, c.unfinishedLost],
  },
});
