/**
 * # Exact accounting for every group, at a million messages
 *
 * Claim: however many messages there are, every group accounts for every one
 * of them exactly. N orders of 100 bytes on six partitions are read by three
 * groups: A with three members, B with one, and C, whose second member joins
 * half-way and leaves at three-quarters. For each group, checked against the
 * broker's own offsets: every (partition, offset) below the log end was
 * delivered, none was lost, none was delivered twice except across a
 * membership change, and at the end the group's committed offset is the log
 * end of every partition.
 *
 * Why it matters: at volume, counting is not accounting — a million received
 * can hide a thousand lost behind a thousand duplicates. The analytics service
 * that sums revenue needs every order once; the inventory service that scales
 * out and back in mid-stream needs to lose none while it does.
 *
 * N comes from `KAFKA_PROOFS_SCALE_ORDERS` (100,000 by default; `npm run
 * proofs:scale` sets 1,000,000). What each consumer received is recorded as
 * runs of consecutive offsets, not an object per message, and what was
 * produced as offset ranges per partition.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#semantics and
 * https://kafka.apache.org/documentation/#impl_offsettracking
 */
import { committedAtLogEnd, everyOffsetDelivered, logHolds, noDuplicateOutsideMembershipChange, producedIsTheLog } from "../src/checks/accounting.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import type { GroupRef } from "../src/evidence/refs.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 6;
const ORDERS = ordersFromEnvironment(process.env.KAFKA_PROOFS_SCALE_ORDERS);
/** A quarter of the run, produced and read between two moments of the story. */
const QUARTER = Math.floor(ORDERS / 4);
/**
 * Fetch sizes for this proof's consumers. kafkajs copies each fetch response
 * into one buffer and decodes it whole into message objects before handing
 * over its batches, and here a dozen consumers (claim and control) share one
 * process. With 4 MB a partition and 32 MB a fetch it grew past 800 MB at a
 * million messages, with 1 MB and 3 MB to about 430 MB, with 512 kB and 1 MB to about 310 MB, with
 * 256 kB and 512 kB to 251–293 MB (both cells at once), with these to 228–243 MB, about 1.5 s slower in all.
 */
const FETCH = { perPartition: 128 * 1024, total: 256 * 1024 };
/** How soon the broker notices the control's dead member: 6 s at a million messages, which keep the process so busy that a shorter one drops live members; 3 s below. */
const SESSION_TIMEOUT_MS = ORDERS > 100_000 ? 6_000 : 3_000;
/** Generous for a loaded two-core machine: every quarter is read by three groups, in claim and control at once. */
const WAIT_MS = 30_000 + Math.ceil(QUARTER / 5);

