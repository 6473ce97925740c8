import { describe, expect, it } from "vitest";
import { acknowledgedWritesInLog, lostByPartition } from "./acknowledged-writes.js";
import { history, valueAt } from "./history-fixture.js";

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("acknowledgedWritesInLog", () => {
  it("holds when every acknowledged write is in the log at its offset, whatever failed or went unanswered", () => {
    const w = history().ack(0, range(0, 5)).ack(1, range(0, 3));
    w.recorder.produceFail(20, { producer: "P", topic: "t", partition: 0, value: 99 }, false);
    w.recorder.produceFail(21, { producer: "P", topic: "t", partition: 0, value: 98 }, true);
    const v = acknowledgedWritesInLog(w.log(0, 6, [...range(0, 5).map((o) => valueAt(0, o)), 99]).log(1, 3).columns);
    expect(v).toMatchObject({ valid: true, checked: 8, anomalies: [] });
  });

  it("the control's case: after an unclean election the new leader's shorter log lost acknowledged offsets, and later writes took some of them", () => {
    // The old leader acknowledged 0–9 alone (acks=1) while its follower lagged at 6; the follower, elected uncleanly,
    // went on from 6: value 500 took offset 6. Offsets 6–9 as acknowledged are gone; 7–9 no longer exist at all.
    const w = history()
      .ack(0, range(0, 10))
      .ack(0, [6], () => 500)
      .log(0, 7, [...range(0, 6).map((o) => valueAt(0, o)), 500]);
    const v = acknowledgedWritesInLog(w.columns);
    expect(v.valid).toBe(false);
    expect(v.anomalies.map((a) => [a.kind, a.partition, a.offset, a.op])).toEqual([
      ["lost-acknowledged", 0, 6, 6],
      ["lost-acknowledged", 0, 7, 7],
      ["lost-acknowledged", 0, 8, 8],
      ["lost-acknowledged", 0, 9, 9],
    ]);
    expect(v.anomalies[0]!.detail).toBe("t/0@6 (value 6, acknowledged at 7 ms) is not in the log: the offset now holds value 500");
    expect(v.anomalies[1]!.detail).toBe("t/0@7 (value 7, acknowledged at 8 ms) is not in the log: beyond the log end 7");
    expect(lostByPartition(v)).toBe("t/0 6–9 (4)");
  });

  it("reports a write found at another offset than acknowledged apart from a lost one", () => {
    const w = history()
      .ack(0, [0, 1])
      .log(0, 2, [valueAt(0, 1), valueAt(0, 0)]);
    expect(acknowledgedWritesInLog(w.columns).anomalies.map((a) => [a.kind, a.offset, a.detail])).toEqual([
      ["moved-acknowledged", 0, "t/0@0 (value 0, acknowledged at 1 ms) is in the log at offset 1 instead"],
      ["moved-acknowledged", 1, "t/0@1 (value 1, acknowledged at 2 ms) is in the log at offset 0 instead"],
    ]);
  });

  it("counts a write below the log start, and one in a record the campaign did not write, as lost", () => {
    const w = history()
      .ack(0, [0, 1, 2])
      .log(0, 3, [-1, valueAt(0, 2)], 1);
    expect(acknowledgedWritesInLog(w.columns).anomalies.map((a) => a.detail.split(": ")[1])).toEqual([
      "below the log start 1",
      "the offset now holds a record the campaign did not write",
    ]);
  });

  it("cannot pass a partition that was never read back", () => {
    const v = acknowledgedWritesInLog(history().ack(3, [0, 1]).columns);
    expect(v.anomalies).toEqual([{ kind: "unread-partition", detail: "t/3 holds acknowledged writes but was never read after the heal", op: 0, at: 1, topic: "t", partition: 3 }]);
  });
});
