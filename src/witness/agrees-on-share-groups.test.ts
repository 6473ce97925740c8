import { describe, expect, it } from "vitest";
import { evidence, shareGroup, TOPIC } from "../checks/evidence-fixture.js";
import { agreesOnShareGroups, bothWitnessed } from "./agrees-on-share-groups.js";

const run = evidence({
  shareGroups: [
    shareGroup("S", {
      partitions: [
        { topic: TOPIC, partition: 0, startOffset: 2, lag: 0 },
        { topic: TOPIC, partition: 1, startOffset: null, lag: null },
      ],
    }),
  ],
});
const row = (partition: number, startOffset: number | null, lag: number | null) => ({ group: "sg-S", topic: TOPIC, partition, startOffset, lag });

describe("agreesOnShareGroups", () => {
  it("agrees when the tool prints the start offset and lag we read, and `-` (or no row) where we read none", () => {
    expect(agreesOnShareGroups(run, [row(0, 2, 0), row(1, null, null)])).toEqual({
      state: "agreed",
      detail: "expected share-group start offsets and lag S p0 start 2 lag 0, S p1 start - lag -; the share-groups tool reported the same",
    });
    expect(agreesOnShareGroups(run, [row(0, 2, 0)]).state).toBe("agreed");
  });

  it("disagrees on another number, a missing row, or state on a partition we have none for", () => {
    expect(agreesOnShareGroups(run, [row(0, 2, 1)]).detail).toBe("S p0: expected START-OFFSET 2 and LAG 0; the share-groups tool reported 2 and 1");
    expect(agreesOnShareGroups(run, [row(1, null, null)]).detail).toBe("S p0: expected START-OFFSET 2 and LAG 0; the share-groups tool reported no row for it");
    expect(agreesOnShareGroups(run, [row(0, 2, 0), row(2, 0, 3)]).detail).toContain("S t/2: expected no state (the evidence has none there)");
  });

  it("compares nothing when the evidence holds no share-group state: no agreement", () => {
    expect(agreesOnShareGroups(evidence({ shareGroups: [shareGroup("S")] }), [])).toEqual({ state: "not-run", detail: "the evidence has no share-group state to compare" });
  });
});

describe("bothWitnessed", () => {
  const agreed = { state: "agreed" as const, detail: "a" };
  it("agrees only if the tool agreed on both kinds of group, and disagrees if it disagreed on either", () => {
    expect(bothWitnessed([agreed])).toBe(agreed);
    expect(bothWitnessed([agreed, { state: "agreed", detail: "b" }])).toEqual({ state: "agreed", detail: "a; b" });
    expect(
      bothWitnessed([
        { state: "not-run", detail: "x" },
        { state: "disagreed", detail: "y" },
      ]),
    ).toEqual({ state: "disagreed", detail: "y" });
    expect(bothWitnessed([agreed, { state: "not-run", detail: "no answer" }])).toEqual({ state: "not-run", detail: "agreed: a; not-run: no answer" });
  });
});
