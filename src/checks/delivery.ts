import type { Check, ScenarioEvidence } from "../evidence/proof-result.js";
import type { ConsumerRef } from "../evidence/refs.js";
import { consumerOf, describeWho, isPresent, listMessages, messageKey, receivedBy, type Who } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

/**
 * Delivery anomalies, one function each, in the manner of Jepsen's Kafka
 * checker: each compares what was produced (with the offsets the broker
 * assigned) against what a group or consumer received. A check over nothing
 * (no message produced, nothing received) fails: it would hold of anything.
 */

/** Lost: a produced message that never arrived. */
export function noLostMessages(evidence: ScenarioEvidence, who: Who): Check {
  const name = `${describeWho(who)} received every produced message`;
  if (!isPresent(evidence, who)) return inconclusive(name, describeWho(who));
  if (evidence.produced.length === 0) return judged(name, false, "expected produced messages to look for; nothing was produced");
  const got = new Set(receivedBy(evidence, who).map(messageKey));
  const lost = evidence.produced.filter((m) => !got.has(messageKey(m)));
  return judged(
    name,
    lost.length === 0,
    lost.length === 0
      ? `all ${evidence.produced.length} produced messages received`
      : `expected all ${evidence.produced.length} produced messages; ${lost.length} never arrived: ${listMessages(lost)}`,
  );
}

/** Duplicate: the same (partition, offset) delivered more than once. */
export function noDuplicates(evidence: ScenarioEvidence, who: Who): Check {
  const name = `${describeWho(who)} received no message twice`;
  if (!isPresent(evidence, who)) return inconclusive(name, describeWho(who));
  const seen = new Map<string, number>();
  for (const m of receivedBy(evidence, who)) seen.set(messageKey(m), (seen.get(messageKey(m)) ?? 0) + 1);
  if (seen.size === 0) return judged(name, false, "expected deliveries to look at; nothing was received");
  const duplicated = [...seen.entries()].filter(([, count]) => count > 1);
  return judged(
    name,
    duplicated.length === 0,
    duplicated.length === 0
      ? `${seen.size} distinct messages, each once`
      : `expected each message once; received more than once: ${duplicated.map(([key, n]) => `${key} ×${n}`).join(", ")}`,
  );
}

/** Going backwards or skipping ahead: within one consumer and partition, offsets must arrive in strictly increasing order. */
export function offsetsIncrease(evidence: ScenarioEvidence, who: Who): Check {
  const name = `${describeWho(who)} received each partition's offsets in increasing order`;
  if (!isPresent(evidence, who)) return inconclusive(name, describeWho(who));
  const got = receivedBy(evidence, who);
  if (got.length === 0) return judged(name, false, "expected deliveries to look at; nothing was received");
  const last = new Map<string, number>();
  const backwards: string[] = [];
  for (const m of got) {
    const key = `${m.consumer}/${m.topic}/${m.partition}`;
    const previous = last.get(key);
    if (previous !== undefined && m.offset <= previous) backwards.push(`${m.consumer} p${m.partition}: ${previous} then ${m.offset}`);
    last.set(key, m.offset);
  }
  return judged(
    name,
    backwards.length === 0,
    backwards.length === 0 ? `${got.length} deliveries, offsets strictly increasing per consumer and partition` : `expected increasing offsets; saw ${backwards.join("; ")}`,
  );
}

/** Split: among these consumers, each produced message reached exactly one of them. */
export function eachMessageToExactlyOne(evidence: ScenarioEvidence, consumers: readonly ConsumerRef[]): Check {
  const names = consumers.map((c) => c.consumer).join(" and ");
  const name = `each message reached exactly one of ${names}`;
  const absent = consumers.filter((c) => consumerOf(evidence, c) === undefined);
  if (absent.length > 0) return inconclusive(name, `consumer ${absent.map((c) => c.consumer).join(" or ")}`);
  if (evidence.produced.length === 0) return judged(name, false, "expected produced messages to look for; nothing was produced");
  const receivers = new Map<string, Set<string>>();
  for (const who of consumers) {
    for (const m of receivedBy(evidence, who)) {
      const set = receivers.get(messageKey(m)) ?? new Set<string>();
      set.add(who.consumer);
      receivers.set(messageKey(m), set);
    }
  }
  const shared = evidence.produced.filter((m) => (receivers.get(messageKey(m))?.size ?? 0) > 1);
  const none = evidence.produced.filter((m) => !receivers.has(messageKey(m)));
  const problems = [
    shared.length > 0 ? `${shared.length} reached more than one (${listMessages(shared)})` : "",
    none.length > 0 ? `${none.length} reached none (${listMessages(none)})` : "",
  ].filter(Boolean);
  return judged(
    name,
    problems.length === 0,
    problems.length === 0
      ? `${evidence.produced.length} messages, each received by exactly one of ${names}`
      : `expected each of ${evidence.produced.length} messages to reach exactly one of ${names}; ${problems.join("; ")}`,
  );
}

/**
 * Nothing: the consumer had its chance to receive and got nothing. Its chance
 * is on record: at least `minFetches` completed fetches, over how long; a
 * consumer that never fetched proves nothing by receiving nothing.
 */
export function receivedNothing(evidence: ScenarioEvidence, who: ConsumerRef, minFetches = 3): Check {
  const name = `consumer ${who.consumer} fetched and received nothing`;
  const consumer = consumerOf(evidence, who);
  if (!consumer) return inconclusive(name, `consumer ${who.consumer}`);
  const got = receivedBy(evidence, who);
  if (got.length > 0) return judged(name, false, `expected no message; received ${got.length}: ${listMessages(got)}`);
  const span = consumer.firstFetchAt !== null && consumer.lastFetchAt !== null ? consumer.lastFetchAt - consumer.firstFetchAt : 0;
  if (consumer.fetches < minFetches) {
    return judged(name, false, `expected at least ${minFetches} completed fetches to show it had its chance; it completed ${consumer.fetches}`);
  }
  return judged(name, true, `${consumer.fetches} fetches over ${span} ms, every one empty`);
}
