/**
 * # A read_committed reader stops at the last stable offset, not the log end
 *
 * Claim: five orders are on a partition; then producer P begins a transaction
 * and writes three more, and leaves it open. A reader of group RC
 * (read_committed) and one of group RU (read_uncommitted) read the partition
 * from the start and commit what they received. The broker says where the
 * partition ends twice over: its high watermark (8, after all eight writes)
 * and its last stable offset (5, the first write of the open transaction).
 * RU is given all eight; RC only the five below the last stable offset, however
 * often it fetches. Group RC's lag is then 3 as Kafka's consumer-groups tool
 * counts it (to the log end) and 0 to the last stable offset, which is as far
 * as it can read until P commits or aborts.
 *
 * The rule: a read_committed fetch returns nothing at or after the last stable
 * offset, so one open transaction holds back every reader at that isolation
 * level, even past writes that are not part of it.
 *
 * Why it matters: a lag that does not go down while the consumers are idle,
 * on a topic with transactional producers, is often an open (or hung)
 * transaction, not a slow consumer. The tool's LOG-END-OFFSET is the high
 * watermark; what a read_committed consumer can reach is the last stable offset.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#consumerconfigs_isolation.level and KIP-98
 */
import { lagToEachEnd, readToLogEnd, stableBehindLogEnd, stoppedShortOfLogEnd } from "../src/checks/log-ends.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const PLAIN = 5;
const IN_TRANSACTION = 3;
/** Fetches RC completes after it has read all it can: each a chance to be given more. */
const FETCHES_AFTER = 3;

// #region scenario
async function readersBesideATransaction(s: Scenario, leftOpen: boolean) {
  // setup: five orders, then P's transaction of three more (left open in the claim, committed in the control)
  const topic = await s.createTopic("orders", 1);
  await s.produce(topic, orderEvents(PLAIN));
  const p = s.transactions.producer("P", "T");
  await p.begin();
  await p.send(
    topic,
    Array.from({ length: IN_TRANSACTION }, (_, n) => `order ${PLAIN + n} placed (in P's transaction)`),
  );
  if (!leftOpen) await p.commit();

  // act: a reader of each isolation level reads the partition from the start and commits what it received
  const [rcGroup, ruGroup] = [s.group("RC"), s.group("RU")];
  const rc = await s.consumer({ name: "RC", group: rcGroup, topics: [topic] }).start();
  const ru = await s.consumer({ name: "RU", group: ruGroup, topics: [topic], readUncommitted: true }).start();
  await ru.waitForOffset(topic, 0, PLAIN + IN_TRANSACTION - 1);
  await rc.waitForOffset(topic, 0, PLAIN - 1);
  await rc.waitForFetches(FETCHES_AFTER);
  await rc.commitReceived();
  await ru.commitReceived();

  // observe: where the partition ends for each kind of reader, and what each group committed
  const ends = await s.observeLogEnds(topic, "with both readers done reading");
  const rcCommitted = await s.groups.observeCommitted(rcGroup, "with both readers done reading");
  await s.groups.observeCommitted(ruGroup, "with both readers done reading");
  await rc.stop();
  await ru.stop();
  // The transaction ends, as every transaction must: its writes become visible to read_committed readers from here on.
  if (leftOpen) await p.commit();
  return { rc: rc.ref, ru: ru.ref, ends, rcCommitted };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof readersBesideATransaction>) {
  return {
    // the broker's word: where the partition ends for each kind of reader, and group RC's commit
    stableBehindLogEnd: stableBehindLogEnd(evidence, r.ends),
    rcLag: lagToEachEnd(evidence, r.rcCommitted, r.ends, { toHighWatermark: IN_TRANSACTION, toLastStable: 0 }),
    // the readers' word: what each was given
    rcStoppedAtStable: stoppedShortOfLogEnd(evidence, r.rc, r.ends),
    ruReadToEnd: readToLogEnd(evidence, r.ru, r.ends),
  };
}
// #endregion check

defineProof({
  title: "A read_committed reader stops at the last stable offset, not the log end",
  claim: `With a transaction of ${IN_TRANSACTION} writes open after ${PLAIN} orders, the partition's last stable offset (${PLAIN}) is behind its high watermark (${PLAIN + IN_TRANSACTION}); a read_committed reader is given only the ${PLAIN} orders below it, however often it fetches, while a read_uncommitted reader is given all ${PLAIN + IN_TRANSACTION}; the read_committed group's lag is ${IN_TRANSACTION} to the log end, as the consumer-groups tool counts it, and 0 to the last stable offset.`,
  scenario: (s) => readersBesideATransaction(s, true),
  check,
  control: {
    precondition: "P's transaction is committed before the readers start",
    scenario: (s) => readersBesideATransaction(s, false),
    // Nothing is open: the two ends are one (after the commit's marker), RC is given every write, and its lag is the marker's one offset.
    mustBreak: (c) => [c.stableBehindLogEnd, c.rcLag, c.rcStoppedAtStable],
  },
});