// #region scenario
async function accounting(s: Scenario, acknowledgeUnprocessed: boolean) {
  // setup: six partitions; A has three members, B one, C one for now; each records ranges of offsets
  const topic = await s.createTopic("orders", PARTITIONS);
  const [groupA, groupB, groupC] = [s.group("A"), s.group("B"), s.group("C")];
  const bulk = { topics: [topic], record: "ranges" as const, fetchBytes: FETCH };
  const members = [
    ...["A1", "A2", "A3"].map((name) => s.consumer({ name, group: groupA, ...bulk })),
    s.consumer({ name: "B1", group: groupB, ...bulk }),
    s.consumer({ name: "C1", group: groupC, ...bulk }),
  ];
  await Promise.all(members.map((member) => member.start()));
  await s.groups.waitForAllStable(topic);
  const groups = [groupA, groupB, groupC];
  const readAndAcknowledge = async (drained: readonly GroupRef[] = []) => {
    await s.groups.waitUntilCaughtUp(
      groups.filter((g) => !drained.includes(g)),
      WAIT_MS,
    );
    await s.groups.waitUntilDrained(drained, WAIT_MS);
    for (const consumer of s.consumers.filter((c) => c.isRunning)) await consumer.commitReceived();
  };

  // act: the first half, read and acknowledged by every group
  await s.produceBulk(topic, 2 * QUARTER, PARTITIONS);
  await readAndAcknowledge();

  // half-way, a second member joins group C; the third quarter
  // in the control it dies, with a process of its own (a JVM of its own, in a Java cell); the broker notices by its session timeout
  const c2 = await s.consumer({ name: "C2", group: groupC, ...bulk, crashable: acknowledgeUnprocessed, sessionTimeoutMs: SESSION_TIMEOUT_MS }).start();
  await s.groups.waitForAllStable(topic);
  await s.produceBulk(topic, QUARTER, PARTITIONS);
  await readAndAcknowledge();

  // at three-quarters C2 leaves; the last quarter
  const last = ORDERS - 3 * QUARTER;
  if (acknowledgeUnprocessed) {
    // the control: C2 stops reading, acknowledges the last quarter on its partitions unseen, and dies
    await c2.pause();
    await s.produceBulk(topic, last, PARTITIONS);
    const ends = await s.witness.logEndOffsets(topic);
    await c2.commit(c2.assignment.map(({ partition }) => ({ topic, partition, offset: ends.find((e) => e.partition === partition)!.logEndOffset })));
    await c2.crash();
    await s.groups.waitForStable(groupC, 1, topic);
    await readAndAcknowledge([groupC]);
  } else {
    await c2.stop();
    await s.groups.waitForStable(groupC, 1, topic);
    await s.produceBulk(topic, last, PARTITIONS);
    await readAndAcknowledge();
  }
  return { groupA, groupB, groupC };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof accounting>) {
  const accounted = (g: GroupRef) => ({
    delivered: everyOffsetDelivered(evidence, g),
    noDuplicate: noDuplicateOutsideMembershipChange(evidence, g),
    committedAtEnd: committedAtLogEnd(evidence, g),
  });
  const [a, b, c] = [accounted(r.groupA), accounted(r.groupB), accounted(r.groupC)];
  return {
    logHoldsAll: logHolds(evidence, ORDERS),
    producedIsTheLog: producedIsTheLog(evidence),
    aDelivered: a.delivered,
    aNoDuplicate: a.noDuplicate,
    aCommittedAtEnd: a.committedAtEnd,
    bDelivered: b.delivered,
    bNoDuplicate: b.noDuplicate,
    bCommittedAtEnd: b.committedAtEnd,
    cDelivered: c.delivered,
    cNoDuplicate: c.noDuplicate,
    cCommittedAtEnd: c.committedAtEnd,
  };
}
// #endregion check

defineProof({
  title: "Exact accounting for every group, at scale",
  claim: `${ORDERS.toLocaleString("en")} orders of 100 bytes on ${PARTITIONS} partitions; group A has 3 members, B has 1, and C's second member joins half-way and leaves at three-quarters. Every group received every offset below the log end, none twice outside a membership change, and committed the log end of every partition.`,
  scenario: (s) => accounting(s, false),
  check,
  control: {
    precondition: "at three-quarters, C2 acknowledges the last quarter on its partitions without reading it, and crashes",
    scenario: (s) => accounting(s, true),
    // Acknowledged unread, those offsets are never delivered to group C: its accounting has a hole.
    mustBreak: (c) => [c.cDelivered],
  },
  // Reading takes about as long per message in every run; a million needs minutes on two cores.
  timeoutMs: 180_000 + Math.ceil(ORDERS / 4),
});

/** The run's size: a whole number of orders, at least one per partition in each quarter. */
function ordersFromEnvironment(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 100_000;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 4 * PARTITIONS) {
    throw new Error(
      `KAFKA_PROOFS_SCALE_ORDERS="${raw}" is not a number of orders we can run. → Set it to a whole number of at least ${4 * PARTITIONS} (default 100000), or unset it.`,
    );
  }
  return value;
}
