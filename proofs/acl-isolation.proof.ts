/**
 * # ACLs keep one service out of another's group
 *
 * Claim: on a broker with SASL/SCRAM users and Kafka's standard authorizer,
 * where svc-a may READ the orders topic and group A, and svc-b the topic and
 * group B, each service consumes and commits in its own group — and svc-b can
 * neither read group A's committed offsets, nor commit for A, nor reset A: the
 * broker answers GROUP_AUTHORIZATION_FAILED each time, and A's committed offset
 * stays where A put it.
 *
 * Why it matters: group isolation (see `ack-isolation`) holds between groups,
 * not between people. Anyone who can connect may otherwise commit in any group:
 * a misconfigured analytics deployment using notifications' group id, or a
 * script resetting the wrong group, would make notifications skip or re-send
 * orders. With one user per service and ACLs on group ids, the broker refuses
 * such a request outright.
 *
 * The control grants svc-b READ on group A as well: the same requests are then
 * accepted, and A's committed offset moves under it.
 *
 * svc-b's requests go straight to the group's coordinator as svc-b, commits as
 * no member (as Kafka's AdminClient sends them), once group A's consumer has
 * left, so that nothing but the ACLs can refuse them. Each service connects the
 * way this project connects to an external cluster (`KAFKA_SASL_MECHANISM`,
 * `KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD`).
 *
 * This proof starts a SASL broker for the claim and another for the control:
 * it runs with `npm run proofs:cluster`, and `npm test` skips it, saying so.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#security_authz and
 * https://kafka.apache.org/documentation/#operations_in_kafka (consumer groups: READ on the group)
 */
import { refusedAs } from "../src/checks/access.js";
import { committedEquals, committedUnchanged } from "../src/checks/offsets.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const MESSAGES = 10;
const A_THROUGH = 5;
const B_THROUGH = 2;
const JAVA_CELLS = "its services connect as SASL/SCRAM users, which only the kafkajs consumers are given";

// #region scenario
async function keepServicesApart(s: Scenario, bMayUseA: boolean) {
  // setup: one user per service, each allowed to READ the orders and its own group
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(MESSAGES));
  const [groupA, groupB] = [s.group("A"), s.group("B")];
  const [svcA, svcB] = [await s.services.user("svc-a"), await s.services.user("svc-b")];
  await s.services.allowRead(svcA, { group: groupA, topic });
  await s.services.allowRead(svcB, { group: groupB, topic });
  if (bMayUseA) await s.services.allowRead(svcB, { group: groupA });

  // each service consumes and commits in its own group, then stops
  const a = await s.consumer({ name: "A", group: groupA, topics: [topic], as: svcA }).start();
  const b = await s.consumer({ name: "B", group: groupB, topics: [topic], as: svcB }).start();
  await s.groups.waitUntilReceivedAll([groupA, groupB]);
  await a.acknowledgeThrough(topic, 0, A_THROUGH);
  await b.acknowledgeThrough(topic, 0, B_THROUGH);
  await a.stop();
  await b.stop();
  const aBefore = await s.groups.observeCommitted(groupA, "before svc-b's requests");

  // act: svc-b reads group A's offsets, commits all ten for A, and resets A
  const bReadsA = await svcB.describeOffsets(groupA, topic);
  const bCommitsA = await svcB.commit(groupA, topic, [{ partition: 0, offset: MESSAGES }]);
  const bResetsA = await svcB.resetToEarliest(groupA, topic);
  const aAfter = await s.groups.observeCommitted(groupA, "after svc-b's requests");
  return { groupA, groupB, aBefore, aAfter, bReadsA, bCommitsA, bResetsA };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof keepServicesApart>) {
  return {
    aCommitsItsOwn: committedEquals(evidence, r.groupA, [{ partition: 0, offset: A_THROUGH + 1 }]),
    bCommitsItsOwn: committedEquals(evidence, r.groupB, [{ partition: 0, offset: B_THROUGH + 1 }]),
    bCannotReadA: refusedAs(evidence, r.bReadsA, "GROUP_AUTHORIZATION_FAILED"),
    bCannotCommitForA: refusedAs(evidence, r.bCommitsA, "GROUP_AUTHORIZATION_FAILED"),
    bCannotResetA: refusedAs(evidence, r.bResetsA, "GROUP_AUTHORIZATION_FAILED"),
    aUntouchedByB: committedUnchanged(evidence, r.aBefore, r.aAfter),
  };
}
// #endregion check

defineProof({
  title: "ACLs keep one service out of another's group",
  claim: `svc-a and svc-b each commit in their own group (A at ${A_THROUGH + 1}, B at ${B_THROUGH + 1}); svc-b's read, commit and reset of group A are refused with GROUP_AUTHORIZATION_FAILED, and A's commit stays.`,
  scenario: (s) => keepServicesApart(s, false),
  check,
  control: {
    precondition: "an ACL also allows svc-b to READ group A",
    scenario: (s) => keepServicesApart(s, true),
    mustBreak: (c) => [c.bCannotReadA, c.bCannotCommitForA, c.bCannotResetA, c.aUntouchedByB],
  },
  ownCluster: { nodes: 1, scramUsers: ["svc-a", "svc-b"] },
  notApplicable: { "java/classic": JAVA_CELLS, "java/consumer": JAVA_CELLS },
  // Two SASL brokers start and stop, one after the other, on a busy machine.
  timeoutMs: 300_000,
});
