import type { ReceivedRange } from "../evidence/proof-result.js";

/**
 * What one consumer received, kept as runs of consecutive offsets per
 * partition instead of an object per message: a million deliveries in a
 * stable group are a handful of ranges. A run ends where the next offset is
 * not the one after the last (a gap, a repeat, a step back) or where the
 * consumer joined again (a new member id or generation), so every break that
 * the checks look for stays visible.
 */
export class ReceivedRangeLog {
  readonly ranges: ReceivedRange[] = [];
  /** The open run of each partition, and the join it belongs to. */
  private readonly open = new Map<string, { range: ReceivedRange; join: number }>();
  private total = 0;

  constructor(private readonly consumer: string) {}

  /** Deliveries in all, repeats included. */
  get count(): number {
    return this.total;
  }

  /**
   * Records offsets received from one partition in arrival order, all at `at`
   * (ms on the timeline's clock), by the member `memberId` in its `join`-th join.
   */
  append(topic: string, partition: number, offsets: readonly number[], at: number, memberId: string, join: number): void {
    const key = `${topic}\u0000${partition}`;
    let current = this.open.get(key);
    for (const offset of offsets) {
      const range = current?.range;
      if (range && current!.join === join && range.memberId === memberId && offset === range.last + 1) {
        range.last = offset;
        range.lastAt = at;
      } else {
        current = { range: { topic, partition, first: offset, last: offset, memberId, consumer: this.consumer, firstAt: at, lastAt: at }, join };
        this.ranges.push(current.range);
        this.open.set(key, current);
      }
    }
    this.total += offsets.length;
  }

  /** The highest offset received from a partition, or undefined if none was. */
  highest(topic: string, partition: number): number | undefined {
    let top: number | undefined;
    for (const r of this.ranges) if (r.topic === topic && r.partition === partition && (top === undefined || r.last > top)) top = r.last;
    return top;
  }

  /** The last offset of the partition's open run if that run belongs to the `join`-th join; undefined otherwise. */
  lastSince(topic: string, partition: number, join: number): number | undefined {
    const current = this.open.get(`${topic}\u0000${partition}`);
    return current && current.join === join ? current.range.last : undefined;
  }

  /** Whether `offset` of the partition was received. */
  has(topic: string, partition: number, offset: number): boolean {
    return this.ranges.some((r) => r.topic === topic && r.partition === partition && r.first <= offset && offset <= r.last);
  }
}
