import type { MessageSpec } from "./scenario.js";

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
