import { describe, expect, test } from "vitest";
import { committedAtLogEnd, everyOffsetDelivered, logHolds, noDuplicateOutsideMembershipChange, producedIsTheLog } from "./accounting.js";
import { group, range, rangeEvidence, TOPIC } from "./evidence-fixture.js";
import { noAnomalies } from "./anomalies.js";

const A = { group: "A" };
const committed = (...offsets: number[]) => offsets.map((offset, partition) => ({ topic: TOPIC, partition, offset }));
const join = (at: number, actor = "A2") => ({ at, event: "join" as const, actor, summary: `${actor} joined`, group: "A" });

/** Group A: A1 reads p0, A2 reads p1, each from 0 to the end in one range; both committed at the end. */
function whole(extra: Parameters<typeof range>[] = [], ends = [1000, 500]) {
  return group("A", {
    committed: committed(...ends),
    receivedRanges: [range("A1", "m1", 0, [0, ends[0]! - 1], [10, 90]), range("A2", "m2", 1, [0, ends[1]! - 1], [12, 80]), ...extra.map((r) => range(...r))],
  });
}

describe("everyOffsetDelivered", () => {
  test("holds when the ranges cover every offset below the log end", () => {
    const check = everyOffsetDelivered(rangeEvidence([1000, 500], { groups: [whole()] }), A);
    expect(check.outcome).toBe("pass");
    expect(check.detail).toContain("all 1500 offsets received");
  });

  test("a gap fails, naming the span never received", () => {
    const g = group("A", { receivedRanges: [range("A1", "m1", 0, [0, 4999], [1, 5]), range("A1", "m1", 0, [6000, 9999], [6, 9])] });
    const check = everyOffsetDelivered(rangeEvidence([10_000], { groups: [g] }), A);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("p0 never received 5000–5999 (1000)");
  });

  test("offsets beyond the broker's log end fail too", () => {
    const g = group("A", { receivedRanges: [range("A1", "m1", 0, [0, 11], [1, 5])] });
    expect(everyOffsetDelivered(rangeEvidence([10], { groups: [g] }), A).detail).toContain("p0 received 10–11 (2) beyond the log end 10");
  });

  test("an empty log fails: there is nothing to account for", () => {
    expect(everyOffsetDelivered(rangeEvidence([0], { groups: [group("A", { committed: committed(0) })] }), A).outcome).toBe("fail");
  });

  test("is inconclusive for a group the evidence lacks", () => {
    expect(everyOffsetDelivered(rangeEvidence([10], { groups: [] }), A).outcome).toBe("inconclusive");
  });
});

describe("noDuplicateOutsideMembershipChange", () => {
  test("an overlap with no membership change between the two receipts fails", () => {
    const g = whole([["A2", "m2", 0, [900, 999], [95, 99]]]);
    const check = noDuplicateOutsideMembershipChange(rangeEvidence([1000, 500], { groups: [g] }), A);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("p0 900–999 (100) to A1 (by +90 ms) then A2 (from +95 ms)");
  });

  test("the same overlap across a join is a rebalance's redelivery, and holds", () => {
    const g = whole([["A2", "m2", 0, [900, 999], [95, 99]]]);
    const check = noDuplicateOutsideMembershipChange(rangeEvidence([1000, 500], { groups: [g], timeline: [join(92)] }), A);
    expect(check.outcome).toBe("pass");
    expect(check.detail).toContain("1 redelivered span(s), each across a membership change");
  });

  test("a duplicate range — the same offsets to the same consumer twice — fails", () => {
    const g = whole([["A1", "m1", 0, [0, 999], [91, 99]]]);
    expect(noDuplicateOutsideMembershipChange(rangeEvidence([1000, 500], { groups: [g] }), A).outcome).toBe("fail");
  });

  test("a membership change inside the earlier range's arrivals does not excuse it: the receipts may both lie after it", () => {
    const g = whole([["A2", "m2", 0, [500, 600], [85, 88]]]);
    expect(noDuplicateOutsideMembershipChange(rangeEvidence([1000, 500], { groups: [g], timeline: [join(50)] }), A).outcome).toBe("fail");
  });

  test("another group's membership change excuses nothing", () => {
    const g = whole([["A2", "m2", 0, [900, 999], [95, 99]]]);
    const other = { ...join(92), group: "B" };
    expect(noDuplicateOutsideMembershipChange(rangeEvidence([1000, 500], { groups: [g], timeline: [other] }), A).outcome).toBe("fail");
  });
});

