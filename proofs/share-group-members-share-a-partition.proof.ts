/**
 * # Three members of a share group all work on one partition
 *
 * Claim: three members of share group A read a topic of ONE partition. The
 * broker assigns that partition to all three at once; twelve order events,
 * produced together, are shared out among them: each member receives some, and
 * each order reaches exactly one member (each takes 100 ms per order, fetching
 * one at a time, as a slow service would).
 *
 * The contrast with a consumer group (proof `idle-consumer`): there a partition
 * is owned by one member at a time, so members beyond the partition count idle.
 * In a share group (KIP-932) the broker hands out records, not partitions: a
 * record a member holds is locked (acquired) for it, and the next goes to a
 * member that asks. Parallelism is no longer capped by the partition count — at
 * the price of order: the members process orders side by side.
 *
 * Why it matters: when the inventory service is slow per order, adding
 * workers helps even if the topic has a single partition.
 *
 * Kafka docs: https://cwiki.apache.org/confluence/display/KAFKA/KIP-932%3A+Queues+for+Kafka and
 * https://kafka.apache.org/44/javadoc/org/apache/kafka/clients/consumer/KafkaShareConsumer.html
 */
import { eachMessageToExactlyOne } from "../src/checks/delivery.js";
import { everyoneReceived, partitionAssignedTo } from "../src/checks/share-groups.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import type { ConsumerRef, GroupRef, ShareGroupRef } from "../src/evidence/refs.js";
import { SHARE_GROUPS_GA } from "../src/harness/applicability.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { waitFor } from "../src/harness/wait.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const MEMBERS = 3;
const MESSAGES = 12;
/** Each share member's time per order: while one works, the others fetch. */
const PROCESSING_MS = 100;

// #region scenario
async function threeMembersOnePartition(s: Scenario, kind: "share group" | "consumer group") {
  // setup: three members of group A on a topic of one partition, until the broker has assigned it
  const topic = await s.createTopic("orders", 1);
  const names = Array.from({ length: MEMBERS }, (_, i) => `A${i + 1}`);
  let group: ShareGroupRef | GroupRef;
  let members: { ref: ConsumerRef; receivedCount(): number; settled(): Promise<void> }[];
  if (kind === "share group") {
    const shareGroup = s.share.group("A");
    const options = { group: shareGroup, topics: [topic], processingMs: PROCESSING_MS, recordsPerPoll: 1 };
    const started = await Promise.all(names.map((name) => s.share.consumer({ name, ...options }).start()));
    await s.share.waitForMembers(shareGroup, MEMBERS, topic);
    members = started.map((m) => ({ ref: m.ref, receivedCount: () => m.deliveries.length, settled: () => m.settled() }));
    group = shareGroup;
  } else {
    const consumerGroup = s.group("A");
    const started = await Promise.all(names.map((name) => s.consumer({ name, group: consumerGroup, topics: [topic] }).start()));
    await s.groups.waitForAllStable(topic);
    members = started.map((m) => ({ ref: m.ref, receivedCount: () => m.receivedCount, settled: async () => undefined }));
    group = consumerGroup;
  }

  // act: twelve orders at once, until the group has received them all (and a share group's members have acknowledged them)
  await s.produce(topic, orderEvents(MESSAGES));
  await waitFor(
    `group A's members to receive all ${MESSAGES} orders`,
    (note) => {
      const counts = members.map((m) => m.receivedCount());
      note(`received ${counts.join(" + ")}`);
      return counts.reduce((a, b) => a + b, 0) >= MESSAGES ? true : undefined;
    },
    { timeoutMs: 15_000 },
  );
  await Promise.all(members.map((m) => m.settled()));
  return { group, members: members.map((m) => m.ref) };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof threeMembersOnePartition>) {
  return {
    partitionShared: partitionAssignedTo(evidence, r.group, 0, MEMBERS),
    everyMemberReceived: everyoneReceived(evidence, r.members),
    eachRecordToOne: eachMessageToExactlyOne(evidence, r.members),
  };
}
// #endregion check

defineProof({
  title: "Three members of a share group all work on one partition",
  claim: `With ${MEMBERS} members of a share group on a one-partition topic, the broker assigns the partition to all ${MEMBERS}, each member receives some of ${MESSAGES} orders, and each order reaches one member.`,
  scenario: (s) => threeMembersOnePartition(s, "share group"),
  check,
  control: {
    precondition: `the ${MEMBERS} members are a consumer group (the cell's client), as in idle-consumer`,
    scenario: (s) => threeMembersOnePartition(s, "consumer group"),
    // A consumer group gives the partition to one member: it receives every order, the other two idle.
    mustBreak: (c) => [c.partitionShared, c.everyMemberReceived],
  },
  requiresKafka: SHARE_GROUPS_GA,
  shareConsumers: true,
});
