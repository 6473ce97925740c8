import type { BrokerErrorCode } from "../evidence/broker-error-codes.js";
import type { Check, ScenarioEvidence, TimelineEvent } from "../evidence/proof-result.js";
import type { ConsumerRef, ProducerRef, TransactionRequest } from "../evidence/refs.js";
import { consumerOf, listMessages, messageKey, receivedBy } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

/** Whose writes a check is about: every write of a producer, or those of one of its send requests. */
export type Writes = ProducerRef | TransactionRequest;

function describeWrites(writes: Writes): string {
  return "transactionRequest" in writes ? `${writes.producer}'s writes of request #${writes.transactionRequest}` : `${writes.producer}'s writes`;
}

/** The writes the broker acknowledged, by partition and offset, as the timeline recorded them. */
function acknowledgedWrites(evidence: ScenarioEvidence, writes: Writes): { topic: string; partition: number; offset: number }[] {
  return evidence.timeline
    .filter((e) => e.event === "produce" && e.producer === writes.producer && e.marker === undefined && typeof e.offset === "number" && typeof e.topic === "string")
    .filter((e) => !("transactionRequest" in writes) || e.transactionRequest === writes.transactionRequest)
    .map((e) => ({ topic: e.topic as string, partition: e.partition as number, offset: e.offset as number }));
}

function requestOf(evidence: ScenarioEvidence, ref: TransactionRequest): TimelineEvent | undefined {
  return evidence.timeline.find((e) => e.transactionRequest === ref.transactionRequest && e.producer === ref.producer);
}

/** The broker refused the request with one of these error codes (what a fenced producer gets); an acknowledgement, or no answer, is no refusal. */
export function refusedWithOneOf(evidence: ScenarioEvidence, ref: TransactionRequest, codes: readonly BrokerErrorCode[]): Check {
  const name = `the broker refused ${ref.producer}'s ${ref.action} (request #${ref.transactionRequest}) with ${codes.join(" or ")}`;
  const answer = requestOf(evidence, ref);
  if (!answer) return inconclusive(name, `${ref.producer}'s request #${ref.transactionRequest}`);
  if (answer.event !== "refused") return judged(name, false, `expected a refusal; the broker acknowledged it (${answer.summary})`);
  return judged(name, codes.includes(answer.code as BrokerErrorCode), `expected ${codes.join(" or ")}; the broker answered ${String(answer.code)}`);
}

/** The consumer received none of the writes acknowledged to the producer (for a read_committed reader: none of an aborted or fenced transaction's). */
export function sawNoneOf(evidence: ScenarioEvidence, reader: ConsumerRef, producer: Writes): Check {
  const name = `${reader.consumer} received none of ${describeWrites(producer)}`;
  if (!consumerOf(evidence, reader)) return inconclusive(name, `consumer ${reader.consumer}`);
  const writes = acknowledgedWrites(evidence, producer);
  if (writes.length === 0) return judged(name, false, `expected ${describeWrites(producer)} to look for; the broker acknowledged none`);
  const theirs = new Set(writes.map(messageKey));
  const seen = receivedBy(evidence, reader).filter((m) => theirs.has(messageKey(m)));
  return judged(name, seen.length === 0, seen.length === 0 ? `none of its ${writes.length} writes received` : `expected none; received ${listMessages(seen)}`);
}

/** The consumer received every write acknowledged to the producer. */
export function sawAllOf(evidence: ScenarioEvidence, reader: ConsumerRef, producer: Writes): Check {
  const name = `${reader.consumer} received all of ${describeWrites(producer)}`;
  if (!consumerOf(evidence, reader)) return inconclusive(name, `consumer ${reader.consumer}`);
  const writes = acknowledgedWrites(evidence, producer);
  if (writes.length === 0) return judged(name, false, `expected ${describeWrites(producer)} to look for; the broker acknowledged none`);
  const got = new Set(receivedBy(evidence, reader).map(messageKey));
  const missing = writes.filter((w) => !got.has(messageKey(w)));
  return judged(name, missing.length === 0, missing.length === 0 ? `all ${writes.length} received` : `expected all ${writes.length}; never received ${listMessages(missing)}`);
}

/**
 * Every message produced to `topic` has its output among what the reader received: the output a
 * consume-transform-produce loop writes for it, named by `outputOf` (an invoice for an order). Lost work, by offset, otherwise.
 */
export function everyInputHasOutput(evidence: ScenarioEvidence, reader: ConsumerRef, topic: string, outputOf: (input: { partition: number; offset: number }) => string): Check {
  const name = `${reader.consumer} received an output for every message of ${topic}`;
  if (!consumerOf(evidence, reader)) return inconclusive(name, `consumer ${reader.consumer}`);
  const inputs = evidence.produced.filter((m) => m.topic === topic);
  if (inputs.length === 0) return judged(name, false, `expected messages of ${topic} to look for; none was produced`);
  const outputs = new Set(receivedBy(evidence, reader).map((m) => m.value));
  const without = inputs.filter((m) => !outputs.has(outputOf(m)));
  return judged(name, without.length === 0, without.length === 0 ? `all ${inputs.length} have theirs` : `expected all ${inputs.length}; no output for ${listMessages(without)}`);
}
