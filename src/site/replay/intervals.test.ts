import { expect, test } from "vitest";
import { addInterval, countOffsets, holds, type Interval } from "./intervals.js";

test("disjoint intervals stay apart, sorted; adjacent ones join", () => {
  expect(addInterval([[5, 7]], [0, 2]).union).toEqual([
    [0, 2],
    [5, 7],
  ]);
  expect(addInterval([[0, 2]], [3, 4]).union).toEqual([[0, 4]]);
});

test("what was already there is the overlap, one interval per piece it overlapped", () => {
  const { union, overlap } = addInterval(
    [
      [0, 3],
      [6, 8],
    ],
    [2, 7],
  );
  expect(union).toEqual([[0, 8]]);
  expect(overlap).toEqual([
    [2, 3],
    [6, 7],
  ]);
});

test("a single offset received twice overlaps itself", () => {
  const once = addInterval([], [4, 4]).union;
  expect(addInterval(once, [4, 4])).toEqual({ union: [[4, 4]], overlap: [[4, 4]] });
});

test("counting and membership", () => {
  const list: Interval[] = [
    [0, 2],
    [10, 10],
  ];
  expect(countOffsets(list)).toBe(4);
  expect([holds(list, 2), holds(list, 3), holds(list, 10)]).toEqual([true, false, true]);
  expect(countOffsets([])).toBe(0);
});

test("a backwards interval is refused", () => {
  expect(() => addInterval([], [3, 1])).toThrow("runs forward; found 3–1");
});
