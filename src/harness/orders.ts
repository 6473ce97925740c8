import type { GroupConsumer } from "./consumer.js";
import type { MessageSpec, Scenario } from "./scenario.js";

/**
 * The seed's story: order events that several services (notifications,
 * analytics, inventory) each read. Keys are order ids.
 */
export function orderEvents(count: number, options: { partitions?: number; first?: number } = {}): MessageSpec[] {
  const first = options.first ?? 0;
  return Array.from({ length: count }, (_, n) => n + first).map((i) => ({
    key: `order-${i}`,
    value: `order ${i} placed`,
    // Spread round-robin when asked, so every partition gets messages whatever the key hash does.
    ...(options.partitions ? { partition: i % options.partitions } : {}),
  }));
}

/**
 * Orders in phases: each call produces the next `perPhase` orders (spread round-robin over `partitions`), waits until
 * the groups of `members` have received everything, and has each of `members` commit what it received.
 */
export function orderPhases(s: Scenario, topic: string, { perPhase, partitions }: { perPhase: number; partitions: number }) {
  let produced = 0;
  return async (members: readonly GroupConsumer[]): Promise<void> => {
    await s.produce(topic, orderEvents(perPhase, { partitions, first: produced }));
    produced += perPhase;
    await s.groups.waitUntilReceivedAll([...new Map(members.map((m) => [m.group.group, m.group])).values()]);
    for (const consumer of members) await consumer.commitReceived();
  };
}
