/**
 * # Consumers in different groups each get every message
 *
 * Claim: a consumer in group A and a consumer in group B, reading the same
 * topic, each receive every message exactly once: none missing, none
 * duplicated, and on every partition in increasing offset order.
 *
 * Why it matters: notifications, analytics and inventory each need every
 * order. Giving each service its own group id is what makes Kafka a
 * publish–subscribe log rather than a work queue.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#intro_concepts_and_terms
 * and https://kafka.apache.org/documentation/#design_consumerposition
 */
import { inject, test } from "vitest";
import { noDuplicates, noLostMessages, offsetsIncrease } from "../src/checks/delivery.js";
import { committedEquals } from "../src/checks/offsets.js";
import { assertProved } from "../src/evidence/claim-violation.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import { runProof } from "../src/harness/run-proof.js";
import type { Scenario } from "../src/harness/scenario.js";

const PARTITIONS = 3;
const MESSAGES = 12;

// #region scenario
async function twoServices(s: Scenario, bGroup: string): Promise<void> {
  // setup: one topic, consumer A in group A, consumer B in `bGroup`
  const topic = await s.createTopic("orders", PARTITIONS);
  const a = await s.consumer({ name: "A", groupLabel: "A", topics: [topic] }).start();
  const b = await s.consumer({ name: "B", groupLabel: bGroup, topics: [topic] }).start();
  await s.waitForStableGroups(topic);

  // act: orders on every partition; each consumer acknowledges what it received
  await s.produce(topic, orderEvents(MESSAGES, { partitions: PARTITIONS }));
  await s.waitUntilGroupsReceivedAll(["A", bGroup]);
  await a.commitReceived();
  await b.commitReceived();
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence) {
  const everyPartitionAtEnd = Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, offset: MESSAGES / PARTITIONS }));
  return [
    ...(["A", "B"] as const).flatMap((consumer) => [
      noLostMessages(evidence, { consumer }),
      noDuplicates(evidence, { consumer }),
      offsetsIncrease(evidence, { consumer }),
    ]),
    committedEquals(evidence, "A", everyPartitionAtEnd),
    committedEquals(evidence, "B", everyPartitionAtEnd),
  ];
}
// #endregion check

test("different-groups-each-get-all: each group receives every message once", async () => {
  const result = await runProof(inject("broker"), {
    id: "different-groups-each-get-all",
    title: "Consumers in different groups each get every message",
    claim: "A consumer in group A and one in group B each receive every message exactly once, in offset order per partition.",
    scenario: (s) => twoServices(s, "B"),
    check,
    control: {
      precondition: "B is given A's group id",
      scenario: (s) => twoServices(s, "A"),
    },
  });
  assertProved(result);
});
