/** Offsets `first`–`last` of one partition, both included. */
export type Interval = readonly [first: number, last: number];

/**
 * Adds `added` to a sorted list of disjoint intervals: the union, and the
 * offsets of `added` that were already in the list (received again).
 * Adjacent intervals are joined, so the list stays as short as the offsets allow.
 */
export function addInterval(intervals: readonly Interval[], added: Interval): { union: Interval[]; overlap: Interval[] } {
  const [first, last] = added;
  if (last < first) throw new Error(`an interval of offsets runs forward; found ${first}–${last}`);
  const overlap: Interval[] = [];
  const union: Interval[] = [];
  let [from, to] = [first, last];
  for (const [a, b] of intervals) {
    if (b < first - 1 || a > last + 1) {
      union.push([a, b]);
      continue;
    }
    const [o1, o2] = [Math.max(a, first), Math.min(b, last)];
    if (o1 <= o2) overlap.push([o1, o2]);
    [from, to] = [Math.min(from, a), Math.max(to, b)];
  }
  union.push([from, to]);
  return { union: union.sort((x, y) => x[0] - y[0]), overlap };
}

/** How many offsets the intervals hold. */
export function countOffsets(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, [a, b]) => sum + b - a + 1, 0);
}

export function holds(intervals: readonly Interval[], offset: number): boolean {
  return intervals.some(([a, b]) => a <= offset && offset <= b);
}
