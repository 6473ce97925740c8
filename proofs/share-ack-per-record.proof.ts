/**
 * # A share group acknowledges each record on its own
 *
 * Claim: a member of share group A reads four order events (offsets 0–3) of one
 * partition. It accepts 0, 1 and 3 and, after the broker has shown offset 2
 * alone outstanding (lag 1, with 3 already done), releases 2. Offset 2 is
 * delivered again, with the delivery count 2 the broker sends with it; 0, 1 and
 * 3 never come back; once 2 is accepted, the broker's share-group state has
 * nothing outstanding (lag 0).
 *
 * The contrast with a consumer group (proof `ack-isolation`): there an
 * acknowledgement is a commit of "the next offset to read", and it is
 * cumulative — acknowledging offset 3 commits 4 and so acknowledges 0–3, 2
 * included. There is no way to say "done with 3, but not with 2". In a share
 * group (KIP-932) each record is settled by itself: accepted (done), released
 * (delivered again, to this member or another) or rejected (never again).
 *
 * Why it matters: the inventory service can put aside the one order it cannot
 * process yet (its product is not in the catalogue) and finish the others; the
 * order comes back later instead of holding up, or silently skipping, the rest.
 *
 * Kafka docs: https://cwiki.apache.org/confluence/display/KAFKA/KIP-932%3A+Queues+for+Kafka and
 * https://kafka.apache.org/44/javadoc/org/apache/kafka/clients/consumer/KafkaShareConsumer.html
 */
import { noLostMessages } from "../src/checks/delivery.js";
import { deliveredTimes, redeliveredAfterRelease, shareLagAt } from "../src/checks/share-groups.js";
import type { ScenarioEvidence, ShareDelivery } from "../src/evidence/proof-result.js";
import { SHARE_CONSUMERS_ONLY, SHARE_GROUPS_GA } from "../src/harness/applicability.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const MESSAGES = 4;
const SET_ASIDE = 2;

// #region scenario
async function acknowledgeEach(s: Scenario, setAside: "release" | "accept") {
  // setup: four orders on one partition; share group A's one member accepts each as it arrives, except offset 2, which it holds
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(MESSAGES));
  const group = s.share.group("A");
  const holdTwoAtFirst = (d: ShareDelivery) => (d.offset === SET_ASIDE && d.deliveryCount === 1 ? "hold" : "accept");
  const a = await s.share.consumer({ name: "A", group, topics: [topic], decide: holdTwoAtFirst }).start();
  await a.waitForDelivery(topic, 0, MESSAGES - 1);
  await a.settled();

  // observe: 0, 1 and 3 accepted, 2 still held: what does the broker count as outstanding?
  const whileHeld = await s.share.observe(group, "with 0, 1 and 3 accepted and 2 held");

  // act: A settles offset 2 (released, in the claim); a released record comes back, and A accepts it then
  await a.settleHeld(setAside);
  if (setAside === "release") await a.waitForDelivery(topic, 0, SET_ASIDE, 2);
  await a.waitForPolls(5);
  await a.settled();
  const atEnd = await s.share.observe(group, "once A has settled every delivery");
  return { group, a: a.ref, whileHeld, atEnd };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof acknowledgeEach>) {
  return {
    receivedAll: noLostMessages(evidence, r.a),
    twoOutstandingAlone: shareLagAt(evidence, r.whileHeld, [{ partition: 0, lag: 1 }]),
    twoRedelivered: redeliveredAfterRelease(evidence, r.a, { partition: 0, offset: SET_ASIDE }, 2),
    acceptedNotAgain: deliveredTimes(
      evidence,
      r.a,
      [0, 1, 3].map((offset) => ({ partition: 0, offset, deliveries: 1 })),
    ),
    nothingOutstanding: shareLagAt(evidence, r.atEnd, [{ partition: 0, lag: 0 }]),
  };
}
// #endregion check

defineProof({
  title: "A share group acknowledges each record on its own",
  claim: `A accepts 0, 1 and 3 and releases ${SET_ASIDE}: ${SET_ASIDE} is delivered again with delivery count 2, and 3 is not — unlike a consumer group, where acknowledging 3 acknowledges 0–3 (see ack-isolation).`,
  scenario: (s) => acknowledgeEach(s, "release"),
  check,
  control: {
    precondition: `A accepts ${SET_ASIDE} instead of releasing it`,
    scenario: (s) => acknowledgeEach(s, "accept"),
    // Accepted, offset 2 is done like the others: the broker never delivers it again.
    mustBreak: (c) => [c.twoRedelivered],
  },
  requiresKafka: SHARE_GROUPS_GA,
  notApplicable: SHARE_CONSUMERS_ONLY,
  shareConsumers: true,
});
