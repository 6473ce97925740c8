import { expect, test } from "vitest";
import type { ReplayChange } from "./replay-state.js";
import { compact, toSteps, type Moment } from "./replay-steps.js";

const moment = (at: number, notable = false, changes: ReplayChange[] = []): Moment => ({ at, order: 0, line: `${notable ? "join" : "event"} at ${at}`, notable, changes });

test("few moments: a step each, timed by the moment", () => {
  const steps = toSteps([moment(1), moment(2)], 5);
  expect(steps).toEqual([
    { from: 1, to: 1, lines: ["event at 1"], more: 0, changes: [] },
    { from: 2, to: 2, lines: ["event at 2"], more: 0, changes: [] },
  ]);
});

test("many moments are merged into at most the steps allowed, a notable one keeping a step of its own", () => {
  const moments = Array.from({ length: 1000 }, (_, i) => moment(i, i === 500));
  const steps = toSteps(moments, 50);
  expect(steps.length).toBeLessThanOrEqual(50);
  expect(steps.find((s) => s.lines[0] === "join at 500")).toMatchObject({ from: 500, to: 500, more: 0 });
  expect(steps[0]).toMatchObject({ from: 0, lines: ["event at 0", "event at 1", "event at 2"] });
  expect(steps.reduce((sum, s) => sum + s.lines.length + s.more, 0)).toBe(1000);
  expect(steps.at(-1)!.to).toBe(999);
});

test("too many notable moments to keep apart are merged like the rest", () => {
  const steps = toSteps(
    Array.from({ length: 100 }, (_, i) => moment(i, true)),
    10,
  );
  expect(steps).toHaveLength(10);
});

test("a replay with no room for a step is refused", () => {
  expect(() => toSteps([moment(1)], 0)).toThrow("at least one step");
});

test("compact keeps the latest owner, commit and log end of each row, and joins a member's consecutive deliveries", () => {
  const changes: ReplayChange[] = [
    { kind: "produced", p: 0, logEnd: 5 },
    { kind: "produced", p: 0, logEnd: 3 },
    { kind: "commit", group: "A", p: 0, offset: 1 },
    { kind: "commit", group: "A", p: 0, offset: 2 },
    { kind: "commit", group: "B", p: 0, offset: 7 },
    { kind: "delivered", group: "A", member: "A1", p: 0, first: 0, last: 0 },
    { kind: "delivered", group: "A", member: "A2", p: 0, first: 1, last: 1 },
    { kind: "delivered", group: "A", member: "A1", p: 0, first: 1, last: 4 },
    { kind: "delivered", group: "A", member: "A1", p: 0, first: 1, last: 1 },
  ];
  expect(compact(changes)).toEqual([
    { kind: "produced", p: 0, logEnd: 5 },
    { kind: "commit", group: "A", p: 0, offset: 2 },
    { kind: "commit", group: "B", p: 0, offset: 7 },
    { kind: "delivered", group: "A", member: "A1", p: 0, first: 0, last: 4 },
    { kind: "delivered", group: "A", member: "A2", p: 0, first: 1, last: 1 },
    { kind: "delivered", group: "A", member: "A1", p: 0, first: 1, last: 1 },
  ]);
});

test("a run still arriving joins what continues it, and is then no longer arriving", () => {
  const changes: ReplayChange[] = [
    { kind: "delivered", group: "A", member: "A1", p: 0, first: 0, last: 0, more: true },
    { kind: "delivered", group: "A", member: "A1", p: 0, first: 1, last: 9 },
    { kind: "delivered", group: "A", member: "A1", p: 1, first: 0, last: 0, more: true },
  ];
  expect(compact(changes)).toEqual([
    { kind: "delivered", group: "A", member: "A1", p: 0, first: 0, last: 9 },
    { kind: "delivered", group: "A", member: "A1", p: 1, first: 0, last: 0, more: true },
  ]);
});
