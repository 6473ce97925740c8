import { describe, expect, it } from "vitest";
import { history } from "./history-fixture.js";
import { shareGroupSettled, type ShareGroupPlan } from "./share-settlement.js";

const S: ShareGroupPlan = { group: "S", topics: ["t"], deliveryLimit: 3 };
const kinds = (w: ReturnType<typeof history>) => shareGroupSettled(w.log(0, 3).columns, S).anomalies.map((a) => [a.kind, a.offset, a.op]);

describe("shareGroupSettled", () => {
  it("holds when each record is accepted or rejected once, or released at every delivery up to the limit", () => {
    const w = history()
      .deliver("S", "S1", 0, 0, 1)
      .settle("S", "S1", 0, 0, "accept")
      .deliver("S", "S1", 0, 1, 1)
      .settle("S", "S1", 0, 1, "reject")
      .deliver("S", "S1", 0, 2, 1)
      .settle("S", "S1", 0, 2, "release")
      .deliver("S", "S2", 0, 2, 2)
      .deliver("S", "S1", 0, 2, 3)
      .settle("S", "S1", 0, 2, "release");
    expect(shareGroupSettled(w.log(0, 3).columns, S)).toMatchObject({ valid: true, checked: 3 });
  });

  it("lets a crashed member's record come back and be accepted by another, and ignores an acknowledgement the broker refused", () => {
    const w = history()
      .deliver("S", "S1", 0, 0, 1)
      .member("S", "S1", "crash")
      .deliver("S", "S2", 0, 0, 2)
      .settle("S", "S1", 0, 0, "accept", "refused")
      .settle("S", "S2", 0, 0, "accept");
    expect(shareGroupSettled(w.log(0, 1).columns, S).valid).toBe(true);
  });

  it("finds a record accepted twice, and one delivered again after it was accepted", () => {
    const w = history().deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept").deliver("S", "S2", 0, 0, 2).settle("S", "S2", 0, 0, "accept");
    const v = shareGroupSettled(w.log(0, 1).columns, S);
    expect(v.anomalies.map((a) => [a.kind, a.offset, a.op])).toEqual([
      ["share-delivered-after-settled", 0, 2],
      ["share-settled-twice", 0, 3],
    ]);
    expect(v.anomalies[1]!.detail).toBe("t/0@0 accepted by S2 after it was already settled");
  });

  it("finds a delivery past the limit", () => {
    const w = history()
      .deliver("S", "S1", 0, 0, 4)
      .settle("S", "S1", 0, 0, "accept")
      .deliver("S", "S1", 0, 1, 1)
      .settle("S", "S1", 0, 1, "accept")
      .deliver("S", "S1", 0, 2, 1)
      .settle("S", "S1", 0, 2, "accept");
    expect(kinds(w)).toEqual([["share-beyond-delivery-limit", 0, 0]]);
  });

  it("finds records lost: released below the limit and never delivered again, or never delivered at all (one anomaly per run)", () => {
    const w = history().deliver("S", "S1", 0, 1, 2).settle("S", "S1", 0, 1, "release").log(0, 6);
    const v = shareGroupSettled(w.columns, S);
    expect(v.anomalies.map((a) => [a.kind, a.offset, a.last, a.op])).toEqual([
      ["share-unsettled", 0, 0, undefined],
      ["share-unsettled", 1, undefined, 0],
      ["share-unsettled", 2, 5, undefined],
    ]);
    expect(v.anomalies.map((a) => a.detail)).toEqual([
      "t/0@0 never delivered to the group",
      "t/0@1 last delivered as delivery 2 of 3 and never settled",
      "t/0@2–5 never delivered to the group",
    ]);
  });

  it("finds a delivery of an offset the log does not hold after the heal, and ignores other groups", () => {
    const w = history().deliver("S", "S1", 0, 7, 1).deliver("Other", "O1", 0, 0, 9).deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept");
    expect(shareGroupSettled(w.log(0, 1).columns, S).anomalies.map((a) => a.detail)).toEqual(["t/0@7 was delivered to S1, but the log after the heal holds no such offset"]);
  });
});

describe("shareGroupSettled with acknowledgements that had no definite answer", () => {
  const plan = { group: "S", topics: ["t"], deliveryLimit: 5 };

  it("counts a record acknowledged without an answer, and never delivered again, as settled", () => {
    const h = history().deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept", "unknown").log(0, 1).columns;
    expect(shareGroupSettled(h, plan).anomalies).toEqual([]);
  });

  it("takes a delivery after such an acknowledgement as showing it settled nothing: the record must still be settled", () => {
    const h = history().deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept", "unknown").deliver("S", "S2", 0, 0, 2).log(0, 1).columns;
    expect(shareGroupSettled(h, plan).anomalies.map((a) => a.detail)).toEqual(["t/0@0 last delivered as delivery 2 of 5 and never settled"]);
  });

  it("does not count a refused acknowledgement as settling anything", () => {
    const h = history().deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept", "refused").log(0, 1).columns;
    expect(shareGroupSettled(h, plan).anomalies.map((a) => a.kind)).toEqual(["share-unsettled"]);
  });
});
