import { expect, test } from "vitest";
import { offsetMarks, replayTable, stepCaption, stepLines } from "./replay-cells.js";
import type { ReplayScript, ReplayState, RowState } from "./replay-state.js";

const script: ReplayScript = {
  partitions: [{ topic: "t", partition: 0 }],
  rows: [{ group: "A", p: 0 }],
  members: { A: ["A1"] },
  perMessage: true,
  logEndsKnown: true,
  steps: [
    { from: 5, to: 5, lines: ["A1 joined"], more: 0, changes: [] },
    { from: 1200, to: 4591, lines: ["a", "b", "c"], more: 4, changes: [] },
  ],
};
const row = (over: Partial<RowState>): RowState => ({ owner: null, dead: false, committed: null, logEnd: null, delivered: [], again: [], receiving: [], ...over });
const state = (step: number, r: RowState): ReplayState => ({ step, at: 0, rows: [r] });

test("the table reads like the offset table, with the owner and what was delivered", () => {
  const table = replayTable(script, state(1, row({ owner: "A1", dead: true, committed: 2, logEnd: 5, delivered: [[0, 3]], again: [[1, 1]], receiving: ["A1"] })));
  expect(table.headers).toEqual(["GROUP", "PARTITION", "OWNER", "DELIVERED", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG"]);
  expect(table.rows[0]!.cells).toEqual(["A", "0", "A1 (crashed)", "4 (1 again) + receiving", "2", "5", "3"]);
  expect(replayTable(script, state(0, row({}))).rows[0]!.cells).toEqual(["A", "0", "-", "0", "-", "0", "-"]);
  expect(replayTable({ ...script, logEndsKnown: false }, state(0, row({ committed: 3 }))).rows[0]!.cells).toEqual(["A", "0", "-", "0", "3", "-", "-"]);
});

test("each offset is marked as it stands at the step, up to the last the run wrote", () => {
  const final = state(2, row({ logEnd: 6, committed: 6, delivered: [[0, 5]] }));
  const now = state(1, row({ logEnd: 5, committed: 3, delivered: [[1, 3]], again: [[2, 2]] }));
  expect(offsetMarks(script, now, final)[0]!.map((m) => m.kind)).toEqual(["acked-unread", "acked", "acked-again", "delivered", "waiting", "future"]);
  // Before anything was written: nothing is, when the run recorded where its messages went; unknown otherwise.
  expect(offsetMarks(script, state(0, row({})), final)[0]!.map((m) => m.kind)).toEqual(Array(6).fill("future"));
  expect(offsetMarks({ ...script, logEndsKnown: false }, state(0, row({})), final)[0]!.map((m) => m.kind)).toEqual(Array(6).fill("waiting"));
});

test("captions and lines say where the replay is and what the step holds", () => {
  expect(stepCaption(script, state(0, row({})))).toBe("Before the run · 2 steps");
  expect(stepCaption(script, state(1, row({})))).toBe("Step 1 of 2 · +5 ms");
  expect(stepCaption(script, state(2, row({})))).toBe("Step 2 of 2 · +1,200–4,591 ms");
  expect(stepLines(script, state(2, row({})))).toEqual(["a", "b", "c", "… and 4 more events in this step"]);
  expect(stepLines(script, state(0, row({})))[0]).toContain("press play");
});
