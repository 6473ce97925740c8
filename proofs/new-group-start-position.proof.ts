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
import { noLostMessages } from "../src/checks/delivery.js";
import { committedEquals, noCommitYet, resumedAt } from "../src/checks/offsets.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const BEFORE = 5;
const AFTER = 3;

// #region scenario
async function newGroups(s: Scenario, latestFromBeginning: boolean) {
  // setup: orders exist before either group does
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(BEFORE));

  // act: group E starts at the earliest offset, group L at the latest
  const [groupE, groupL] = [s.group("E"), s.group("L")];
  const early = await s.consumer({ name: "E", group: groupE, topics: [topic], fromBeginning: true }).start();
  const late = await s.consumer({ name: "L", group: groupL, topics: [topic], fromBeginning: latestFromBeginning }).start();
  // L has resolved its start position once it has fetched; later orders are after it
  await late.waitForFetches(2);
  await s.produce(topic, orderEvents(AFTER, { first: BEFORE }));
  await early.waitForOffset(topic, 0, BEFORE + AFTER - 1);
  await late.waitForOffset(topic, 0, BEFORE + AFTER - 1);

  // observe: nothing committed yet; then each group commits what it read
  const eBeforeCommit = await s.groups.observeCommitted(groupE, "before its first commit");
  const lBeforeCommit = await s.groups.observeCommitted(groupL, "before its first commit");
  await early.commitReceived();
  await late.commitReceived();
  return { groupE, groupL, early: early.ref, late: late.ref, eBeforeCommit, lBeforeCommit };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof newGroups>) {
  return {
    earlyStartsAtZero: resumedAt(evidence, r.early, [{ partition: 0, offset: 0 }]),
    earlyReadsHistory: noLostMessages(evidence, r.early),
    lateStartsAtEnd: resumedAt(evidence, r.late, [{ partition: 0, offset: BEFORE }]),
    earlyNoCommitYet: noCommitYet(evidence, r.eBeforeCommit),
    lateNoCommitYet: noCommitYet(evidence, r.lBeforeCommit),
    earlyCommitted: committedEquals(evidence, r.groupE, [{ partition: 0, offset: BEFORE + AFTER }]),
    lateCommitted: committedEquals(evidence, r.groupL, [{ partition: 0, offset: BEFORE + AFTER }]),
  };
}
// #endregion check

defineProof({
  title: "Where a new group starts",
  claim: `A new group set to earliest reads all ${BEFORE} existing orders; one set to latest starts at offset ${BEFORE}; neither has a committed offset until it commits.`,
  scenario: (s) => newGroups(s, false),
  check,
  control: {
    precondition: "group L is also set to start at the earliest offset",
    scenario: (s) => newGroups(s, true),
    // Set to earliest, L reads the history too: it does not start at the end.
    mustBreak: (c) => [c.lateStartsAtEnd],
  },
});
