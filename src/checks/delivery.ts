import type { Check, ScenarioEvidence } from "../evidence/proof-result.js";
import { describeWho, listMessages, messageKey, receivedBy, type Who } from "./evidence-queries.js";

/**
 * Delivery anomalies, one function each, in the manner of Jepsen's Kafka
 * checker: each compares what was produced (with the offsets the broker
 * assigned) against what a group or consumer received.
 */

/** Lost: a produced message that never arrived. */
export function noLostMessages(evidence: ScenarioEvidence, who: Who): Check {
  const got = new Set(receivedBy(evidence, who).map(messageKey));
  const lost = evidence.produced.filter((m) => !got.has(messageKey(m)));
  return {
    name: `${describeWho(who)} received every produced message`,
    ok: lost.length === 0,
    detail:
      lost.length === 0
        ? `all ${evidence.produced.length} produced messages received`
        : `expected all ${evidence.produced.length} produced messages; ${lost.length} never arrived: ${listMessages(lost)}`,
  };
}

/** Duplicate: the same (partition, offset) delivered more than once. */
export function noDuplicates(evidence: ScenarioEvidence, who: Who): Check {
  const seen = new Map<string, number>();
  for (const m of receivedBy(evidence, who)) seen.set(messageKey(m), (seen.get(messageKey(m)) ?? 0) + 1);
  const duplicated = [...seen.entries()].filter(([, count]) => count > 1);
  return {
    name: `${describeWho(who)} received no message twice`,
    ok: duplicated.length === 0,
    detail:
      duplicated.length === 0
        ? `${seen.size} distinct messages, each once`
        : `expected each message once; received more than once: ${duplicated.map(([key, n]) => `${key} ×${n}`).join(", ")}`,
  };
}

/** Going backwards or skipping ahead: within one consumer and partition, offsets must arrive in strictly increasing order. */
export function offsetsIncrease(evidence: ScenarioEvidence, who: Who): Check {
  const last = new Map<string, number>();
  const backwards: string[] = [];
  for (const m of receivedBy(evidence, who)) {
    const key = `${m.consumer}/${m.topic}/${m.partition}`;
    const previous = last.get(key);
    if (previous !== undefined && m.offset <= previous) backwards.push(`${m.consumer} p${m.partition}: ${previous} then ${m.offset}`);
    last.set(key, m.offset);
  }
  return {
    name: `${describeWho(who)} received each partition's offsets in increasing order`,
    ok: backwards.length === 0,
    detail: backwards.length === 0 ? "offsets strictly increasing per consumer and partition" : `expected increasing offsets; saw ${backwards.join("; ")}`,
  };
}

/** Split: among these consumers, each produced message reached exactly one of them. */
export function eachMessageToExactlyOne(evidence: ScenarioEvidence, consumers: readonly string[]): Check {
  const receivers = new Map<string, Set<string>>();
  for (const consumer of consumers) {
    for (const m of receivedBy(evidence, { consumer })) {
      const set = receivers.get(messageKey(m)) ?? new Set<string>();
      set.add(consumer);
      receivers.set(messageKey(m), set);
    }
  }
  const shared = evidence.produced.filter((m) => (receivers.get(messageKey(m))?.size ?? 0) > 1);
  const none = evidence.produced.filter((m) => !receivers.has(messageKey(m)));
  const names = consumers.join(" and ");
  const problems = [
    shared.length > 0 ? `${shared.length} reached more than one (${listMessages(shared)})` : "",
    none.length > 0 ? `${none.length} reached none (${listMessages(none)})` : "",
  ].filter(Boolean);
  return {
    name: `each message reached exactly one of ${names}`,
    ok: problems.length === 0 && evidence.produced.length > 0,
    detail:
      problems.length === 0
        ? `${evidence.produced.length} messages, each received by exactly one of ${names}`
        : `expected each of ${evidence.produced.length} messages to reach exactly one of ${names}; ${problems.join("; ")}`,
  };
}

/** Nothing: the consumer had its chance to fetch and received no message. */
export function receivedNothing(evidence: ScenarioEvidence, consumer: string): Check {
  const got = receivedBy(evidence, { consumer });
  return {
    name: `consumer ${consumer} received nothing`,
    ok: got.length === 0,
    detail: got.length === 0 ? "no message received" : `expected no message; received ${got.length}: ${listMessages(got)}`,
  };
}
