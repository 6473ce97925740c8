/**
 * # Rebalancing as members come and go
 *
 * Claim: as members join and leave a group, the broker reassigns the
 * partitions. In every assignment it reports, each partition has at most one
 * owner; once the group settles, every partition has exactly one; and no
 * committed message is skipped across the rebalances — the group as a whole
 * receives everything.
 *
 * Why it matters: scaling the inventory service up and down (or a rolling
 * deploy) moves partitions between copies. The guarantee is that two copies
 * never own the same partition at once, and that a moved partition resumes
 * from its commit rather than from wherever the old owner had read to.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#consumerconfigs_partition.assignment.strategy
 * and KIP-429 (https://cwiki.apache.org/confluence/x/vAclBg) for how rebalances proceed.
 */
import { noLostMessages } from "../src/checks/delivery.js";
import { assignmentsChanged, atMostOneOwnerThroughout, partitionsOwnedOnce } from "../src/checks/membership.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import type { ConsumerRef } from "../src/evidence/refs.js";
import { orderPhases } from "../src/harness/orders.js";
import type { GroupConsumer } from "../src/harness/consumer.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 4;
const PER_PHASE = 8;
const MEMBERS = ["A1", "A2", "A3"];

// #region scenario
async function joinAndLeave(s: Scenario, groupLabels: readonly string[]) {
  // setup: a topic with four partitions; the broker's assignments are sampled throughout
  const topic = await s.createTopic("orders", PARTITIONS);
  const groups = groupLabels.map((label) => s.group(label));
  await s.groups.watchAssignments();
  const running: GroupConsumer[] = [];
  const members: ConsumerRef[] = [];
  const orders = orderPhases(s, topic, { perPhase: PER_PHASE, partitions: PARTITIONS });
  const phase = async () => {
    await s.groups.waitForAllStable(topic);
    await orders(running);
  };

  // act: members join one by one, then one leaves; orders flow in every phase
  for (const [i, name] of MEMBERS.entries()) {
    const member = await s.consumer({ name, group: groups[i]!, topics: [topic] }).start();
    running.push(member);
    members.push(member.ref);
    await phase();
  }
  const leaving = running.splice(1, 1)[0]!;
  await leaving.stop();
  await phase();

  // observe: the settled group, as the broker describes it
  await s.groups.stopWatchingAssignments();
  return { group: groups[0]!, members };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof joinAndLeave>) {
  return {
    oneOwnerThroughout: atMostOneOwnerThroughout(evidence, r.members),
    reassigned: assignmentsChanged(evidence, 4),
    settledOwnedOnce: partitionsOwnedOnce(evidence, r.group),
    receivedAll: noLostMessages(evidence, r.group),
  };
}
// #endregion check

defineProof({
  title: "Rebalancing as members come and go",
  claim:
    "As three members join one by one and one leaves, every assignment the broker reports has at most one owner per partition, the settled group has exactly one, and the group receives every message.",
  scenario: (s) => joinAndLeave(s, ["A", "A", "A"]),
  check,
  control: {
    precondition: "the three consumers are in three different groups",
    scenario: (s) => joinAndLeave(s, ["A", "B", "C"]),
    // In three groups each consumer owns every partition: partitions have several owners at once.
    mustBreak: (c) => [c.oneOwnerThroughout],
  },
});
