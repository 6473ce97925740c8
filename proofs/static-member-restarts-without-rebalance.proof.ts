/**
 * # A static member restarts: no rebalance
 *
 * Claim: a member with a `group.instance.id` (static membership, KIP-345) that
 * is closed and started again within its session timeout takes its old place:
 * the broker gives it back the partitions it owned, and the group does not
 * rebalance for it — a classic group stays Stable, a group of the consumer
 * protocol keeps its group epoch — while the other member keeps its member id,
 * its partitions and its member epoch, and reports giving up and getting
 * nothing. A static member that stays away is removed only at its session
 * timeout: the broker keeps listing it, with its partitions, for seconds after
 * it closed, then hands them to the others.
 *
 * The control is the same restart without instance ids: closing, a member
 * leaves the group at once, and the group rebalances when it goes and again
 * when it comes back.
 *
 * Why it matters: the analytics service is deployed by restarting its
 * consumers one by one. Without static membership each restart is two
 * rebalances of the whole group; with it, the restarted copy picks up where
 * it left off and the other copies never notice, as long as it is back
 * within the session timeout.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#consumerconfigs_group.instance.id and KIP-345
 * (https://cwiki.apache.org/confluence/display/KAFKA/KIP-345%3A+Introduce+static+membership+protocol+to+reduce+consumer+rebalances)
 */
import { noLostMessages } from "../src/checks/delivery.js";
import { othersUndisturbedByRestart, removedAfterSessionTimeout, restartedTookItsPlace, restartedWithoutRebalance } from "../src/checks/rebalance.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderPhases } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PARTITIONS = 4;
const PER_PHASE = 8;
/** How long the broker waits for a silent member before removing it. */
const SESSION_MS = 6_000;
/**
 * A classic member learns of a rebalance at its next heartbeat: a rebalance the control's restart
 * causes then lasts long enough to be seen by the broker's answers, every 100 ms. On the consumer
 * protocol, where it is the group's setting, the group epoch shows a rebalance however short.
 */
const HEARTBEAT_MS = 2_000;
const SAMPLE_EVERY_MS = 100;
/**
 * The broker counts a session from the member's last heartbeat, which may be a heartbeat before it
 * closed, and is asked every 100 ms: half the session timeout leaves room for both.
 */
const KEPT_AT_LEAST_MS = SESSION_MS / 2;

// #region scenario
async function restartA1(s: Scenario, staticMembers: boolean) {
  // setup: four partitions shared by A1 and A2, each with an instance id of its own (or none)
  const topic = await s.createTopic("orders", PARTITIONS);
  const group = s.group("A");
  const member = (name: string, instance: string) =>
    s.consumer({ name, group, topics: [topic], sessionTimeoutMs: SESSION_MS, heartbeatIntervalMs: HEARTBEAT_MS, ...(staticMembers ? { groupInstanceId: instance } : {}) });
  const [a1, a2] = [await member("A1", "A1").start(), await member("A2", "A2").start()];
  await s.groups.waitForStable(group, 2, topic);
  const orders = orderPhases(s, topic, { perPhase: PER_PHASE, partitions: PARTITIONS });
  await orders([a1, a2]);

  // act: A1 is closed and started again at once, with A1's instance id; later it is closed for good.
  // The broker is asked about the group every 20 ms throughout.
  await s.groups.watchAssignments(SAMPLE_EVERY_MS);
  await a1.stop();
  const restarted = await member("A1 restarted", "A1").start();
  await s.groups.waitForStable(group, 2, topic);
  await orders([restarted, a2]);
  await restarted.stop();
  await s.groups.waitForStable(group, 1, topic, SESSION_MS + 15_000);
  await s.groups.stopWatchingAssignments();

  return { group, stopped: a1.ref, restarted: restarted.ref };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof restartA1>) {
  return {
    // the broker's word: sampled all through the restart and the absence after it
    noRebalance: restartedWithoutRebalance(evidence, r.group, r.stopped, r.restarted),
    tookItsPlace: restartedTookItsPlace(evidence, r.group, r.stopped, r.restarted),
    removedAtSessionTimeout: removedAfterSessionTimeout(evidence, r.group, r.restarted, KEPT_AT_LEAST_MS),
    // the clients' word beside it
    othersUndisturbed: othersUndisturbedByRestart(evidence, r.group, r.stopped, r.restarted),
    receivedAll: noLostMessages(evidence, r.group),
  };
}
// #endregion check

defineProof({
  title: "A static member restarts: no rebalance",
  claim:
    "A member with a group.instance.id, closed and started again within its session timeout, gets back the partitions it owned while the group does not rebalance (a classic group stays Stable, a consumer-protocol group keeps its epoch) and the other member keeps its partitions and reports no change; closed for good, it stays a member until its session timeout, then is removed.",
  scenario: (s) => restartA1(s, true),
  check,
  timeoutMs: 120_000,
  waits: "on the group's heartbeats and out a member's session timeout",
  control: {
    precondition: "the members have no instance id: a member that closes leaves the group at once",
    scenario: (s) => restartA1(s, false),
    // A dynamic member's close is a LeaveGroup: the group rebalances at once, and again when it comes back.
    mustBreak: (c) => [c.noRebalance, c.removedAtSessionTimeout],
  },
  notApplicable: {
    "kafkajs/classic": "kafkajs has no static membership (group.instance.id; kafkajs issue #884, open): a kafkajs member that restarts always joins as a new one",
  },
});
