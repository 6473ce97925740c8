import { describe, expect, it } from "vitest";
import { committedAtLogEnd } from "./committed-at-end.js";
import { history } from "./history-fixture.js";

const A = { group: "A", topics: ["t"] };

describe("committedAtLogEnd", () => {
  it("holds when the group's last committed reading of every partition is its log end", () => {
    const w = history().log(0, 5).log(1, 3).committed("A", 0, 4).committed("A", 0, 5).committed("A", 1, 3).committed("B", 1, 0);
    expect(committedAtLogEnd(w.columns, A)).toMatchObject({ valid: true, checked: 2 });
  });

  it("finds a partition committed behind, one ahead, one with no committed offset and one never read", () => {
    const w = history().log(0, 5).log(1, 3).log(2, 4).log(3, 1).committed("A", 0, 4).committed("A", 1, 9).committed("A", 2, null);
    const v = committedAtLogEnd(w.columns, A);
    expect(v.anomalies.map((a) => [a.partition, a.offset, a.op, a.detail])).toEqual([
      [0, 4, 4, "group A on t/0: expected committed 5 (the log end); the broker reported committed 4"],
      [1, 9, 5, "group A on t/1: expected committed 3 (the log end); the broker reported committed 9"],
      [2, undefined, 6, "group A on t/2: expected committed 4 (the log end); the broker reported no committed offset"],
      [3, undefined, 3, "group A on t/3: expected committed 1 (the log end); the broker reported no reading of its committed offset"],
    ]);
  });

  it("cannot pass when no log end was read", () => {
    expect(committedAtLogEnd(history().committed("A", 0, 0).columns, A).valid).toBe(false);
  });
});
