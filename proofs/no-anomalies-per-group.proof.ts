/**
 * # No anomalies in a group's consumption, at scale
 *
 * Claim: over a longer run — four partitions, 3,000 orders produced in
 * batches while two groups consume, a second member joining group A half-way —
 * each group's consumption shows none of the anomalies Jepsen looks for in
 * Kafka: no lost write, no duplicate outside a rebalance or crash, no skipped
 * or backwards offset while membership is stable, and no committed offset
 * ahead of what the group received. (The same checks run on every group of
 * every other proof.)
 *
 * Why it matters: these are the failure modes that corrupt downstream state
 * quietly — a lost order never ships, a skipped one is never billed. A group
 * that acknowledges only what it has processed avoids them all; the control
 * shows what acknowledging ahead of processing does.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#semantics; the checks
 * follow Jepsen's Kafka analysis (https://jepsen.io/analyses) and its checker.
 */
import { noLostMessages } from "../src/checks/delivery.js";
import { anomalyChecks } from "../src/checks/anomalies.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 4;
const MESSAGES = 3_000;
const BATCHES = 6;

// #region scenario
async function longRun(s: Scenario, acknowledgeBeforeReceipt: boolean) {
  // setup: groups A and B on four partitions; deliveries are kept, but not one timeline event each
  const topic = await s.createTopic("orders", PARTITIONS);
  const [groupA, groupB] = [s.group("A"), s.group("B")];
  const quiet = { topics: [topic], recordReceives: false };
  // in the control A1 dies: there it gets a process of its own to die with (a JVM of its own, in a Java cell)
  const a1 = await s.consumer({ name: "A1", group: groupA, ...quiet, crashable: acknowledgeBeforeReceipt, sessionTimeoutMs: 3_000 }).start();
  await s.consumer({ name: "B", group: groupB, ...quiet }).start();
  const orders = orderEvents(MESSAGES, { partitions: PARTITIONS }) as { key: string; value: string; partition: number }[];
  const perBatch = MESSAGES / BATCHES;

  // act: batches of orders; every running member acknowledges what it received after each
  for (let i = 0; i < BATCHES; i++) {
    const batch = orders.slice(i * perBatch, (i + 1) * perBatch);
    if (i === BATCHES / 2) {
      if (acknowledgeBeforeReceipt) {
        // the control: A1 acknowledges a batch it has not received, then dies
        await a1.pause();
        await s.produceBatches(topic, batch);
        await a1.commit((await s.witness.logEndOffsets(topic)).map(({ partition, logEndOffset }) => ({ topic, partition, offset: logEndOffset })));
        await a1.crash();
      }
      // half-way, a second member joins group A
      await s.consumer({ name: "A2", group: groupA, ...quiet }).start();
      await s.groups.waitForAllStable(topic);
      if (acknowledgeBeforeReceipt) continue;
    }
    await s.produceBatches(topic, batch);
    await s.groups.waitUntilCaughtUp([groupA, groupB]);
    for (const consumer of s.consumers.filter((c) => c.isRunning)) await consumer.commitReceived();
  }
  return { groupA, groupB };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof longRun>) {
  const [a, b] = [anomalyChecks(evidence, r.groupA), anomalyChecks(evidence, r.groupB)];
  return {
    aReceivedAll: noLostMessages(evidence, r.groupA),
    aNoLostWrite: a.lostWrites,
    aNoDuplicate: a.duplicatesOutsideRebalance,
    aNoSkip: a.skips,
    aNoBackwards: a.backwards,
    aNoCommitAhead: a.commitsAhead,
    bReceivedAll: noLostMessages(evidence, r.groupB),
    bNoLostWrite: b.lostWrites,
    bNoDuplicate: b.duplicatesOutsideRebalance,
    bNoSkip: b.skips,
    bNoBackwards: b.backwards,
    bNoCommitAhead: b.commitsAhead,
  };
}
// #endregion check

defineProof({
  title: "No anomalies in a group's consumption, at scale",
  claim: `Over ${MESSAGES} orders on ${PARTITIONS} partitions, with a member joining group A half-way, neither group loses, duplicates outside a rebalance, skips, goes backwards, or commits ahead of what it received.`,
  scenario: (s) => longRun(s, false),
  check,
  control: {
    precondition: "half-way, A1 acknowledges a batch it never received and then crashes",
    scenario: (s) => longRun(s, true),
    // Acknowledged unseen, that batch is committed ahead of what A received, and never reaches A.
    mustBreak: (c) => [c.aNoCommitAhead, c.aReceivedAll],
  },
});
