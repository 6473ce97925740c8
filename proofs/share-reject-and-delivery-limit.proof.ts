/**
 * # A rejected record never comes back; one released to the delivery limit is archived
 *
 * Claim: a member of share group A, whose delivery-count limit is 3
 * (`share.delivery.count.limit`, a group config), reads four order events
 * (offsets 0–3). It rejects offset 1 and releases offset 2 at each of its first
 * three deliveries; it accepts everything else. Offset 1 is delivered once and
 * never again. Offset 2 is delivered exactly three times, numbered 1, 2, 3 by
 * the broker, and not a fourth time, although the member polls on: at the
 * limit, a release archives the record. Neither was ever accepted, yet the
 * broker counts nothing outstanding (lag 0).
 *
 * The rule: a rejected record is archived at once; a released one becomes
 * available again until its delivery count reaches the group's limit, and the
 * release that reaches it archives the record. An archived record is done for
 * the group, as an accepted one is.
 *
 * Why it matters: an order the inventory service can never process (a malformed
 * product id) must not come back forever. The service rejects what it knows is
 * hopeless; what fails again and again is given up after the limit by the
 * broker itself.
 *
 * Kafka docs: https://cwiki.apache.org/confluence/display/KAFKA/KIP-932%3A+Queues+for+Kafka
 */
import { deliveredTimes, shareLagAt } from "../src/checks/share-groups.js";
import type { ScenarioEvidence, ShareDelivery } from "../src/evidence/proof-result.js";
import { SHARE_CONSUMERS_ONLY, SHARE_GROUPS_GA } from "../src/harness/applicability.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const MESSAGES = 4;
const HOPELESS = 1;
const FAILING = 2;
/** The claim's group limit: above the broker's minimum (2), below its default (5). */
const LIMIT = 3;

// #region scenario
async function giveUp(s: Scenario, { hopeless, limit }: { hopeless: "reject" | "release"; limit: number }) {
  // setup: four orders; share group A with its delivery-count limit; A rejects 1, releases 2 at its first three deliveries
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(MESSAGES));
  const group = s.share.group("A", { deliveryCountLimit: limit });
  const decide = (d: ShareDelivery) => (d.offset === HOPELESS && d.deliveryCount === 1 ? hopeless : d.offset === FAILING && d.deliveryCount <= LIMIT ? "release" : "accept");
  const a = await s.share.consumer({ name: "A", group, topics: [topic], decide }).start();

  // act: until offset 2 has been delivered a third time; then A polls on, and the broker says what is outstanding
  await a.waitForDelivery(topic, 0, FAILING, LIMIT);
  await a.waitForPolls(5);
  await a.settled();
  const atEnd = await s.share.observe(group, "once A has settled every delivery");
  return { a: a.ref, atEnd };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof giveUp>) {
  return {
    rejectedOnce: deliveredTimes(evidence, r.a, [{ partition: 0, offset: HOPELESS, deliveries: 1 }]),
    archivedAtLimit: deliveredTimes(evidence, r.a, [{ partition: 0, offset: FAILING, deliveries: LIMIT }]),
    othersOnce: deliveredTimes(
      evidence,
      r.a,
      [0, 3].map((offset) => ({ partition: 0, offset, deliveries: 1 })),
    ),
    nothingOutstanding: shareLagAt(evidence, r.atEnd, [{ partition: 0, lag: 0 }]),
  };
}
// #endregion check

defineProof({
  title: "A rejected record never comes back; one released to the delivery limit is archived",
  claim: `With delivery-count limit ${LIMIT}, a rejected record is delivered once and a record released at every delivery exactly ${LIMIT} times; neither again, and the broker counts neither outstanding.`,
  scenario: (s) => giveUp(s, { hopeless: "reject", limit: LIMIT }),
  check,
  control: {
    precondition: `A releases offset ${HOPELESS} instead of rejecting it, and the group's limit (5) is above the ${LIMIT} releases of offset ${FAILING}`,
    scenario: (s) => giveUp(s, { hopeless: "release", limit: 5 }),
    // Released, offset 1 comes back; below the limit, offset 2 comes back a fourth time (and is accepted then).
    mustBreak: (c) => [c.rejectedOnce, c.archivedAtLimit],
  },
  requiresKafka: SHARE_GROUPS_GA,
  notApplicable: SHARE_CONSUMERS_ONLY,
  shareConsumers: true,
});
