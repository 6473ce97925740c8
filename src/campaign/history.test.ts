import { describe, expect, it } from "vitest";
import { HistoryRecorder, operation, type HistoryJson } from "./history.js";
import { history, T } from "./history-fixture.js";

describe("HistoryRecorder", () => {
  const sample = () => {
    const r = new HistoryRecorder();
    r.produceInvoke(1, { producer: "P1", topic: T, partition: 2, value: 7 });
    r.produceAck(2, { producer: "P1", topic: T, partition: 2, value: 7, offset: 40 });
    r.produceFail(3, { producer: "P1", topic: T, partition: 2, value: 8 }, true);
    r.produceFail(4, { producer: "P1", topic: T, partition: 2, value: 9 }, false);
    r.consume(5, { group: "A", consumer: "A1", topic: T, partition: 2, offset: 40, value: 7 });
    r.commit(6, { group: "A", consumer: "A1", topic: T, partition: 2, offset: 41, ok: false });
    r.shareDeliver(7, { group: "S", consumer: "S1", topic: T, partition: 2, offset: 40, deliveryCount: 3 });
    r.shareAck(8, { group: "S", consumer: "S1", topic: T, partition: 2, offset: 40, type: "reject", outcome: "taken" });
    r.shareAck(9, { group: "S", consumer: "S1", topic: T, partition: 2, offset: 40, type: "accept", outcome: "refused" });
    r.membership(10, "A", "A2", "crash");
    r.fault(11, 4, 3, true);
    r.fault(12, 6, undefined, false);
    r.logEnd(13, T, 2, 0, 41);
    r.committed(14, "A", T, 2, null);
    return r;
  };

  it("gives back every kind of operation as it was recorded", () => {
    const h = sample().columns();
    expect(Array.from({ length: h.length }, (_, i) => operation(h, i))).toEqual([
      { index: 0, at: 1, kind: "produce-invoke", producer: "P1", topic: T, partition: 2, value: 7 },
      { index: 1, at: 2, kind: "produce-ack", producer: "P1", topic: T, partition: 2, value: 7, offset: 40 },
      { index: 2, at: 3, kind: "produce-fail", producer: "P1", topic: T, partition: 2, value: 8 },
      { index: 3, at: 4, kind: "produce-unknown", producer: "P1", topic: T, partition: 2, value: 9 },
      { index: 4, at: 5, kind: "consume", group: "A", consumer: "A1", topic: T, partition: 2, offset: 40, value: 7 },
      { index: 5, at: 6, kind: "commit", group: "A", consumer: "A1", topic: T, partition: 2, offset: 41, ok: false },
      { index: 6, at: 7, kind: "share-deliver", group: "S", consumer: "S1", topic: T, partition: 2, offset: 40, deliveryCount: 3 },
      { index: 7, at: 8, kind: "share-ack", group: "S", consumer: "S1", topic: T, partition: 2, offset: 40, type: "reject" },
      { index: 8, at: 9, kind: "share-ack-refused", group: "S", consumer: "S1", topic: T, partition: 2, offset: 40, type: "accept" },
      { index: 9, at: 10, kind: "membership", group: "A", consumer: "A2", change: "crash" },
      { index: 10, at: 11, kind: "fault", step: 4, node: 3, applied: true },
      { index: 11, at: 12, kind: "fault", step: 6, node: -1, applied: false },
      { index: 12, at: 13, kind: "log-end", topic: T, partition: 2, logStart: 0, logEnd: 41 },
      { index: 13, at: 14, kind: "committed", group: "A", topic: T, partition: 2, offset: null },
    ]);
  });

  it("grows past its first capacity without losing an operation", () => {
    const r = new HistoryRecorder();
    for (let i = 0; i < 20_000; i++) r.consume(i, { group: "A", consumer: "A1", topic: T, partition: 0, offset: i, value: i });
    const h = r.columns();
    expect(h.length).toBe(20_000);
    expect(operation(h, 19_999)).toMatchObject({ at: 19_999, offset: 19_999 });
    expect(h.names).toEqual(["A", "A1", T]);
  });

  it("survives its JSON for the result file, and refuses a file of another format", () => {
    const r = sample();
    r.logRead(T, 2, 0, [7, -1]);
    r.logRead(T, 2, 2, [9]);
    const json = JSON.parse(JSON.stringify(r)) as HistoryJson;
    expect(json.kinds[json.ops.kind[0]!]).toBe("produce-invoke");
    const back = HistoryRecorder.from(json).columns();
    expect(Array.from({ length: back.length }, (_, i) => operation(back, i))).toEqual(Array.from({ length: back.length }, (_, i) => operation(r.columns(), i)));
    expect(back.logs).toEqual([{ topic: T, partition: 2, logStart: 0, values: [7, -1, 9] }]);
    expect(() => HistoryRecorder.from({ ...json, format: "something-else/9" })).toThrow("expected a history in format campaign-history/1; was given something-else/9");
  });

  it("refuses a log read that leaves a hole", () => {
    const w = history().log(0, 3);
    expect(() => w.recorder.logRead(T, 0, 5, [1])).toThrow("t/0: read from 5, after 3");
  });
});
