import { describe, expect, test } from "vitest";
import { ReceivedRangeLog } from "./received-range-log.js";

const range = (first: number, last: number, firstAt: number, lastAt: number, memberId = "m1") => ({
  topic: "t",
  partition: 0,
  first,
  last,
  memberId,
  consumer: "C",
  firstAt,
  lastAt,
});

describe("ReceivedRangeLog", () => {
  test("consecutive batches of one member merge into one range, timed by the first and last arrival", () => {
    const log = new ReceivedRangeLog("C");
    log.append("t", 0, [0, 1, 2], 10, "m1", 1);
    log.append("t", 0, [3, 4], 20, "m1", 1);
    expect(log.ranges).toEqual([range(0, 4, 10, 20)]);
    expect(log.count).toBe(5);
    expect(log.highest("t", 0)).toBe(4);
  });

  test("a gap, a repeat and a new join each start a new range", () => {
    const log = new ReceivedRangeLog("C");
    log.append("t", 0, [0, 1, 5, 6], 10, "m1", 1);
    log.append("t", 0, [6], 11, "m1", 1);
    log.append("t", 0, [7], 12, "m1", 2);
    expect(log.ranges).toEqual([range(0, 1, 10, 10), range(5, 6, 10, 10), range(6, 6, 11, 11), range(7, 7, 12, 12)]);
    expect(log.count).toBe(6);
    expect(log.has("t", 0, 3)).toBe(false);
    expect(log.has("t", 0, 5)).toBe(true);
  });

  test("partitions keep runs of their own, and a new member id breaks the run", () => {
    const log = new ReceivedRangeLog("C");
    log.append("t", 0, [0], 1, "m1", 1);
    log.append("t", 1, [0], 2, "m1", 1);
    log.append("t", 0, [1], 3, "m2", 1);
    expect(log.ranges.map((r) => `${r.partition}:${r.first}-${r.last}:${r.memberId}`)).toEqual(["0:0-0:m1", "1:0-0:m1", "0:1-1:m2"]);
    expect(log.highest("t", 2)).toBeUndefined();
  });
});