describe("committedAtLogEnd", () => {
  test("holds when every partition's commit is its log end", () => {
    expect(committedAtLogEnd(rangeEvidence([1000, 500], { groups: [whole()] }), A).outcome).toBe("pass");
  });

  test("a commit below the log end fails, with both numbers", () => {
    const g = { ...whole(), committed: committed(1000, 499) };
    const check = committedAtLogEnd(rangeEvidence([1000, 500], { groups: [g] }), A);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toBe("expected p0=1000, p1=500 (the log-end offsets); the broker reported p0=1000, p1=499");
  });

  test("a partition with no commit fails", () => {
    const g = { ...whole(), committed: committed(1000) };
    expect(committedAtLogEnd(rangeEvidence([1000, 500], { groups: [g] }), A).outcome).toBe("fail");
  });
});

describe("producedIsTheLog", () => {
  test("holds when the acknowledged ranges are the log", () => {
    expect(producedIsTheLog(rangeEvidence([1000, 500], { groups: [whole()] })).outcome).toBe("pass");
  });

  test("a hole, an offset acknowledged twice, or no record at all fails", () => {
    const holed = rangeEvidence([10], {
      producedRanges: [
        { topic: TOPIC, partition: 0, first: 0, last: 4 },
        { topic: TOPIC, partition: 0, first: 4, last: 8 },
      ],
    });
    const check = producedIsTheLog(holed);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("p0 9 (1) in the log but never acknowledged");
    expect(check.detail).toContain("p0 has 1 offset(s) acknowledged twice");
    expect(producedIsTheLog(rangeEvidence([10], { producedRanges: [] })).outcome).toBe("fail");
  });
});

describe("noAnomalies on ranges", () => {
  test("a whole, stable run has none", () => {
    const [check] = noAnomalies(rangeEvidence([1000, 500], { groups: [whole()] }));
    expect(check?.outcome).toBe("pass");
    expect(check?.detail).toBe("2 received ranges checked");
  });

  test("a gap is a lost write, and a consumer's jump with no membership change a skip", () => {
    const g = group("A", { receivedRanges: [range("A1", "m1", 0, [0, 9], [1, 2]), range("A1", "m1", 0, [20, 29], [3, 4])] });
    const [check] = noAnomalies(rangeEvidence([30], { groups: [g] }));
    expect(check?.outcome).toBe("fail");
    expect(check?.detail).toContain("lost: p0 10–19 (10) never received between received offsets");
    expect(check?.detail).toContain("skip: A1 on p0: 9 then 20");
  });

  test("a step back with no membership change, and a commit ahead of what was received, are found", () => {
    const g = group("A", {
      committed: committed(40),
      receivedRanges: [range("A1", "m1", 0, [0, 29], [1, 2]), range("A1", "m1", 0, [25, 29], [3, 4])],
    });
    const [check] = noAnomalies(rangeEvidence([40], { groups: [g] }));
    expect(check?.detail).toContain("backwards: A1 on p0: 29 then 25");
    expect(check?.detail).toContain("commit-ahead: p0 committed at 40, but the group received only up to 29");
  });
});

describe("logHolds", () => {
  test("holds when the log-end offsets add up to the count, every partition used", () => {
    expect(logHolds(rangeEvidence([600, 400]), 1000).outcome).toBe("pass");
  });

  test("a short log or an empty partition fails, with the broker's numbers", () => {
    const check = logHolds(rangeEvidence([600, 399]), 1000);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toBe("expected 1000 in all, none of the partitions empty; the broker's log-end offsets are p0=600, p1=399 (999 in all)");
    expect(logHolds(rangeEvidence([1000, 0]), 1000).outcome).toBe("fail");
  });
});
