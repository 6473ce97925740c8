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
import { inject, test } from "vitest";
import { noLostMessages } from "../src/checks/delivery.js";
import { committedEquals, committedUnchanged, lagEquals, resumedAt } from "../src/checks/offsets.js";
import { assertProved } from "../src/evidence/claim-violation.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import { runProof } from "../src/harness/run-proof.js";
import type { Scenario } from "../src/harness/scenario.js";

const MESSAGES = 10;
const A_THROUGH = 4;
const B_THROUGH = 2;

// #region scenario
async function acknowledgeSeparately(s: Scenario, bGroup: string): Promise<void> {
  // setup: ten orders on one partition; A and B each read all of them
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(MESSAGES));
  const a = await s.consumer({ name: "A", groupLabel: "A", topics: [topic] }).start();
  const b = await s.consumer({ name: "B", groupLabel: bGroup, topics: [topic] }).start();
  await s.waitUntilGroupsReceivedAll(["A", bGroup]);
  await s.observeGroup("A");
  await s.observeGroup(bGroup);

  // act + observe: B acknowledges through 2, then A through 4, reading B's commit around A's
  await b.acknowledgeThrough(topic, 0, B_THROUGH);
  await s.observeCommitted("B", bGroup, "before A commits");
  await a.acknowledgeThrough(topic, 0, A_THROUGH);
  await s.observeCommitted("B", bGroup, "after A commits");
  await s.observeCommitted("A", "A", "after A commits");

  // act: close both, start each again; each resumes from what its group committed
  await a.stop();
  await b.stop();
  for (const [name, group] of [["A restarted", "A"], ["B restarted", bGroup]] as const) {
    const again = await s.consumer({ name, groupLabel: group, topics: [topic] }).start();
    await again.waitForOffset(topic, 0, MESSAGES - 1);
    await again.stop();
  }
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence) {
  return [
    noLostMessages(evidence, { consumer: "A" }),
    noLostMessages(evidence, { consumer: "B" }),
    committedEquals(evidence, "A", [{ partition: 0, offset: A_THROUGH + 1 }]),
    committedEquals(evidence, "B", [{ partition: 0, offset: B_THROUGH + 1 }]),
    lagEquals(evidence, "A", [{ partition: 0, lag: MESSAGES - A_THROUGH - 1 }]),
    lagEquals(evidence, "B", [{ partition: 0, lag: MESSAGES - B_THROUGH - 1 }]),
    committedUnchanged(evidence, "B", "before A commits", "after A commits"),
    resumedAt(evidence, "A restarted", [{ partition: 0, offset: A_THROUGH + 1 }]),
    resumedAt(evidence, "B restarted", [{ partition: 0, offset: B_THROUGH + 1 }]),
  ];
}
// #endregion check

test("ack-isolation: A's commit leaves B's committed offset where B put it", async () => {
  const result = await runProof(inject("broker"), {
    id: "ack-isolation",
    title: "One group's acknowledgement does not touch another's",
    claim: `A acknowledges through ${A_THROUGH} and B through ${B_THROUGH}: the broker holds ${A_THROUGH + 1} for A and ${B_THROUGH + 1} for B, B's commit is unchanged by A's, and each resumes where its own group committed.`,
    scenario: (s) => acknowledgeSeparately(s, "B"),
    check,
    control: {
      precondition: "B is given A's group id",
      scenario: (s) => acknowledgeSeparately(s, "A"),
    },
  });
  assertProved(result);
});
