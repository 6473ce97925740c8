/**
 * # Where a new group starts
 *
 * Claim: a group that first appears after messages exist has no committed
 * offset, so it starts where its consumer's `auto.offset.reset` says: at the
 * earliest offset (kafkajs `fromBeginning: true`) it reads the history; at the
 * latest (`fromBeginning: false`) it reads only what is produced after it joined.
 * Until its first commit, the broker holds no committed offset for it at all.
 *
 * Why it matters: deploying a new analytics service with the default "latest"
 * silently skips every order placed before it started; choosing "earliest"
 * replays them. Neither is remembered until the group commits.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#consumerconfigs_auto.offset.reset
 */
import { inject, test } from "vitest";
import { noLostMessages } from "../src/checks/delivery.js";
import { committedEquals, noCommitYet, resumedAt } from "../src/checks/offsets.js";
import { assertProved } from "../src/evidence/claim-violation.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import { runProof } from "../src/harness/run-proof.js";
import type { Scenario } from "../src/harness/scenario.js";

const BEFORE = 5;
const AFTER = 3;

// #region scenario
async function newGroups(s: Scenario, latestFromBeginning: boolean): Promise<void> {
  // setup: orders exist before either group does
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(BEFORE));

  // act: group E starts at the earliest offset, group L at the latest
  const early = await s.consumer({ name: "E", groupLabel: "E", topics: [topic], fromBeginning: true }).start();
  const late = await s.consumer({ name: "L", groupLabel: "L", topics: [topic], fromBeginning: latestFromBeginning }).start();
  // L has resolved its start position once it has fetched; later orders are after it
  await late.waitForFetches(2);
  await s.produce(topic, orderEvents(AFTER, { first: BEFORE }));
  await early.waitForOffset(topic, 0, BEFORE + AFTER - 1);
  await late.waitForOffset(topic, 0, BEFORE + AFTER - 1);

  // observe: nothing committed yet; then each group commits what it read
  await s.observeCommitted("E", "E", "before its first commit");
  await s.observeCommitted("L", "L", "before its first commit");
  await early.commitReceived();
  await late.commitReceived();
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence) {
  return [
    resumedAt(evidence, "E", [{ partition: 0, offset: 0 }]),
    noLostMessages(evidence, { consumer: "E" }),
    resumedAt(evidence, "L", [{ partition: 0, offset: BEFORE }]),
    noCommitYet(evidence, "E", "before its first commit"),
    noCommitYet(evidence, "L", "before its first commit"),
    committedEquals(evidence, "E", [{ partition: 0, offset: BEFORE + AFTER }]),
    committedEquals(evidence, "L", [{ partition: 0, offset: BEFORE + AFTER }]),
  ];
}
// #endregion check

test("new-group-start-position: earliest replays history, latest starts at the end", async () => {
  const result = await runProof(inject("broker"), {
    id: "new-group-start-position",
    title: "Where a new group starts",
    claim: `A new group set to earliest reads all ${BEFORE} existing orders; one set to latest starts at offset ${BEFORE}; neither has a committed offset until it commits.`,
    scenario: (s) => newGroups(s, false),
    check,
    control: {
      precondition: "group L is also set to start at the earliest offset",
      scenario: (s) => newGroups(s, true),
    },
  });
  assertProved(result);
});
