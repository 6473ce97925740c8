import type { ReplayChange, ReplayStep } from "./replay-state.js";

/** Steps a replay has at most: enough to follow a story, few enough to step through and to keep a page small at a million messages. */
export const MAX_STEPS = 300;
/** Lines a merged step lists; it says how many more it holds. */
const LINES = 3;

/** One thing that happened, at one moment: an event of the timeline or a delivery. */
export interface Moment {
  at: number;
  /** Breaks ties between moments at the same millisecond. */
  order: number;
  line: string;
  /** A membership change, a reset: merged steps never hide one inside a run of others. */
  notable: boolean;
  changes: ReplayChange[];
}

/**
 * Moments (in time order) as steps: one each when there are few enough,
 * otherwise runs of consecutive moments merged, a notable moment always a
 * step of its own unless there are too many of those too. The state after a
 * merged step is the state after its last moment, so the last step's state
 * never depends on the merging.
 */
export function toSteps(moments: readonly Moment[], maxSteps = MAX_STEPS): ReplayStep[] {
  if (maxSteps < 1) throw new Error(`a replay needs room for at least one step; asked for at most ${maxSteps}`);
  return chunks(moments, maxSteps).map(step);
}

function chunks(moments: readonly Moment[], maxSteps: number): Moment[][] {
  if (moments.length <= maxSteps) return moments.map((m) => [m]);
  const even = Math.ceil(moments.length / maxSteps);
  for (let size = even; size < moments.length * 2; size *= 2) {
    const split = splitEvery(moments, size, true);
    if (split.length <= maxSteps) return split;
  }
  return splitEvery(moments, even, false);
}

function splitEvery(moments: readonly Moment[], size: number, notableAlone: boolean): Moment[][] {
  const out: Moment[][] = [];
  let current: Moment[] = [];
  const flush = () => {
    if (current.length > 0) out.push(current);
    current = [];
  };
  for (const m of moments) {
    if (notableAlone && m.notable) {
      flush();
      out.push([m]);
      continue;
    }
    current.push(m);
    if (current.length >= size) flush();
  }
  flush();
  return out;
}

function step(moments: readonly Moment[]): ReplayStep {
  const lines = moments.slice(0, LINES).map((m) => m.line);
  return { from: moments[0]!.at, to: moments.at(-1)!.at, lines, more: moments.length - lines.length, changes: compact(moments.flatMap((m) => m.changes)) };
}

/**
 * The step's changes, as few as give the same state: a later log end, owner or
 * commit of a row replaces an earlier one in the step; deliveries of one
 * member that continue each other join.
 */
export function compact(changes: readonly ReplayChange[]): ReplayChange[] {
  const latest = new Map<string, ReplayChange>();
  const deliveries: Extract<ReplayChange, { kind: "delivered" }>[] = [];
  const lastOf = new Map<string, number>();
  for (const c of changes) {
    if (c.kind === "wiped") {
      // What the broker held before it lost its storage no longer counts: only what follows in the step does.
      for (const key of [...latest.keys()]) if (key.startsWith("produced ") || key.startsWith("commit ")) latest.delete(key);
      latest.delete("wiped");
      latest.set("wiped", c);
      continue;
    }
    if (c.kind !== "delivered") {
      // A deletion and a commit of one row share a key: whichever comes last in the step stands.
      const key = c.kind === "produced" ? `produced ${c.p}` : `${c.kind === "uncommitted" ? "commit" : c.kind} ${c.group} ${c.p}`;
      const before = latest.get(key);
      latest.delete(key);
      // Log ends only grow: a batch's messages arrive in any order of partitions.
      latest.set(key, c.kind === "produced" && before?.kind === "produced" && before.logEnd > c.logEnd ? before : c);
      continue;
    }
    // Joining two runs of one member, the second continuing the first, leaves every offset received as often as
    // before and the member receiving or not as the second says: the state after the step is the same.
    const key = `${c.group} ${c.member} ${c.p}`;
    const index = lastOf.get(key);
    const previous = index === undefined ? undefined : deliveries[index];
    if (index !== undefined && previous && c.first === previous.last + 1) {
      const { more: _, ...rest } = previous;
      deliveries[index] = { ...rest, last: c.last, ...(c.more ? { more: true } : {}) };
    } else {
      lastOf.set(key, deliveries.length);
      deliveries.push(c);
    }
  }
  return [...latest.values(), ...deliveries];
}
