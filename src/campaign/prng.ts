/**
 * A seeded pseudo-random stream: mulberry32 (Tommy Ettinger's 32-bit generator, public domain). A campaign's
 * schedule must replay exactly from its seed on any machine and Node version, which `Math.random` cannot give;
 * 32 bits of state are plenty for choosing faults and delays, and the whole generator fits in a few lines.
 */
export class Prng {
  private state: number;

  /** `seed` is taken as an unsigned 32-bit integer: 0, 1 and 2**32 - 1 are as good as any. */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`a seed is an integer; was given ${seed}`);
    this.state = seed >>> 0;
  }

  /** The next number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer from `low` to `high`, both included. */
  int(low: number, high: number): number {
    if (high < low) throw new RangeError(`an empty range: ${low} to ${high}`);
    return low + Math.floor(this.next() * (high - low + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("nothing to pick from");
    return items[this.int(0, items.length - 1)]!;
  }
}
