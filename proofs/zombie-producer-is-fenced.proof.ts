/**
 * # A zombie producer is fenced: nothing it writes afterwards becomes visible
 *
 * Claim: producer P1 opens a transaction as transactional id T and writes two
 * invoices. Then P2 — the same service restarted, say, while P1 hangs on —
 * starts as the same transactional id T, writes an invoice and commits. P2's
 * start fences P1: the broker aborts P1's open transaction and refuses every
 * later request of P1 with `INVALID_PRODUCER_EPOCH` (or, on newer clients,
 * `PRODUCER_FENCED`), as recorded from its answers — P1's next write and its
 * commit alike. A `read_committed` consumer, reading the topic afterwards,
 * receives P2's invoice and none of P1's; a `read_uncommitted` consumer
 * receives P1's two early invoices too: they are in the log, but in a
 * transaction that never committed.
 *
 * The control gives P2 a transactional id of its own: nothing fences P1, its
 * later write and its commit are acknowledged, and `read_committed` sees both
 * producers' invoices.
 *
 * Why it matters: exactly-once hinges on this. A consume-transform-produce
 * service that pauses (a long GC, a lost network) while its partitions are
 * given to a new instance would otherwise write the same invoices twice; the
 * transactional id makes the broker the judge of which instance is alive.
 *
 * Kafka docs: https://kafka.apache.org/documentation/#semantics and KIP-98
 * (https://cwiki.apache.org/confluence/display/KAFKA/KIP-98+-+Exactly+Once+Delivery+and+Transactional+Messaging)
 */
import { refusedWithOneOf, sawAllOf, sawNoneOf } from "../src/checks/transactions.js";
import type { BrokerErrorCode } from "../src/evidence/broker-error-codes.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import type { Scenario } from "../src/harness/scenario.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

/** What a fenced producer's requests are refused with: Kafka answers INVALID_PRODUCER_EPOCH to the clients kafkajs speaks as, PRODUCER_FENCED to newer ones. */
const FENCED: readonly BrokerErrorCode[] = ["INVALID_PRODUCER_EPOCH", "PRODUCER_FENCED"];
/** The producers and readers are kafkajs's in every cell: every cell would run the same. */
const RUNS_ONCE =
  "the proof's transactional producers and its readers of each isolation level are kafkajs clients in every cell (the fencing is the broker's), so every cell would run the same; it runs in kafkajs/classic";

// #region scenario
async function twoProducers(s: Scenario, p2Label: string) {
  // setup: P1 begins a transaction as T and writes two invoices
  const topic = await s.createTopic("invoices", 1);
  const p1 = s.transactions.producer("P1", "T");
  await p1.begin();
  await p1.send(topic, ["invoice 1 (P1)", "invoice 2 (P1)"]);

  // act: P2 starts (as T in the claim), writes an invoice and commits; then P1 goes on as if nothing happened
  const p2 = s.transactions.producer("P2", p2Label);
  await p2.begin();
  await p2.send(topic, ["invoice 3 (P2)"]);
  await p2.commit();
  const p1LaterSend = await p1.send(topic, ["invoice 4 (P1)"]);
  const p1Commit = await p1.commit();

  // observe: fresh readers of each isolation level read the topic from the start
  const committedReader = await s.consumer({ name: "RC", group: s.group("RC"), topics: [topic], cell: "kafkajs/classic" }).start();
  const uncommittedReader = await s.consumer({ name: "RU", group: s.group("RU"), topics: [topic], cell: "kafkajs/classic", readUncommitted: true }).start();
  // The last write the broker acknowledged is in a transaction that committed (P2's in the claim, P1's in the control): both readers reach it.
  const last = Math.max(...s.produced.filter((m) => m.topic === topic).map((m) => m.offset));
  await uncommittedReader.waitForOffset(topic, 0, last);
  await committedReader.waitForOffset(topic, 0, last);
  return { p1: p1.ref, p2: p2.ref, p1LaterSend, p1Commit, rc: committedReader.ref, ru: uncommittedReader.ref };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof twoProducers>) {
  return {
    laterSendFenced: refusedWithOneOf(evidence, r.p1LaterSend, FENCED),
    commitFenced: refusedWithOneOf(evidence, r.p1Commit, FENCED),
    committedReaderSeesNoZombie: sawNoneOf(evidence, r.rc, r.p1),
    committedReaderSeesP2: sawAllOf(evidence, r.rc, r.p2),
    uncommittedReaderSeesZombieLog: sawAllOf(evidence, r.ru, r.p1),
    uncommittedReaderSeesP2: sawAllOf(evidence, r.ru, r.p2),
  };
}
// #endregion check

defineProof({
  title: "A zombie producer is fenced: nothing it writes afterwards becomes visible",
  claim:
    "P1 writes in a transaction as T; P2 starts as T and commits. The broker refuses P1's later write and its commit with INVALID_PRODUCER_EPOCH or PRODUCER_FENCED, and a read_committed consumer receives P2's invoice and none of P1's, which a read_uncommitted consumer does see in the log.",
  scenario: (s) => twoProducers(s, "T"),
  check,
  control: {
    precondition: "P2 has a transactional id of its own",
    scenario: (s) => twoProducers(s, "T2"),
    // Nothing fences P1: its write and commit are acknowledged, and its invoices are committed for everyone to read.
    mustBreak: (c) => [c.laterSendFenced, c.commitFenced, c.committedReaderSeesNoZombie],
  },
  notApplicable: { "java/classic": RUNS_ONCE, "java/consumer": RUNS_ONCE },
});
