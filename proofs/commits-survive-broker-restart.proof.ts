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
import { inject, test } from "vitest";
import { committedEquals, committedUnchanged, resumedAt } from "../src/checks/offsets.js";
import { assertProved } from "../src/evidence/claim-violation.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import { runProof } from "../src/harness/run-proof.js";
import type { Scenario } from "../src/harness/scenario.js";

const MESSAGES = 10;
const A_THROUGH = 5;
const B_THROUGH = 2;

// #region scenario
async function restartBroker(s: Scenario, freshStorage: boolean): Promise<void> {
  // setup: A acknowledges through 5, B through 2, then both close
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(MESSAGES));
  const a = await s.consumer({ name: "A", groupLabel: "A", topics: [topic] }).start();
  const b = await s.consumer({ name: "B", groupLabel: "B", topics: [topic] }).start();
  await s.waitUntilGroupsReceivedAll(["A", "B"]);
  await a.acknowledgeThrough(topic, 0, A_THROUGH);
  await b.acknowledgeThrough(topic, 0, B_THROUGH);
  await a.stop();
  await b.stop();
  await s.observeCommitted("A", "A", "before the restart");
  await s.observeCommitted("B", "B", "before the restart");

  // act: restart the broker
  await s.restartBroker({ freshStorage });
  if (freshStorage) {
    // the control's broker lost everything; the same orders are written again
    await s.createTopic("orders", 1);
    await s.produce(topic, orderEvents(MESSAGES));
  }

  // observe: what the broker holds now, and where each group resumes
  await s.observeCommitted("A", "A", "after the restart");
  await s.observeCommitted("B", "B", "after the restart");
  for (const [name, group] of [["A after restart", "A"], ["B after restart", "B"]] as const) {
    const again = await s.consumer({ name, groupLabel: group, topics: [topic] }).start();
    await again.waitForOffset(topic, 0, MESSAGES - 1);
    await again.stop();
  }
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence) {
  return [
    committedUnchanged(evidence, "A", "before the restart", "after the restart"),
    committedUnchanged(evidence, "B", "before the restart", "after the restart"),
    committedEquals(evidence, "A", [{ partition: 0, offset: A_THROUGH + 1 }]),
    committedEquals(evidence, "B", [{ partition: 0, offset: B_THROUGH + 1 }]),
    resumedAt(evidence, "A after restart", [{ partition: 0, offset: A_THROUGH + 1 }]),
    resumedAt(evidence, "B after restart", [{ partition: 0, offset: B_THROUGH + 1 }]),
  ];
}
// #endregion check

test("commits-survive-broker-restart: the broker still holds each group's commit after a restart", async (context) => {
  const result = await runProof(inject("broker"), {
    id: "commits-survive-broker-restart",
    title: "Acknowledgements survive a broker restart",
    claim: `After a clean restart on the same storage, the broker still holds committed offset ${A_THROUGH + 1} for A and ${B_THROUGH + 1} for B, and each resumes there.`,
    scenario: (s) => restartBroker(s, false),
    check,
    control: {
      precondition: "the broker is restarted on freshly formatted storage",
      scenario: (s) => restartBroker(s, true),
    },
    dedicatedBroker: true,
  });
  if (result.verdict === "skipped") return context.skip(result.skipReason);
  assertProved(result);
});
