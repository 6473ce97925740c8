import { addInterval, countOffsets, type Interval } from "./intervals.js";

/**
 * A run's timeline prepared for replaying: the rows of its offset table, and
 * the steps, each a few moments of the run with what they changed. Built from
 * the results file when the site is built (`replay-script.ts`), folded into
 * states here, in the page as at build time.
 */
export interface ReplayScript {
  /** The run's partitions; changes name one by its index here. */
  partitions: { topic: string; partition: number }[];
  /** The offset table's rows, in its order: a group's label and a partition's index. */
  rows: { group: string; p: number }[];
  /** Each group's members, in the run's order: their colours. */
  members: Record<string, string[]>;
  /** Whether to mark each offset (a small run), or to count them. */
  perMessage: boolean;
  /** Whether the run recorded where each produced message went; when not (bulk production without ranges), log ends are unknown until the end. */
  logEndsKnown: boolean;
  steps: ReplayStep[];
  /** Rows whose committed offset after the last step is not the one the broker reported at the end, said in words; absent when none. */
  unexplained?: string[];
}

export interface ReplayStep {
  /** The moments the step covers: ms on the timeline's clock. */
  from: number;
  to: number;
  /** What happened, a line each, at most a few; `more` says how many more events the step holds. */
  lines: string[];
  more: number;
  changes: ReplayChange[];
}

export type ReplayChange =
  /** The partition's log now ends at `logEnd` (the next offset to be written). */
  | { kind: "produced"; p: number; logEnd: number }
  | { kind: "owner"; group: string; p: number; owner: string | null; dead: boolean }
  /** The group's committed offset on the partition is now `offset`: by a member's commit or an admin's reset. */
  | { kind: "commit"; group: string; p: number; offset: number }
  /** The group's committed offset on the partition was deleted (its offsets on the topic, or the whole group). */
  | { kind: "uncommitted"; group: string; p: number }
  /** The broker came back on freshly formatted storage: every committed offset and every log it held is gone. */
  | { kind: "wiped" }
  /** `member` received offsets `first`–`last`; `more`: it went on receiving from there (a run recorded as ranges). */
  | { kind: "delivered"; group: string; member: string; p: number; first: number; last: number; more?: boolean };

/** One row of the offset table at one step. */
export interface RowState {
  owner: string | null;
  /** The owner has crashed and the broker has not noticed yet. */
  dead: boolean;
  committed: number | null;
  logEnd: number | null;
  /** The offsets the group received, as disjoint intervals, and those it received more than once. */
  delivered: Interval[];
  again: Interval[];
  /** Members part-way through receiving a run of offsets: they received more than `delivered` holds. */
  receiving: string[];
}

export interface ReplayState {
  /** 0: before anything happened; n: after the n-th step. */
  step: number;
  at: number;
  rows: RowState[];
}

/** The state before the run and after each of its steps. */
export function replayStates(script: ReplayScript): ReplayState[] {
  const index = new Map(script.rows.map((row, i) => [rowKey(row.group, row.p), i]));
  const byPartition = new Map<number, number[]>();
  script.rows.forEach((row, i) => byPartition.set(row.p, [...(byPartition.get(row.p) ?? []), i]));
  let rows: RowState[] = script.rows.map(() => ({ owner: null, dead: false, committed: null, logEnd: null, delivered: [], again: [], receiving: [] }));
  const states: ReplayState[] = [{ step: 0, at: 0, rows }];
  script.steps.forEach((step, s) => {
    rows = [...rows];
    const update = (i: number | undefined, change: (row: RowState) => Partial<RowState>) => {
      if (i !== undefined) rows[i] = { ...rows[i]!, ...change(rows[i]!) };
    };
    for (const c of step.changes) {
      if (c.kind === "wiped") rows = rows.map((row) => ({ ...row, committed: null, logEnd: null }));
      else if (c.kind === "produced") for (const i of byPartition.get(c.p) ?? []) update(i, (row) => ({ logEnd: Math.max(row.logEnd ?? 0, c.logEnd) }));
      else if (c.kind === "owner") update(index.get(rowKey(c.group, c.p)), () => ({ owner: c.owner, dead: c.dead }));
      else if (c.kind === "commit") update(index.get(rowKey(c.group, c.p)), () => ({ committed: c.offset }));
      else if (c.kind === "uncommitted") update(index.get(rowKey(c.group, c.p)), () => ({ committed: null }));
      else update(index.get(rowKey(c.group, c.p)), (row) => delivered(row, c));
    }
    states.push({ step: s + 1, at: step.to, rows });
  });
  return states;
}

function delivered(row: RowState, c: Extract<ReplayChange, { kind: "delivered" }>): Partial<RowState> {
  const { union, overlap } = addInterval(row.delivered, [c.first, c.last]);
  const again = overlap.reduce((list, piece) => addInterval(list, piece).union, row.again);
  const others = row.receiving.filter((m) => m !== c.member);
  return { delivered: union, again, receiving: c.more ? [...others, c.member] : others };
}

/** Distinct offsets the row's group received. */
export function deliveredCount(row: RowState): number {
  return countOffsets(row.delivered);
}

function rowKey(group: string, p: number): string {
  return `${group}\u0000${p}`;
}
