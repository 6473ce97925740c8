import type { Check, ScenarioEvidence } from "../evidence/proof-result.js";
import { describeWho, isPresent, messageKey, receivedBy, type Who } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

/** The producer's order: each produced message's position, by partition and offset. */
function productionIndex(evidence: ScenarioEvidence): Map<string, number> {
  return new Map(evidence.produced.map((m, i) => [messageKey(m), i]));
}

/** All messages with the same key were written to one partition (the default partitioner hashes the key). */
export function sameKeySamePartition(evidence: ScenarioEvidence): Check {
  const partitionsByKey = new Map<string, Set<number>>();
  for (const m of evidence.produced) {
    if (m.key === null) continue;
    const set = partitionsByKey.get(m.key) ?? new Set<number>();
    set.add(m.partition);
    partitionsByKey.set(m.key, set);
  }
  const split = [...partitionsByKey].filter(([, set]) => set.size > 1);
  return judged(
    "messages with the same key are in one partition",
    split.length === 0 && partitionsByKey.size > 0,
    partitionsByKey.size === 0
      ? "expected keyed messages; none was produced"
      : split.length === 0
        ? [...partitionsByKey].map(([key, set]) => `${key}→p${[...set][0]}`).join(", ")
        : `expected one partition per key; the broker stored ${split.map(([key, set]) => `${key} in p${[...set].sort().join(" and p")}`).join(", ")}`,
  );
}

/** For every key, the consumer received its messages in the order they were produced. */
export function perKeyOrder(evidence: ScenarioEvidence, who: Who): Check {
  const name = "each key's messages arrived in the order they were produced";
  if (!isPresent(evidence, who)) return inconclusive(name, describeWho(who));
  const index = productionIndex(evidence);
  const lastByKey = new Map<string, number>();
  const outOfOrder: string[] = [];
  for (const m of receivedBy(evidence, who)) {
    if (m.key === null) continue;
    const position = index.get(messageKey(m));
    if (position === undefined) continue;
    const last = lastByKey.get(m.key);
    if (last !== undefined && position < last) outOfOrder.push(`${m.key}: #${last} before #${position}`);
    lastByKey.set(m.key, Math.max(last ?? -1, position));
  }
  return judged(
    name,
    outOfOrder.length === 0 && lastByKey.size > 0,
    lastByKey.size === 0
      ? "expected keyed messages received; none was"
      : outOfOrder.length === 0
        ? `${lastByKey.size} keys, each in production order`
        : `expected production order per key; received ${outOfOrder.slice(0, 6).join("; ")}`,
  );
}

/**
 * Across keys, arrival order is not production order: shows the interleaving
 * (the first place where they part) rather than asserting any order.
 */
export function interleavingAcrossKeys(evidence: ScenarioEvidence, who: Who): Check {
  const name = "across keys, messages arrive in a different order than they were produced";
  if (!isPresent(evidence, who)) return inconclusive(name, describeWho(who));
  const index = productionIndex(evidence);
  const arrival = receivedBy(evidence, who).map((m) => index.get(messageKey(m)) ?? -1);
  const firstDifference = arrival.findIndex((position, i) => position !== i);
  const sample = (from: number) =>
    arrival
      .slice(Math.max(0, from - 2), from + 4)
      .map((position) => `#${position}${evidence.produced[position]?.key ? `(${evidence.produced[position].key})` : ""}`)
      .join(" ");
  return judged(
    name,
    firstDifference >= 0,
    firstDifference >= 0
      ? `arrival departs from production order at position ${firstDifference}: … ${sample(firstDifference)} …`
      : `expected an interleaving; all ${arrival.length} arrived in production order`,
  );
}
