/**
 * # A member joins: the consumer protocol moves only what it must
 *
 * Claim: on the consumer group protocol of KIP-848 (Kafka's Java client with
 * `group.protocol=consumer`, the broker's own assignor), when a third member
 * joins a group of two that share six partitions, the two keep every
 * partition that is not moving to the newcomer, in every description the
 * broker gives of the group while the join happens; only the partitions the
 * newcomer gets change owner, and the group ends balanced. The broker, asked
 * over and over during the join, is the witness; the members' own reports of
 * what they gave up agree. When the newcomer leaves again, only its partitions
 * move, and the others give up nothing.
 *
 * The control is the classic protocol as kafkajs speaks it (eager, as is the
 * Java client's default RangeAssignor): a join makes the broker take the
 * whole group through PreparingRebalance, where it makes every member rejoin
 * and gives each its assignment anew once the leader has computed it. No
 * member keeps anything through that: the broker still lists what the previous
 * generation gave each member, but only until the member rejoins, and an eager
 * member rejoins by giving up everything (the clients say so too).
 *
 * Why it matters: the inventory service runs as a group of consumers; adding
 * a copy under load should not pause every copy. Under the eager protocol
 * scaling out stops the whole group for the length of a rebalance; under the
 * consumer protocol, the copies whose partitions do not move never stop.
 *
 * Kafka docs: https://kafka.apache.org/44/operations/consumer-rebalance-protocol/ and KIP-848
 * (https://cwiki.apache.org/confluence/display/KAFKA/KIP-848%3A+The+Next+Generation+of+the+Consumer+Rebalance+Protocol)
 */
import { noLostMessages } from "../src/checks/delivery.js";
import { partitionsOwnedOnce } from "../src/checks/membership.js";
import { balancedAfter, keptUnmovedPartitions, onlyTheirPartitionsMoved, revokedOnlyMoved, type MembershipChange } from "../src/checks/rebalance.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { CONSUMER_GROUP_PROTOCOL } from "../src/harness/applicability.js";
import type { CellName } from "../src/harness/cell.js";
import { orderPhases } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 6;
const PER_PHASE = 12;
/**
 * Members heartbeat every 2 s (the group's setting, on the consumer protocol). A join then lasts about
 * a heartbeat: the newcomer gets the partitions the others give up at its next one. The broker, asked
 * every 20 ms, answers several times within it even on a busy machine, where an answer can take 300 ms.
 */
const HEARTBEAT_MS = 2_000;
const SAMPLE_EVERY_MS = 20;
/** Fewer answers than this while the join happens, and the watch did not see it: the check is inconclusive. */
const MIN_SAMPLES = 3;
/** Whatever the run's cell, the consumers are the ones the proof names: one run is all there is to see. */
const RUNS_ONCE =
  "the proof picks its own clients (Java on the consumer protocol for the claim, kafkajs on the classic for the control), so every cell would run the same; it runs in kafkajs/classic, whose results the site shows";

// #region scenario
async function joinThenLeave(s: Scenario, cell: CellName) {
  // setup: six partitions shared by A1 and A2, every consumer of the same client and protocol
  const topic = await s.createTopic("orders", PARTITIONS);
  const group = s.group("A");
  const member = (name: string) => s.consumer({ name, group, topics: [topic], cell, heartbeatIntervalMs: HEARTBEAT_MS });
  const [a1, a2] = [await member("A1").start(), await member("A2").start()];
  await s.groups.waitForStable(group, 2, topic);
  const orders = orderPhases(s, topic, { perPhase: PER_PHASE, partitions: PARTITIONS });
  await orders([a1, a2]);

  // act: A3 joins and, once the group has settled, leaves again; the broker is asked about the group every 20 ms throughout
  await s.groups.watchAssignments(SAMPLE_EVERY_MS);
  const a3 = await member("A3").start();
  await s.groups.waitForStable(group, 3, topic);
  await a3.stop();
  await s.groups.waitForStable(group, 2, topic);
  await s.groups.stopWatchingAssignments();
  await orders([a1, a2]);

  const joined: MembershipChange = { joined: a3.ref };
  const left: MembershipChange = { left: a3.ref };
  return { group, joined, left };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof joinThenLeave>) {
  return {
    // the broker's word: sampled all through the join; settled before and after the leave
    keptOnJoin: keptUnmovedPartitions(evidence, r.group, r.joined, MIN_SAMPLES),
    onlyJoinerGained: onlyTheirPartitionsMoved(evidence, r.group, r.joined),
    balancedOnJoin: balancedAfter(evidence, r.group, r.joined),
    onlyLeaverGaveUp: onlyTheirPartitionsMoved(evidence, r.group, r.left),
    settledOwnedOnce: partitionsOwnedOnce(evidence, r.group),
    // the clients' word beside it: what each reported giving up
    clientsKeptOnJoin: revokedOnlyMoved(evidence, r.group, r.joined),
    clientsKeptOnLeave: revokedOnlyMoved(evidence, r.group, r.left),
    receivedAll: noLostMessages(evidence, r.group),
  };
}
// #endregion check

defineProof({
  title: "A member joins: the consumer protocol moves only what it must",
  claim:
    "On the consumer protocol of KIP-848, while a third member joins two that share six partitions, the broker describes the two as owning every partition that does not move, at every one of its answers; only the newcomer's partitions change owner, the group ends balanced, and when the newcomer leaves only its partitions move.",
  scenario: (s) => joinThenLeave(s, "java/consumer"),
  check,
  // A JVM of the claim's own starts with its first Java consumer: seconds more on a busy machine.
  timeoutMs: 120_000,
  control: {
    precondition: "the members speak the classic protocol (kafkajs, eager): a join is a rebalance of the whole group",
    scenario: (s) => joinThenLeave(s, "kafkajs/classic"),
    // The broker makes every member of a classic group rejoin: nobody keeps anything through it.
    mustBreak: (c) => [c.keptOnJoin],
  },
  notApplicable: { "java/classic": RUNS_ONCE, "java/consumer": RUNS_ONCE },
  // The claim's members speak the consumer group protocol.
  requiresKafka: { version: "4.0.0", reason: "the consumer group protocol (KIP-848) of its claim is generally available from Kafka 4.0", feature: CONSUMER_GROUP_PROTOCOL },
});
