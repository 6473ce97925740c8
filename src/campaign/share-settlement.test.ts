import { describe, expect, it } from "vitest";
import { history } from "./history-fixture.js";
import { shareGroupSettled, shareStateKept, type ShareGroupPlan } from "./share-settlement.js";

const S: ShareGroupPlan = { group: "S", topics: ["t"], deliveryLimit: 3 };
const kinds = (w: ReturnType<typeof history>) => shareGroupSettled(w.stateRead("S", 0).log(0, 3).columns, S).anomalies.map((a) => [a.kind, a.offset, a.op]);

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
    expect(shareGroupSettled(w.stateRead("S", 0).log(0, 3).columns, S)).toMatchObject({ valid: true, checked: 3 });
  });

  it("lets a crashed member's record come back and be accepted by another, and ignores an acknowledgement the broker refused", () => {
    const w = history()
      .deliver("S", "S1", 0, 0, 1)
      .member("S", "S1", "crash")
      .deliver("S", "S2", 0, 0, 2)
      .settle("S", "S1", 0, 0, "accept", "refused")
      .settle("S", "S2", 0, 0, "accept");
    expect(shareGroupSettled(w.stateRead("S", 0).log(0, 1).columns, S).valid).toBe(true);
  });

  it("finds a record accepted twice, and one delivered again after it was accepted", () => {
    const w = history().deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept").deliver("S", "S2", 0, 0, 2).settle("S", "S2", 0, 0, "accept");
    const v = shareGroupSettled(w.stateRead("S", 0).log(0, 1).columns, S);
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
    const w = history().deliver("S", "S1", 0, 1, 2).settle("S", "S1", 0, 1, "release").stateRead("S", 0).log(0, 6);
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
    expect(shareGroupSettled(w.stateRead("S", 0).log(0, 1).columns, S).anomalies.map((a) => a.detail)).toEqual([
      "t/0@7 was delivered to S1, but the log after the heal holds no such offset",
    ]);
  });
});

describe("shareGroupSettled with acknowledgements that had no definite answer", () => {
  const plan = { group: "S", topics: ["t"], deliveryLimit: 5 };

  it("counts a record acknowledged without an answer, and never delivered again, as settled", () => {
    const h = history().deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept", "unknown").stateRead("S", 0).log(0, 1).columns;
    expect(shareGroupSettled(h, plan).anomalies).toEqual([]);
  });

  it("takes a delivery after such an acknowledgement as showing it settled nothing: the record must still be settled", () => {
    const h = history().deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept", "unknown").deliver("S", "S2", 0, 0, 2).stateRead("S", 0).log(0, 1).columns;
    expect(shareGroupSettled(h, plan).anomalies.map((a) => a.detail)).toEqual(["t/0@0 last delivered as delivery 2 of 5 and never settled"]);
  });

  it("does not count a refused acknowledgement as settling anything", () => {
    const h = history().deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept", "refused").stateRead("S", 0).log(0, 1).columns;
    expect(shareGroupSettled(h, plan).anomalies.map((a) => a.kind)).toEqual(["share-unsettled"]);
  });
});

describe("shareStateKept: Kafka's share coordinator setting a share-partition's state back", () => {
  /** Records 0–2 accepted at 1–6 ms; then, at 50 ms, delivered again as first deliveries and accepted again; `reset` says what Kafka's log showed. */
  const redelivered = (reset?: { reached: number; at: number; partition?: number }) => {
    const w = history();
    for (const o of [0, 1, 2]) w.deliver("S", "S1", 0, o, 1).settle("S", "S1", 0, o, "accept");
    w.at(50);
    for (const o of [0, 1, 2]) w.deliver("S", "S2", 0, o, 1).settle("S", "S2", 0, o, "accept");
    if (reset) w.stateReset("S", reset.partition ?? 0, reset.reached, reset.at);
    return w.stateRead("S", 0).log(0, 3).columns;
  };

  it("holds, and leaves the redeliveries to the settlement checker, when Kafka's log shows no reset", () => {
    const h = redelivered();
    expect(shareStateKept(h, S)).toMatchObject({ valid: true, checked: 1, anomalies: [], defect: "share-state-reinitialized" });
    expect(shareGroupSettled(h, S).anomalies.map((a) => [a.kind, a.offset])).toEqual(
      [0, 1, 2].flatMap((o) => [
        ["share-delivered-after-settled", o],
        ["share-settled-twice", o],
      ]),
    );
  });

  it("takes over the redeliveries below where the state had reached, after a reset written before them, and reports the reset", () => {
    const h = redelivered({ reached: 3, at: 40 });
    expect(shareGroupSettled(h, S)).toMatchObject({ valid: true, anomalies: [] });
    const v = shareStateKept(h, S);
    expect(v.valid).toBe(false);
    expect(v.anomalies.map((a) => [a.kind, a.offset])).toEqual([
      ["share-state-reset", 3],
      ["share-delivered-after-settled", 0],
      ["share-settled-twice", 0],
      ["share-delivered-after-settled", 1],
      ["share-settled-twice", 1],
      ["share-delivered-after-settled", 2],
      ["share-settled-twice", 2],
    ]);
    expect(v.anomalies[0]!.detail).toBe(
      "t/0: Kafka's share coordinator wrote a new state with its start undecided (state epoch 2, the epoch it had) at 0.0 s, after acknowledgements had moved it to 3",
    );
    expect(v.anomalies.every((a) => a.defect === "share-state-reinitialized")).toBe(true);
  });

  it("reports a reset at a new state epoch, and the redeliveries it explains, as no known defect's", () => {
    const w = history();
    for (const o of [0, 1]) w.deliver("S", "S1", 0, o, 1).settle("S", "S1", 0, o, "accept");
    w.at(50).deliver("S", "S2", 0, 0, 1).stateReset("S", 0, 2, 40, false);
    const h = w.stateRead("S", 0).log(0, 2).columns;
    expect(shareGroupSettled(h, S).anomalies).toEqual([]);
    expect(shareStateKept(h, S).anomalies.map((a) => [a.kind, a.defect])).toEqual([
      ["share-state-reset-new-epoch", undefined],
      ["share-delivered-after-settled", undefined],
    ]);
  });

  it("explains nothing by a reset written after the redelivery, above the offsets it had reached, or of another partition", () => {
    for (const reset of [
      { reached: 3, at: 60 },
      { reached: 2, at: 40 },
      { reached: 3, at: 40, partition: 1 },
    ]) {
      const h = redelivered(reset);
      const left = shareGroupSettled(h, S).anomalies.map((a) => a.offset);
      expect(left.length).toBeGreaterThan(0);
      if (reset.reached === 2) expect(left).toEqual([2, 2]);
    }
  });
});

describe("shareGroupSettled without Kafka's share coordinator log", () => {
  it("reports each partition whose log was not read as not judged, whatever its deliveries", () => {
    const v = shareGroupSettled(history().deliver("S", "S1", 0, 0, 1).settle("S", "S1", 0, 0, "accept").log(0, 1).columns, S);
    expect(v.anomalies.map((a) => [a.kind, a.partition])).toEqual([["share-state-unread", 0]]);
    expect(shareStateKept(history().log(0, 1).columns, S)).toMatchObject({ valid: true, checked: 0 });
  });
});
