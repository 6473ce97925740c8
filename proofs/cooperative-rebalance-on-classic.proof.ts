/**
 * # A member joins: on the classic protocol, a cooperative assignor moves only what it must
 *
 * Claim: on the classic group protocol, when the members choose the
 * cooperative-sticky assignor (Kafka's Java client,
 * `partition.assignment.strategy=CooperativeStickyAssignor`, KIP-429) and a
 * third member joins two that share six partitions, the two give up only the
 * partitions that move to the newcomer, and keep the rest throughout. The
 * classic protocol still makes every member rejoin, so the join takes two
 * rebalances: the first settles a generation in which the two own everything
 * they keep and the moving partitions belong to nobody (their owners give them
 * up), the second gives those to the newcomer. The broker, asked over and over
 * during the join, lists that generation between the one before and the one
 * after; the members' own reports of what they gave up agree. Only the
 * newcomer's partitions change owner, the group ends balanced, and when the
 * newcomer leaves only its partitions move, the others giving up nothing.
 *
 * This is the classic protocol's counterpart of `incremental-rebalance`, where
 * the consumer protocol of KIP-848 gets the same result with the broker assigning.
 *
 * The control is the same join with an eager assignor, the Java client's
 * default RangeAssignor: each rebalance begins with every member giving up
 * everything it owns before it rejoins (the members say so), and the broker
 * goes from the generation before the join to the one after in one step.
 *
 * Why it matters: the inventory service runs as a group of consumers on the
 * classic protocol, as many groups still do; adding a copy under load should
 * not pause every copy. With an eager assignor scaling out stops the whole
 * group for the length of a rebalance; with the cooperative one, the copies
 * keep reading every partition that does not move.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#consumerconfigs_partition.assignment.strategy and KIP-429
 * (https://cwiki.apache.org/confluence/display/KAFKA/KIP-429%3A+Kafka+Consumer+Incremental+Rebalance+Protocol)
 */
import { noLostMessages } from "../src/checks/delivery.js";
import { atMostOneOwnerThroughout, partitionsOwnedOnce } from "../src/checks/membership.js";
import { balancedAfter, handedOverInTwoGenerations, onlyTheirPartitionsMoved, revokedOnlyMoved, type MembershipChange } from "../src/checks/rebalance.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import type { ConsumerSpec } from "../src/harness/consumer.js";
import { orderPhases } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 6;
const PER_PHASE = 12;
/**
 * A classic member learns of a rebalance at its next heartbeat, and the broker completes one only
 * once every member has rejoined. So the second rebalance of a cooperative join, which waits for
 * the newcomer (it gave up nothing, and rejoins when its heartbeat is answered), lists the
 * generation between for up to a heartbeat; and an eager join waits as long for the others. The
 * broker, asked every 100 ms, answers several times within it even on a busy machine, where an
 * answer can take 300 ms; asked more often, its answers cost the run's two cores more than they show.
 */
const HEARTBEAT_MS = 2_000;
const SAMPLE_EVERY_MS = 100;
/** Fewer answers than this while the join happens, and the watch did not see it: a missing generation is inconclusive. */
const MIN_SAMPLES = 3;
/** Whatever the run's cell, the consumers are the ones the proof names: one run is all there is to see. */
const RUNS_ONCE =
  "the proof picks its own clients (Kafka's Java client on the classic protocol, with the cooperative-sticky assignor for the claim and the range assignor for the control), so every cell would run the same; it runs in java/consumer, whose Java host serves them";

// #region scenario
async function joinThenLeave(s: Scenario, assignor: NonNullable<ConsumerSpec["assignor"]>) {
  // setup: six partitions shared by A1 and A2, Java consumers on the classic protocol, all with one assignor
  const topic = await s.createTopic("orders", PARTITIONS);
  const group = s.group("A");
  const member = (name: string) => s.consumer({ name, group, topics: [topic], cell: "java/classic", assignor, heartbeatIntervalMs: HEARTBEAT_MS });
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
  return { group, joined, left, newcomer: a3.ref, members: [a1.ref, a2.ref, a3.ref] };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof joinThenLeave>) {
  return {
    // the broker's word: sampled all through the join; settled before and after the leave
    handedOverOnJoin: handedOverInTwoGenerations(evidence, r.group, r.newcomer, MIN_SAMPLES),
    onlyJoinerGained: onlyTheirPartitionsMoved(evidence, r.group, r.joined),
    balancedOnJoin: balancedAfter(evidence, r.group, r.joined),
    onlyLeaverGaveUp: onlyTheirPartitionsMoved(evidence, r.group, r.left),
    neverTwoOwners: atMostOneOwnerThroughout(evidence, r.members),
    settledOwnedOnce: partitionsOwnedOnce(evidence, r.group),
    // the clients' word beside it: what each reported giving up
    clientsKeptOnJoin: revokedOnlyMoved(evidence, r.group, r.joined),
    clientsKeptOnLeave: revokedOnlyMoved(evidence, r.group, r.left),
    receivedAll: noLostMessages(evidence, r.group),
  };
}
// #endregion check

defineProof({
  title: "A member joins: on the classic protocol, a cooperative assignor moves only what it must",
  claim:
    "On the classic protocol with the cooperative-sticky assignor, while a third member joins two that share six partitions, the broker lists a generation in which the two own every partition that does not move and the moving ones have no owner, and the two report giving up only those; only the newcomer's partitions change owner, the group ends balanced, and when the newcomer leaves only its partitions move and the others give up nothing.",
  scenario: (s) => joinThenLeave(s, "cooperative-sticky"),
  check,
  timeoutMs: 120_000,
  waits: "on the group's heartbeats through two rebalances a run, a join and a leave",
  control: {
    precondition: "the members choose the range assignor, an eager one: each rebalance begins with every member giving up everything",
    scenario: (s) => joinThenLeave(s, "range"),
    // Eager members give up all they own at every rebalance, and the broker goes from one generation to the next in one step.
    mustBreak: (c) => [c.handedOverOnJoin, c.clientsKeptOnJoin, c.clientsKeptOnLeave],
  },
  notApplicable: { "kafkajs/classic": RUNS_ONCE, "java/classic": RUNS_ONCE },
  // The generation between is listed mostly while the group rebalances again, which Kafka 3's coordinator describes without assignments.
  requiresKafka: {
    version: "4.0.0",
    reason:
      "the broker's witness of the generation between is Kafka 4's coordinator, which describes a rebalancing classic group with its latest generation's assignments (Kafka 3's, without)",
  },
});
