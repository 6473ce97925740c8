import { expect, it } from "vitest";
import { groupProgress } from "./group-progress.js";
import { history } from "./history-fixture.js";

it("counts each group's deliveries before and after the heal, and its first, leaving a group that read nothing at none", () => {
  const h = history().read("A", "A1", 0, [0, 1]).at(100).deliver("S", "S1", 0, 0, 1).read("A", "A2", 0, [2]).columns;
  expect(groupProgress(h, ["A", "S", "B"], 102)).toEqual([
    { group: "A", duringRun: 2, afterHeal: 1, firstAt: 1 },
    { group: "S", duringRun: 1, afterHeal: 0, firstAt: 101 },
    { group: "B", duringRun: 0, afterHeal: 0, firstAt: null },
  ]);
});
