import { describe, expect, test } from "vitest";
import { describeUnacknowledged, offsetRanges, unacknowledged } from "./unacknowledged.js";

const received = (partition: number, ...offsets: number[]) => offsets.map((offset) => ({ partition, offset }));

describe("unacknowledged", () => {
  test("everything received is unacknowledged while nothing is committed", () => {
    expect(unacknowledged(received(0, 0, 1, 2), [{ partition: 0, offset: null }])).toEqual([{ partition: 0, offsets: [0, 1, 2] }]);
  });

  test("what lies below the committed offset is acknowledged, per partition", () => {
    const got = unacknowledged(
      [...received(0, 0, 1, 2, 3, 4), ...received(1, 0, 1)],
      [
        { partition: 0, offset: 3 },
        { partition: 1, offset: 2 },
      ],
    );
    expect(got).toEqual([{ partition: 0, offsets: [3, 4] }]);
  });

  test("a redelivered offset counts once, and offsets come out sorted", () => {
    expect(unacknowledged(received(0, 4, 2, 3, 2), [])).toEqual([{ partition: 0, offsets: [2, 3, 4] }]);
  });
});

describe("offsetRanges", () => {
  test.each([
    [[], ""],
    [[7], "7"],
    [[0, 1, 2, 3, 4], "0-4"],
    [[0, 1, 2, 3, 5, 7, 8], "0-3, 5, 7-8"],
  ])("%j → %s", (offsets, expected) => {
    expect(offsetRanges(offsets)).toBe(expected);
  });
});

describe("describeUnacknowledged", () => {
  test("names the partition, the offsets and how many", () => {
    expect(describeUnacknowledged("A", [{ partition: 0, offsets: [5, 6, 7, 8, 9] }])).toBe("consumer A has received, not yet acknowledged: partition 0 offsets 5-9 (5 messages)");
    expect(describeUnacknowledged("B", [{ partition: 0, offsets: [0] }])).toBe("consumer B has received, not yet acknowledged: partition 0 offset 0 (1 message)");
  });

  test("says so when there is nothing", () => {
    expect(describeUnacknowledged("A", [])).toBe("consumer A has received nothing it has not acknowledged");
  });
});
