/**
 * # A transaction commits a group's offsets together with its output
 *
 * Claim: the billing service reads orders as group G and writes an invoice for
 * each, in a transaction of producer P that also carries G's offsets
 * (`sendOffsetsToTransaction`; kafkajs `transaction.sendOffsets`). Its first
 * transaction, for orders 0–2, is aborted: a `read_committed` reader never sees
 * those invoices (a `read_uncommitted` one does: they are in the log, marked
 * aborted), and the broker holds no committed offset for G — the abort took the
 * offsets with it. So G's next member reads orders 0–2 again, with the two
 * placed since, and invoices all five in a transaction that commits: invoices
 * and offsets become visible together (once the coordinator has written the
 * commit's markers, just after it answers), and every order has its invoice.
 *
 * The control commits G's offsets outside the transaction, as a consumer
 * commits, before the abort: the broker keeps them, G's next member resumes
 * after order 2, and orders 0–2 are never invoiced — their invoices were
 * aborted and nobody reads them again. Lost work, shown by offset.
 *
 * Why it matters: "exactly once" in Kafka is this: a consume-transform-produce
 * step whose output and progress commit or abort as one. Committing progress
 * any other way reopens the gap between "done" and "recorded as done".
 *
 * Kafka docs: https://kafka.apache.org/documentation/#semantics and KIP-98
 * (https://cwiki.apache.org/confluence/display/KAFKA/KIP-98+-+Exactly+Once+Delivery+and+Transactional+Messaging)
 */
import { committedEquals, noCommitYet, readingEquals, resumedAt } from "../src/checks/offsets.js";
import { everyInputHasOutput, sawAllOf, sawNoneOf } from "../src/checks/transactions.js";
import type { ScenarioEvidence } from "../src/evidence/proof-result.js";
import { orderEvents } from "../src/harness/orders.js";
import type { Scenario } from "../src/harness/scenario.js";
import { waitFor } from "../src/harness/wait.js";
import { defineProof, type RefsOf } from "../src/proof/define-proof.js";

const FIRST = 3;
const LATER = 2;
const invoiceFor = ({ offset }: { offset: number }) => `invoice for order ${offset}`;

// #region scenario
async function billing(s: Scenario, commitOutsideTransaction: boolean) {
  // setup: three orders; W reads them as group G
  const [orders, invoices] = [await s.createTopic("orders", 1), await s.createTopic("invoices", 1)];
  await s.produce(orders, orderEvents(FIRST));
  const g = s.group("G");
  const w = await s.consumer({ name: "W", group: g, topics: [orders] }).start();
  await w.waitForOffset(orders, 0, FIRST - 1);

  // act: P invoices the three orders in a transaction with G's offsets, and aborts it (the control commits G's offsets first, outside it)
  const p = s.transactions.producer("P", "billing");
  await p.begin();
  const aborted = await p.send(
    invoices,
    [0, 1, 2].map((offset) => invoiceFor({ offset })),
  );
  await p.sendOffsets(s.groupId(g), g.group, orders, FIRST);
  if (commitOutsideTransaction) await w.acknowledgeThrough(orders, 0, FIRST - 1);
  await p.abort();
  const afterAbort = await s.groups.observeCommitted(g, "after the abort");
  await w.stop();

  // act: two more orders; G's next member invoices what it is given, in a transaction with G's offsets, that commits
  await s.produce(orders, orderEvents(LATER, { first: FIRST }));
  const w2 = await s.consumer({ name: "W2", group: g, topics: [orders] }).start();
  await w2.waitForOffset(orders, 0, FIRST + LATER - 1);
  const given = w2.received.map((m) => m.offset);
  await p.begin();
  const committed = await p.send(
    invoices,
    given.map((offset) => invoiceFor({ offset })),
  );
  await p.sendOffsets(s.groupId(g), g.group, orders, FIRST + LATER);
  await p.commit();
  // The commit is decided when EndTxn is answered; its markers reach the partitions, __consumer_offsets among them, just after.
  await waitFor(`group G's offsets to be committed by the transaction`, async () => ((await s.witness.committedOffset(s.groupId(g), orders, 0)) !== null ? true : undefined), {
    timeoutMs: 10_000,
    intervalMs: 50,
  });
  const afterCommit = await s.groups.observeCommitted(g, "once the commit's markers are written");

  // observe: fresh readers of the invoices, of each isolation level
  const rc = await s.consumer({ name: "RC", group: s.group("RC"), topics: [invoices], cell: "kafkajs/classic" }).start();
  const ru = await s.consumer({ name: "RU", group: s.group("RU"), topics: [invoices], cell: "kafkajs/classic", readUncommitted: true }).start();
  const last = Math.max(...s.produced.filter((m) => m.topic === invoices).map((m) => m.offset));
  await ru.waitForOffset(invoices, 0, last);
  await rc.waitForOffset(invoices, 0, last);
  return { g, orders, w2: w2.ref, rc: rc.ref, ru: ru.ref, aborted, committed, afterAbort, afterCommit };
}
// #endregion scenario

// #region check
function check(evidence: ScenarioEvidence, r: RefsOf<typeof billing>) {
  return {
    abortTookTheOffsets: noCommitYet(evidence, r.afterAbort),
    ordersReadAgain: resumedAt(evidence, r.w2, [{ partition: 0, offset: 0 }]),
    abortedInvoicesInvisible: sawNoneOf(evidence, r.rc, r.aborted),
    abortedInvoicesInTheLog: sawAllOf(evidence, r.ru, r.aborted),
    committedInvoicesVisible: sawAllOf(evidence, r.rc, r.committed),
    offsetsCommittedWithThem: readingEquals(evidence, r.afterCommit, [{ topic: r.orders, partition: 0, offset: FIRST + LATER }]),
    everyOrderInvoiced: everyInputHasOutput(evidence, r.rc, r.orders, invoiceFor),
    committedAtEnd: committedEquals(evidence, r.g, [{ topic: r.orders, partition: 0, offset: FIRST + LATER }]),
  };
}
// #endregion check

defineProof({
  title: "A transaction commits a group's offsets together with its output",
  claim: `Group G's offsets sent in an aborted transaction are not committed: its invoices are invisible to read_committed, G's next member reads the ${FIRST} orders again, and a transaction that commits makes the invoices and G's offset ${FIRST + LATER} visible together, every order invoiced.`,
  scenario: (s) => billing(s, false),
  check,
  control: {
    precondition: "G's offsets are committed outside the transaction, before the abort",
    scenario: (s) => billing(s, true),
    // The broker keeps the commit the abort did not touch: G resumes after orders whose invoices were aborted.
    mustBreak: (c) => [c.abortTookTheOffsets, c.ordersReadAgain, c.everyOrderInvoiced],
  },
});
