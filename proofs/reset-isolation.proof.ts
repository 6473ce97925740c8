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
import { inject, test } from "vitest";
import { noLostMessages, receivedNothing } from "../src/checks/delivery.js";
import { committedUnchanged, refused, resumedAt } from "../src/checks/offsets.js";
import { assertProved } from "../src/evidence/claim-violation.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import { runProof } from "../src/harness/run-proof.js";
import type { Scenario } from "../src/harness/scenario.js";

const PARTITIONS = 2;
const MESSAGES = 10;

// #region scenario
async function resetGroups(s: Scenario, reset: readonly string[]): Promise<void> {
  // setup: A and B read and acknowledge every order
  const topic = await s.createTopic("orders", PARTITIONS);
  await s.produce(topic, orderEvents(MESSAGES, { partitions: PARTITIONS }));
  const a = await s.consumer({ name: "A", groupLabel: "A", topics: [topic] }).start();
  const b = await s.consumer({ name: "B", groupLabel: "B", topics: [topic] }).start();
  await s.waitUntilGroupsReceivedAll(["A", "B"]);
  await a.commitReceived();
  await b.commitReceived();
  await s.observeGroup("A");
  await s.observeGroup("B");
  await s.observeCommitted("B", "B", "before the reset");

  // act: a reset while A is running is refused by the broker
  await s.resetToEarliest("A", topic);
  // act: with the consumers closed, the reset goes through
  await a.stop();
  await b.stop();
  for (const label of reset) await s.resetToEarliest(label, topic);
  await s.observeCommitted("A", "A", "after the reset");
  await s.observeCommitted("B", "B", "after the reset");

  // observe: start both again; A replays everything, B gets its chance to fetch
  const a2 = await s.consumer({ name: "A restarted", groupLabel: "A", topics: [topic] }).start();
  await s.waitUntilGroupsReceivedAll(["A"]);
  await a2.waitForMessages(MESSAGES);
  const b2 = await s.consumer({ name: "B restarted", groupLabel: "B", topics: [topic] }).start();
  await b2.waitForFetches(3);
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence) {
  return [
    refused(evidence, "admin:A", "reset group A while it had a live member"),
    noLostMessages(evidence, { consumer: "A restarted" }),
    resumedAt(evidence, "A restarted", Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, offset: 0 }))),
    committedUnchanged(evidence, "B", "before the reset", "after the reset"),
    receivedNothing(evidence, "B restarted"),
  ];
}
// #endregion check

test("reset-isolation: resetting A replays A and leaves B alone", async () => {
  const result = await runProof(inject("broker"), {
    id: "reset-isolation",
    title: "Resetting one group does not touch another",
    claim: "After A's offsets are reset to the earliest, A receives every message again; B's committed offsets are unchanged and B receives nothing new.",
    scenario: (s) => resetGroups(s, ["A"]),
    check,
    control: {
      precondition: "the reset is applied to both groups",
      scenario: (s) => resetGroups(s, ["A", "B"]),
    },
  });
  assertProved(result);
});
