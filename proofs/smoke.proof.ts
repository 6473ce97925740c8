/**
 * # Smoke: the whole path works
 *
 * Claim: ten messages produced to a topic are consumed by one group, and once the
 * group commits, the broker holds committed offset 10 for it — the offset of the
 * next message it would read.
 *
 * This exercises every part the other proofs rely on: a real broker, topic creation,
 * producing with recorded offsets, a group member that records what it receives,
 * an explicit commit, and reading the commit back from the broker.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#consumerconfigs_group.id
 */
import { noDuplicates, noLostMessages } from "../src/checks/delivery.js";
import { committedEquals } from "../src/checks/offsets.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof } from "../src/proof/define-proof.js";

const MESSAGES = 10;
const MARKUP = "<img src=x onerror=alert(1)>";

// #region scenario
async function produceConsumeCommit(s: Scenario, { commit }: { commit: boolean }) {
  // setup
  const topic = await s.createTopic("orders", 1);
  const group = s.group("A");
  const consumer = await s.consumer({ name: "A", group, topics: [topic] }).start();
  // act
  // Message content is data, never markup: the last order's text is an HTML payload the site must show as text.
  const orders = Array.from({ length: MESSAGES }, (_, i) => ({ key: `order-${i}`, value: i === MESSAGES - 1 ? MARKUP : `order ${i}` }));
  await s.produce(topic, orders);
  await consumer.waitForMessages(MESSAGES);
  if (commit) await consumer.commitReceived();
  return { group };
}
// #endregion scenario

defineProof({
  title: "Smoke: produce, consume, commit",
  claim: `A group that consumed and committed ${MESSAGES} messages has committed offset ${MESSAGES} on the broker.`,
  scenario: (s) => produceConsumeCommit(s, { commit: true }),
  // #region check
  check: (evidence, { group }) => ({
    receivedAll: noLostMessages(evidence, group),
    eachOnce: noDuplicates(evidence, group),
    committed: committedEquals(evidence, group, [{ partition: 0, offset: MESSAGES }]),
  }),
  // #endregion check
  control: {
    precondition: "the consumer receives everything but never commits",
    scenario: (s) => produceConsumeCommit(s, { commit: false }),
    mustBreak: (c) => [c.committed],
  },
});
