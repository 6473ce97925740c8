/**
 * # A group's offsets can be reset every way the tool offers, and only that group moves
 *
 * Claim: with group A stopped, its committed offsets on a topic of two partitions can be reset to a datetime, by
 * a duration, by a shift of ±N (clamped to the log start and the log end), to an explicit offset, to the earliest
 * and to the latest, for the whole topic and for one partition; each time the broker then holds the target. A dry
 * run computes a target and changes nothing. Deleting A's offsets on one topic (OffsetDelete) leaves its offsets on
 * the other; deleting the group leaves it no offset at all. Every target is the one Kafka's own
 * `kafka-consumer-groups --reset-offsets --dry-run` computes for the same request, asked just before (the second
 * witness). Group B, reading the same topics, keeps its commits throughout. While A has a live member the broker
 * refuses a reset, with UNKNOWN_MEMBER_ID.
 *
 * The records carry timestamps the scenario sets, an hour apart starting two days back, so a reset to a time lands
 * between two records by construction, not by the clock: a duration is measured from the moment of the reset, and
 * the scenario has half an hour of margin either way.
 *
 * Why it matters: after a bad deploy of the analytics service, an operator replays "everything since 14:00", or
 * "the last three orders", on one partition or all, and must know where the group will start before running it
 * (the dry run), that the notification service's group stays where it is, and that a running service stops them.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#basic_ops_consumer_group
 * (managing consumer groups: --reset-offsets, --delete-offsets, --delete)
 */
import { committedUnchanged, refusedWith } from "../src/checks/offsets.js";
import { dryRunChangedNothing, groupDeleted, resetLanded, topicOffsetsDeleted } from "../src/checks/resets.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import type { ResetRequest } from "../src/harness/reset-targets.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 2;
const PER_PARTITION = 10;
const HOUR = 3_600_000;
/** Record i of each partition is stamped `first + i` hours, `first` two days before the scenario starts. */
const HOURS_BACK = 48;
/** The records of orders partition 0 below this offset are deleted, so its log starts there and a shift back stops there. */
const P0_LOG_START = 2;

/** The committed offsets of both partitions of `topic`. */
const both = (topic: string, p0: number | null, p1: number | null) => [
  { topic, partition: 0, offset: p0 },
  { topic, partition: 1, offset: p1 },
];

