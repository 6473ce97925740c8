/**
 * Offsets as closed spans (`first`–`last`, both included): the arithmetic the
 * range checks need — union, what a union leaves out, where two spans meet —
 * without ever listing offsets one by one.
 */
export interface Span {
  first: number;
  last: number;
}

/** The union of spans, sorted, with touching or overlapping spans joined. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.first - b.first);
  const joined: Span[] = [];
  for (const { first, last } of sorted) {
    const top = joined[joined.length - 1];
    if (top && first <= top.last + 1) top.last = Math.max(top.last, last);
    else joined.push({ first, last });
  }
  return joined;
}

/** The offsets from `from` up to (not including) `to` that a sorted union leaves out. */
export function missing(covered: readonly Span[], from: number, to: number): Span[] {
  const holes: Span[] = [];
  let next = from;
  for (const span of covered) {
    if (span.last < next) continue;
    if (span.first >= to) break;
    if (span.first > next) holes.push({ first: next, last: span.first - 1 });
    next = span.last + 1;
  }
  if (next < to) holes.push({ first: next, last: to - 1 });
  return holes;
}

/** The offsets two spans share, or undefined. */
export function overlap(a: Span, b: Span): Span | undefined {
  const first = Math.max(a.first, b.first);
  const last = Math.min(a.last, b.last);
  return first <= last ? { first, last } : undefined;
}

export function size(spans: readonly Span[]): number {
  return spans.reduce((sum, s) => sum + s.last - s.first + 1, 0);
}

/** "5000–5999 (1000)", or "7 (1)". */
export function formatSpan(span: Span): string {
  return span.first === span.last ? `${span.first} (1)` : `${span.first}–${span.last} (${span.last - span.first + 1})`;
}
