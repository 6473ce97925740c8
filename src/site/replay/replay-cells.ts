import { countOffsets, holds } from "./intervals.js";
import type { ReplayScript, ReplayState, RowState } from "./replay-state.js";

/** What the replay's table and marks show at one step, as text: the component only lays it out. */

export interface ReplayTable {
  headers: string[];
  /** Columns holding numbers, right-aligned. */
  numeric: number[];
  rows: { cells: string[]; owner: string | null; dead: boolean }[];
}

/** The offset table at this step, in the order of the run's final offset table. */
export function replayTable(script: ReplayScript, state: ReplayState): ReplayTable {
  const several = new Set(script.partitions.map((p) => p.topic)).size > 1;
  const headers = ["GROUP", ...(several ? ["TOPIC"] : []), "PARTITION", "OWNER", "DELIVERED", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG"];
  const numeric = headers.flatMap((h, i) => (["PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG"].includes(h) ? [i] : []));
  const rows = script.rows.map((key, i) => {
    const row = state.rows[i]!;
    const where = script.partitions[key.p]!;
    // Where the run recorded where every message went, a partition nothing was written to yet ends at 0.
    const logEnd = row.logEnd ?? (script.logEndsKnown ? 0 : null);
    const lag = row.committed === null || logEnd === null ? null : logEnd - row.committed;
    const owner = row.owner === null ? "-" : row.dead ? `${row.owner} (crashed)` : row.owner;
    return {
      cells: [key.group, ...(several ? [where.topic] : []), String(where.partition), owner, deliveredText(row), dash(row.committed), dash(logEnd), dash(lag)],
      owner: row.owner,
      dead: row.dead,
    };
  });
  return { headers, numeric, rows };
}

/** "12", "12 (1 again)", "1 + receiving": distinct offsets received, repeats, and whether more is arriving. */
export function deliveredText(row: RowState): string {
  const count = countOffsets(row.delivered);
  const again = countOffsets(row.again);
  return `${count}${again > 0 ? ` (${again} again)` : ""}${row.receiving.length > 0 ? " + receiving" : ""}`;
}

/** An offset's place at this step: not yet written, waiting, received, received again; acknowledged (below the commit) or not. */
export type MarkKind = "future" | "waiting" | "delivered" | "again" | "acked" | "acked-again" | "acked-unread";

export interface OffsetMark {
  offset: number;
  kind: MarkKind;
}

/** Each row's offsets, from 0 up to the last the run ever wrote there, marked as they stand at this step. */
export function offsetMarks(script: ReplayScript, state: ReplayState, final: ReplayState): OffsetMark[][] {
  return script.rows.map((_, i) => {
    const row = state.rows[i]!;
    const end = final.rows[i]!;
    const upTo = Math.max(end.logEnd ?? 0, end.committed ?? 0, ...end.delivered.map(([, last]) => last + 1));
    return Array.from({ length: upTo }, (_, offset) => ({ offset, kind: markKind(row, offset, script.logEndsKnown) }));
  });
}

/** `logEndsKnown`: a partition with no log end yet has had nothing written; otherwise nothing can be said of it. */
function markKind(row: RowState, offset: number, logEndsKnown: boolean): MarkKind {
  const received = holds(row.delivered, offset);
  const again = holds(row.again, offset);
  if (row.committed !== null && offset < row.committed) return !received ? "acked-unread" : again ? "acked-again" : "acked";
  if (received) return again ? "again" : "delivered";
  const written = row.logEnd ?? (logEndsKnown ? 0 : Infinity);
  return offset >= written ? "future" : "waiting";
}

export const MARK_WORDS: Record<MarkKind, string> = {
  future: "not written yet",
  waiting: "written, not received",
  delivered: "received",
  again: "received more than once",
  acked: "received and acknowledged",
  "acked-again": "received more than once, acknowledged",
  "acked-unread": "acknowledged without being received",
};

/** "Step 3 of 57 · +4,591 ms", or the span of a merged step. */
export function stepCaption(script: ReplayScript, state: ReplayState): string {
  const total = script.steps.length;
  if (state.step === 0) return `Before the run · ${total} step${total === 1 ? "" : "s"}`;
  const step = script.steps[state.step - 1]!;
  const when = step.from === step.to ? `+${ms(step.to)} ms` : `+${ms(step.from)}–${ms(step.to)} ms`;
  return `Step ${state.step} of ${total} · ${when}`;
}

/** The lines of what happened in the step, and how many more it merged. */
export function stepLines(script: ReplayScript, state: ReplayState): string[] {
  if (state.step === 0) return ["Nothing has happened yet: press play, or step forward."];
  const step = script.steps[state.step - 1]!;
  return [...step.lines, ...(step.more > 0 ? [`… and ${step.more} more event${step.more === 1 ? "" : "s"} in this step`] : [])];
}

function ms(value: number): string {
  return value.toLocaleString("en");
}

function dash(value: number | null): string {
  return value === null ? "-" : String(value);
}