// #region scenario
async function resetEveryWay(s: Scenario, stopA: boolean) {
  // setup: ten orders on each partition, stamped an hour apart from two days ago; three returns
  const first = Date.now() - HOURS_BACK * HOUR;
  const orders = await s.createTopic("orders", PARTITIONS);
  const returns = await s.createTopic("returns", 1);
  for (let partition = 0; partition < PARTITIONS; partition++) {
    await s.produce(
      orders,
      Array.from({ length: PER_PARTITION }, (_, i) => ({ value: `order ${partition}-${i}`, partition, timestamp: first + i * HOUR })),
    );
  }
  await s.produce(
    returns,
    [0, 1, 2].map((i) => ({ value: `return ${i}`, partition: 0 })),
  );
  const [groupA, groupB] = [s.group("A"), s.group("B")];
  const a = await s.consumer({ name: "A", group: groupA, topics: [orders, returns] }).start();
  const b = await s.consumer({ name: "B", group: groupB, topics: [orders, returns] }).start();
  await s.groups.waitUntilReceivedAll([groupA, groupB]);
  // A acknowledges orders through 4 on each partition and returns through 1; B everything
  for (let partition = 0; partition < PARTITIONS; partition++) await a.acknowledgeThrough(orders, partition, 4);
  await a.acknowledgeThrough(returns, 0, 1);
  await b.commitReceived();
  await s.deleteRecordsBefore(orders, 0, P0_LOG_START);
  const bBefore = await s.groups.observeCommitted(groupB, "before A's resets");

  // act: a reset while A has a live member is refused by the broker
  const whileLive = await s.offsets.reset(groupA, orders, { spec: { to: "earliest" } });
  if (stopA) await a.stop();

  // act: every kind of reset, each read back from the broker
  const step = async (request: ResetRequest, said: string) => {
    const attempt = await s.offsets.reset(groupA, orders, request);
    return { attempt, said, after: await s.groups.observeCommitted(groupA, `after the reset ${said}`) };
  };
  const toDatetime = await step({ spec: { to: "datetime", timestamp: first + 5.5 * HOUR } }, "to the time half-way between records 5 and 6");
  const shiftBack = await step({ spec: { to: "shift", by: -3 } }, "by -3");
  const shiftPastStart = await step({ spec: { to: "shift", by: -5 }, partition: 0 }, "by -5 on partition 0");
  const shiftPastEnd = await step({ spec: { to: "shift", by: 20 } }, "by +20");
  // now − 44.5 h is first + 3.5 h: between records 3 and 4
  const byDuration = await step({ spec: { to: "duration", durationMs: (HOURS_BACK - 3.5) * HOUR }, partition: 1 }, "by a duration of 44.5 h on partition 1");
  const toOffset = await step({ spec: { to: "offset", offset: 7 }, partition: 0 }, "to offset 7 on partition 0");
  const toEarliest = await step({ spec: { to: "earliest" } }, "to the earliest");
  const toLatest = await step({ spec: { to: "latest" } }, "to the latest");

  // act: a dry run computes a target and changes nothing
  const beforeDryRun = await s.groups.observeCommitted(groupA, "before the dry run");
  const dryRun = await s.offsets.reset(groupA, orders, { spec: { to: "earliest" } }, { dryRun: true });
  const afterDryRun = await s.groups.observeCommitted(groupA, "after the dry run");

  // act: delete A's offsets on returns only, then the whole group
  const deleteReturns = await s.offsets.deleteOffsets(groupA, returns);
  const afterDeleteReturns = await s.groups.observeCommitted(groupA, "after its offsets on returns were deleted");
  const deleteA = await s.offsets.deleteGroup(groupA);
  const afterDeleteA = await s.groups.observeCommitted(groupA, "after the group was deleted");
  const bAfter = await s.groups.observeCommitted(groupB, "after A's resets and deletion");
  return {
    orders,
    returns,
    whileLive,
    steps: { toDatetime, shiftBack, shiftPastStart, shiftPastEnd, byDuration, toOffset, toEarliest, toLatest },
    dryRun: { attempt: dryRun, before: beforeDryRun, after: afterDryRun },
    deleteReturns: { attempt: deleteReturns, after: afterDeleteReturns },
    deleteA: { attempt: deleteA, after: afterDeleteA },
    bBefore,
    bAfter,
  };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof resetEveryWay>) {
  const landed = (step: (typeof r.steps)[keyof typeof r.steps], p0: number, p1: number) => resetLanded(evidence, step.attempt, step.after, both(r.orders, p0, p1), step.said);
  return {
    liveResetRefused: refusedWith(evidence, r.whileLive, "UNKNOWN_MEMBER_ID"),
    // A held 5 and 5; records are stamped first + i hours, so the first at or after first + 5.5 h is 6
    toDatetime: landed(r.steps.toDatetime, 6, 6),
    shiftBack: landed(r.steps.shiftBack, 3, 3),
    // 3 − 5 is before p0's log start (2): clamped there; p1 is not touched
    shiftClampedAtLogStart: landed(r.steps.shiftPastStart, P0_LOG_START, 3),
    // 2 + 20 and 3 + 20 are past the log end (10): clamped there
    shiftClampedAtLogEnd: landed(r.steps.shiftPastEnd, PER_PARTITION, PER_PARTITION),
    byDurationOnOnePartition: landed(r.steps.byDuration, PER_PARTITION, 4),
    toOffsetOnOnePartition: landed(r.steps.toOffset, 7, 4),
    toEarliest: landed(r.steps.toEarliest, P0_LOG_START, 0),
    toLatest: landed(r.steps.toLatest, PER_PARTITION, PER_PARTITION),
    dryRunChangesNothing: dryRunChangedNothing(
      evidence,
      r.dryRun.attempt,
      r.dryRun.before,
      r.dryRun.after,
      both(r.orders, P0_LOG_START, 0),
      both(r.orders, PER_PARTITION, PER_PARTITION),
    ),
    onlyReturnsOffsetsDeleted: topicOffsetsDeleted(evidence, r.deleteReturns.attempt, r.deleteReturns.after, r.returns, both(r.orders, PER_PARTITION, PER_PARTITION)),
    groupDeleted: groupDeleted(evidence, r.deleteA.attempt, r.deleteA.after),
    bUnchanged: committedUnchanged(evidence, r.bBefore, r.bAfter),
  };
}
// #endregion check

defineProof({
  title: "A group's offsets can be reset every way the tool offers, and only that group moves",
  claim:
    "With A stopped, resets of its offsets to a datetime, by a duration, by -3, by -5 and +20 (clamped to the log start and end), to offset 7, to the earliest and to the latest, for the whole topic or one partition, each leave the target on the broker, the one Kafka's tool computes; a dry run changes nothing; deleting A's offsets on one topic keeps the other's, deleting A leaves none; B's commits are unchanged, and a reset while A is live is refused with UNKNOWN_MEMBER_ID.",
  scenario: (s) => resetEveryWay(s, true),
  check,
  control: {
    precondition: "A keeps its live member while the resets and deletions are attempted",
    scenario: (s) => resetEveryWay(s, false),
    // The broker refuses every reset and deletion of a group with a live member: A stays at 5 and 5, and keeps returns and its group.
    mustBreak: (c) => [
      c.toDatetime,
      c.shiftBack,
      c.shiftClampedAtLogStart,
      c.shiftClampedAtLogEnd,
      c.byDurationOnOnePartition,
      c.toOffsetOnOnePartition,
      c.toEarliest,
      c.toLatest,
      c.dryRunChangesNothing,
      c.onlyReturnsOffsetsDeleted,
      c.groupDeleted,
    ],
  },
});
