import { describe, expect, test } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { evidence, group, produced, received, TOPIC } from "./evidence-fixture.js";
import { lagToEachEnd, readToLogEnd, stableBehindLogEnd, stoppedShortOfLogEnd } from "./log-ends.js";

const ENDS = { logReading: 1, topic: TOPIC };
const ends = (highWatermark: number, lastStable: number): TimelineEvent => ({
  at: 10,
  event: "observe",
  actor: "broker",
  summary: "broker: t ends",
  logReading: 1,
  topic: TOPIC,
  moment: "now",
  logEnds: [{ partition: 0, highWatermark, lastStable }],
});
const committedAt = (offset: number): TimelineEvent => ({
  at: 11,
  event: "observe",
  actor: "broker",
  summary: "broker: group RC has committed",
  reading: 1,
  group: "RC",
  moment: "now",
  committed: [{ topic: TOPIC, partition: 0, offset }],
});
const eight = produced([0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [0, 7]);
const rcGot = (...offsets: number[]) => group("RC", { received: received("RC", "m", ...offsets.map((o): [number, number] => [0, o])) });

describe("stableBehindLogEnd", () => {
  test("holds while a transaction keeps the last stable offset behind", () => {
    expect(stableBehindLogEnd(evidence({ timeline: [ends(8, 5)] }), ENDS).outcome).toBe("pass");
  });
  test("fails when the two ends are one", () => {
    expect(stableBehindLogEnd(evidence({ timeline: [ends(9, 9)] }), ENDS).outcome).toBe("fail");
  });
  test("cannot be judged without the reading", () => {
    expect(stableBehindLogEnd(evidence(), ENDS).outcome).toBe("inconclusive");
  });
});

describe("stoppedShortOfLogEnd", () => {
  test("holds when the reader was given everything below the last stable offset and nothing from it", () => {
    const e = evidence({ produced: eight, groups: [rcGot(0, 1, 2, 3, 4)], timeline: [ends(8, 5)] });
    expect(stoppedShortOfLogEnd(e, { consumer: "RC" }, ENDS)).toMatchObject({ outcome: "pass", detail: "not given p0@5, p0@6, p0@7; the last stable offset was 5" });
  });
  test("fails when the reader was given every write", () => {
    const e = evidence({ produced: eight, groups: [rcGot(0, 1, 2, 3, 4, 5, 6, 7)], timeline: [ends(9, 9)] });
    expect(stoppedShortOfLogEnd(e, { consumer: "RC" }, ENDS).outcome).toBe("fail");
  });
  test("fails when what the reader missed is below the last stable offset: that is loss, not a transaction", () => {
    const e = evidence({ produced: eight, groups: [rcGot(0, 1, 3, 4)], timeline: [ends(8, 5)] });
    expect(stoppedShortOfLogEnd(e, { consumer: "RC" }, ENDS)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("some of those are below it") });
  });
});

describe("readToLogEnd", () => {
  test("holds when the reader got every write below the high watermark", () => {
    const e = evidence({ produced: eight, groups: [rcGot(0, 1, 2, 3, 4, 5, 6, 7)], timeline: [ends(8, 5)] });
    expect(readToLogEnd(e, { consumer: "RC" }, ENDS).outcome).toBe("pass");
  });
  test("fails when it stopped at the last stable offset", () => {
    const e = evidence({ produced: eight, groups: [rcGot(0, 1, 2, 3, 4)], timeline: [ends(8, 5)] });
    expect(readToLogEnd(e, { consumer: "RC" }, ENDS).outcome).toBe("fail");
  });
});

describe("lagToEachEnd", () => {
  const reading = { reading: 1, group: "RC" };
  test("holds when the committed offset lags each end by what is expected", () => {
    const e = evidence({ timeline: [ends(8, 5), committedAt(5)] });
    expect(lagToEachEnd(e, reading, ENDS, { toHighWatermark: 3, toLastStable: 0 })).toMatchObject({ outcome: "pass" });
  });
  test("fails when either lag differs", () => {
    const e = evidence({ timeline: [ends(9, 9), committedAt(8)] });
    expect(lagToEachEnd(e, reading, ENDS, { toHighWatermark: 3, toLastStable: 0 })).toMatchObject({
      outcome: "fail",
      detail: "committed 8: lag 1 to the high watermark (9), 1 to the last stable offset (9)",
    });
  });
  test("cannot be judged without the group's reading", () => {
    expect(lagToEachEnd(evidence({ timeline: [ends(8, 5)] }), reading, ENDS, { toHighWatermark: 3, toLastStable: 0 }).outcome).toBe("inconclusive");
  });
});
