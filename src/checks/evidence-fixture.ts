import type {
  AcknowledgeType,
  AssignmentObservation,
  ConsumerEvidence,
  GroupEvidence,
  ProducedMessage,
  ReceivedMessage,
  ReceivedRange,
  ScenarioEvidence,
  ShareDelivery,
  ShareGroupEvidence,
} from "../evidence/proof-result.js";

/**
 * Hand-made evidence for checker tests: a topic "t" whose produced messages,
 * groups and deliveries are written out literally, so each test reads as the
 * history it describes.
 */
export const TOPIC = "t";

export function produced(...refs: [partition: number, offset: number][]): ProducedMessage[] {
  return refs.map(([partition, offset]) => ({ topic: TOPIC, partition, offset, key: null, value: `m${partition}-${offset}` }));
}

/** Deliveries in the order given; each is stamped one millisecond after the previous, from `from`. */
export function received(consumer: string, memberId: string, ...refs: [partition: number, offset: number][]): ReceivedMessage[] {
  return receivedFrom(0, consumer, memberId, ...refs);
}

export function receivedFrom(from: number, consumer: string, memberId: string, ...refs: [partition: number, offset: number][]): ReceivedMessage[] {
  return refs.map(([partition, offset], i) => ({ topic: TOPIC, partition, offset, key: null, value: null, memberId, consumer, at: from + i }));
}

export function group(label: string, fields: Partial<GroupEvidence> = {}): GroupEvidence {
  return { label, groupId: `g-${label}`, state: "Stable", describedAt: 0, committed: [], members: [], received: [], ...fields };
}

export function evidence(fields: Partial<ScenarioEvidence> & { partitions?: number[] } = {}): ScenarioEvidence {
  const { partitions, ...rest } = fields;
  const msgs = rest.produced ?? [];
  const ends = (partitions ?? [...new Set(msgs.map((m) => m.partition))]).map((partition) => ({
    partition,
    logEndOffset: msgs.filter((m) => m.partition === partition).length,
  }));
  return { topics: [{ name: TOPIC, partitions: ends }], produced: [], groups: [], timeline: [], consumers: consumersOf(rest.groups ?? []), ...rest };
}

/** Unless a test says otherwise, every consumer that received something or is a member existed and fetched five times. */
function consumersOf(groups: readonly GroupEvidence[]): ConsumerEvidence[] {
  const found = new Map<string, ConsumerEvidence>();
  for (const g of groups) {
    for (const name of [...g.received.map((m) => m.consumer), ...g.members.map((m) => m.clientId)]) {
      if (!found.has(name)) found.set(name, consumer(name, g.label));
    }
  }
  return [...found.values()];
}

export function consumer(name: string, group: string, fields: Partial<ConsumerEvidence> = {}): ConsumerEvidence {
  return { name, group, fetches: 5, firstFetchAt: 0, lastFetchAt: 200, received: 0, ...fields };
}

/** A received range: consumer, member, partition, offsets first–last, arriving from `firstAt` to `lastAt`. */
export function range(consumer: string, memberId: string, partition: number, [first, last]: [number, number], [firstAt, lastAt]: [number, number]): ReceivedRange {
  return { topic: TOPIC, partition, first, last, memberId, consumer, firstAt, lastAt };
}

/** Evidence of a topic "t" whose partitions hold `ends[p]` messages, all produced in bulk, and these groups. */
export function rangeEvidence(ends: readonly number[], fields: Partial<ScenarioEvidence> = {}): ScenarioEvidence {
  return evidence({
    topics: [{ name: TOPIC, partitions: ends.map((logEndOffset, partition) => ({ partition, logEndOffset })) }],
    producedRanges: ends.flatMap((end, partition) => (end > 0 ? [{ topic: TOPIC, partition, first: 0, last: end - 1 }] : [])),
    ...fields,
    consumers: (fields.groups ?? []).flatMap((g) => [...new Set((g.receivedRanges ?? []).map((r) => r.consumer))].map((name) => consumer(name, g.label))),
  });
}

/**
 * The broker's description of group A at `at` (unless `fields` say otherwise), Stable, seen
 * once: each member by name with the partitions of "t" it owns (`{ A1: [0, 1] }`).
 */
export function observed(at: number, owners: Record<string, readonly number[]>, fields: Partial<AssignmentObservation> = {}): AssignmentObservation {
  const members = Object.entries(owners).map(([consumer, partitions]) => ({
    consumer,
    memberId: consumer.toLowerCase(),
    owns: partitions.map((partition) => ({ topic: TOPIC, partition })),
  }));
  return { at, event: "assignment", actor: "broker", summary: "", group: "A", state: "Stable", protocol: "consumer", members, lastAt: at, samples: 1, ...fields };
}

/** A share group "label" as the broker described it, with these deliveries. */
export function shareGroup(label: string, fields: Partial<ShareGroupEvidence> = {}): ShareGroupEvidence {
  return { label, groupId: `sg-${label}`, state: "Stable", describedAt: 0, configs: {}, members: [], partitions: [], deliveries: [], ...fields };
}

/**
 * One delivery of p`partition`@`offset` to a share consumer, numbered `count` by the broker, at
 * `at` ms, and acknowledged as `type` 5 ms later with the broker taking it (or held, without a type).
 */
export function delivery(consumer: string, [partition, offset]: [number, number], count: number, at: number, type?: AcknowledgeType): ShareDelivery {
  const acknowledgement = type ? { acknowledgement: { type, at: at + 5, error: null } } : {};
  return { topic: TOPIC, partition, offset, key: null, value: null, memberId: `m-${consumer}`, consumer, at, deliveryCount: count, ...acknowledgement };
}
