/** Offsets of one partition that a consumer has received and its group has not committed past. */
export interface Unacknowledged {
  partition: number;
  offsets: number[];
}

/**
 * What a consumer holds but has not acknowledged: every offset it received at
 * or after its group's committed offset (all it received, where nothing is
 * committed). Duplicates, which a redelivery can cause, count once.
 */
export function unacknowledged(received: readonly { partition: number; offset: number }[], committed: readonly { partition: number; offset: number | null }[]): Unacknowledged[] {
  const byPartition = new Map<number, Set<number>>();
  for (const { partition, offset } of received) {
    const from = committed.find((c) => c.partition === partition)?.offset ?? null;
    if (from !== null && offset < from) continue;
    if (!byPartition.has(partition)) byPartition.set(partition, new Set());
    byPartition.get(partition)!.add(offset);
  }
  return [...byPartition.entries()].map(([partition, offsets]) => ({ partition, offsets: [...offsets].sort((a, b) => a - b) })).sort((a, b) => a.partition - b.partition);
}

/** `[0,1,2,3,5,7,8]` → `0-3, 5, 7-8`. Expects sorted, distinct offsets. */
export function offsetRanges(offsets: readonly number[]): string {
  const ranges: string[] = [];
  let start: number | undefined;
  let previous: number | undefined;
  const close = () => {
    if (start !== undefined) ranges.push(start === previous ? String(start) : `${start}-${previous}`);
  };
  for (const offset of offsets) {
    if (previous === undefined || offset !== previous + 1) {
      close();
      start = offset;
    }
    previous = offset;
  }
  close();
  return ranges.join(", ");
}

/** One line: what the consumer of group `label` holds unacknowledged. */
export function describeUnacknowledged(label: string, pending: readonly Unacknowledged[]): string {
  const held = pending.filter((p) => p.offsets.length > 0);
  if (held.length === 0) return `consumer ${label} has received nothing it has not acknowledged`;
  const parts = held.map((p) => `partition ${p.partition} ${offsetsWord(p.offsets)} ${offsetRanges(p.offsets)} (${plural(p.offsets.length, "message")})`);
  return `consumer ${label} has received, not yet acknowledged: ${parts.join("; ")}`;
}

/** "offset" before a single offset, "offsets" before a list or range. */
export function offsetsWord(offsets: readonly number[]): string {
  return offsets.length === 1 ? "offset" : "offsets";
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
