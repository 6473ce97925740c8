import type { BrokerErrorCode } from "../evidence/broker-error-codes.js";
import type { Check, ScenarioEvidence, TimelineEvent } from "../evidence/proof-result.js";
import type { ConsumerRef, ProducerRef, TransactionRequest } from "../evidence/refs.js";
import { consumerOf, listMessages, messageKey, receivedBy } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

/** The writes the broker acknowledged to a transactional producer, by partition and offset, as the timeline recorded them. */
function acknowledgedWrites(evidence: ScenarioEvidence, ref: ProducerRef): { topic: string; partition: number; offset: number }[] {
  return evidence.timeline
    .filter((e) => e.event === "produce" && e.producer === ref.producer && typeof e.offset === "number" && typeof e.topic === "string")
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
export function sawNoneOf(evidence: ScenarioEvidence, reader: ConsumerRef, producer: ProducerRef): Check {
  const name = `${reader.consumer} received none of ${producer.producer}'s writes`;
  if (!consumerOf(evidence, reader)) return inconclusive(name, `consumer ${reader.consumer}`);
  const writes = acknowledgedWrites(evidence, producer);
  if (writes.length === 0) return judged(name, false, `expected writes of ${producer.producer} to look for; the broker acknowledged none`);
  const theirs = new Set(writes.map(messageKey));
  const seen = receivedBy(evidence, reader).filter((m) => theirs.has(messageKey(m)));
  return judged(name, seen.length === 0, seen.length === 0 ? `none of its ${writes.length} writes received` : `expected none; received ${listMessages(seen)}`);
}

/** The consumer received every write acknowledged to the producer. */
export function sawAllOf(evidence: ScenarioEvidence, reader: ConsumerRef, producer: ProducerRef): Check {
  const name = `${reader.consumer} received every write of ${producer.producer}`;
  if (!consumerOf(evidence, reader)) return inconclusive(name, `consumer ${reader.consumer}`);
  const writes = acknowledgedWrites(evidence, producer);
  if (writes.length === 0) return judged(name, false, `expected writes of ${producer.producer} to look for; the broker acknowledged none`);
  const got = new Set(receivedBy(evidence, reader).map(messageKey));
  const missing = writes.filter((w) => !got.has(messageKey(w)));
  return judged(name, missing.length === 0, missing.length === 0 ? `all ${writes.length} received` : `expected all ${writes.length}; never received ${listMessages(missing)}`);
}
