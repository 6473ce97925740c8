import { describe, expect, test } from "vitest";
import { describeReset, kafkaToolArguments, parseDatetime, parseDuration, parseShift, resetTargets, timestampOf, type PartitionFacts } from "./reset-targets.js";

// p0's log starts at 2 (records deleted), p1's at 0; both end at 10. The group has committed 5 and 3.
const facts: PartitionFacts[] = [
  { partition: 0, logStart: 2, logEnd: 10, committed: 5 },
  { partition: 1, logStart: 0, logEnd: 10, committed: 3 },
];

describe("resetTargets", () => {
  test("earliest and latest are the log start and end of every partition", () => {
    expect(resetTargets({ spec: { to: "earliest" } }, facts)).toEqual([
      { partition: 0, offset: 2 },
      { partition: 1, offset: 0 },
    ]);
    expect(resetTargets({ spec: { to: "latest" } }, facts)).toEqual([
      { partition: 0, offset: 10 },
      { partition: 1, offset: 10 },
    ]);
  });

  test("one partition leaves the others out", () => {
    expect(resetTargets({ spec: { to: "latest" }, partition: 1 }, facts)).toEqual([{ partition: 1, offset: 10 }]);
  });

  test("a shift moves each committed offset, clamped to the log start and end as the tool does", () => {
    expect(resetTargets({ spec: { to: "shift", by: -4 } }, facts)).toEqual([
      { partition: 0, offset: 2, clamped: { wanted: 1, to: "log start" } },
      { partition: 1, offset: 0, clamped: { wanted: -1, to: "log start" } },
    ]);
    expect(resetTargets({ spec: { to: "shift", by: 6 } }, facts)).toEqual([
      { partition: 0, offset: 10, clamped: { wanted: 11, to: "log end" } },
      { partition: 1, offset: 9 },
    ]);
  });

  test("a shift within the log is not clamped; a shift to exactly the edge is not clamped either", () => {
    expect(resetTargets({ spec: { to: "shift", by: -3 }, partition: 0 }, facts)).toEqual([{ partition: 0, offset: 2 }]);
  });

  test("an explicit offset outside the log is clamped to its edge", () => {
    expect(resetTargets({ spec: { to: "offset", offset: 1 }, partition: 0 }, facts)).toEqual([{ partition: 0, offset: 2, clamped: { wanted: 1, to: "log start" } }]);
    expect(resetTargets({ spec: { to: "offset", offset: 7 } }, facts)).toEqual([
      { partition: 0, offset: 7 },
      { partition: 1, offset: 7 },
    ]);
  });

  test("a datetime takes the broker's offset for that time, and the log end where no record is that late", () => {
    const atTime = [
      { ...facts[0]!, atTime: 6 },
      { ...facts[1]!, atTime: null },
    ];
    expect(resetTargets({ spec: { to: "datetime", timestamp: 0 } }, atTime)).toEqual([
      { partition: 0, offset: 6 },
      { partition: 1, offset: 10 },
    ]);
  });

  test.each<[string, Parameters<typeof resetTargets>[0], PartitionFacts[], RegExp]>([
    ["a partition the topic does not have", { spec: { to: "earliest" }, partition: 2 }, facts, /no partition 2: the topic has 2 partitions \(0 to 1\)/],
    ["a shift with nothing committed", { spec: { to: "shift", by: 1 } }, [{ ...facts[0]!, committed: null }], /partition 0 has no committed offset to shift by \+1/],
    ["a time the broker was not asked about", { spec: { to: "duration", durationMs: 1000 } }, facts, /was not asked for partition 0's offset/],
  ])("refuses %s", (_, request, given, error) => {
    const result = resetTargets(request, given);
    expect(result).toHaveProperty("error");
    expect((result as { error: string }).error).toMatch(error);
  });
});

test("a duration is asked about at now minus the duration; a datetime at itself; others at no time", () => {
  expect(timestampOf({ to: "duration", durationMs: 3_600_000 }, 10_000_000)).toBe(6_400_000);
  expect(timestampOf({ to: "datetime", timestamp: 42 }, 10_000_000)).toBe(42);
  expect(timestampOf({ to: "shift", by: 1 }, 10_000_000)).toBeUndefined();
});

test("the tool is asked for the same reset, with a whole topic or one partition", () => {
  expect(kafkaToolArguments("g", "t", { spec: { to: "shift", by: -3 } })).toEqual(["--group", "g", "--topic", "t", "--shift-by", "-3"]);
  expect(kafkaToolArguments("g", "t", { spec: { to: "datetime", timestamp: Date.UTC(2026, 0, 2, 3, 4, 5, 6) }, partition: 1 })).toEqual([
    "--group",
    "g",
    "--topic",
    "t:1",
    "--to-datetime",
    "2026-01-02T03:04:05.006Z",
  ]);
  expect(kafkaToolArguments("g", "t", { spec: { to: "duration", durationMs: 160_200_000 } }).slice(-2)).toEqual(["--by-duration", "PT160200S"]);
  expect(kafkaToolArguments("g", "t", { spec: { to: "offset", offset: 7 } }).slice(-2)).toEqual(["--to-offset", "7"]);
});

test("a reset in words", () => {
  expect(describeReset({ spec: { to: "shift", by: -3 }, partition: 0 })).toBe("by -3 on partition 0");
  expect(describeReset({ spec: { to: "duration", durationMs: 90_061_000 } })).toBe("to 1 d 1 h 1 min 1 s ago");
  expect(describeReset({ spec: { to: "earliest" } })).toBe("to the earliest");
});

describe("parsing what a person types", () => {
  test.each([
    ["PT1H30M", 5_400_000],
    ["P1DT2H", 93_600_000],
    ["PT0.5S", 500],
    ["p1d", 86_400_000],
  ])("duration %s", (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(["1h", "PT", "P", "PT-1H", "PT1H30", "P1Y", "PT0S", ""])("refuses the duration %j", (text) => {
    expect(parseDuration(text)).toHaveProperty("error");
  });

  test("datetimes need their zone, and a date that exists", () => {
    expect(parseDatetime("2026-01-02T03:04:05Z")).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(parseDatetime("2026-01-02T03:04:05.250+02:00")).toBe(Date.UTC(2026, 0, 2, 1, 4, 5, 250));
    expect(parseDatetime("2026-01-02T03:04Z")).toBe(Date.UTC(2026, 0, 2, 3, 4));
    for (const bad of ["2026-01-02T03:04:05", "2026-02-30T00:00:00Z", "yesterday", "2026-01-02", "2026-13-01T00:00:00Z", "2026-01-02T25:00:00Z"]) {
      expect(parseDatetime(bad), bad).toHaveProperty("error");
    }
  });

  test("shifts are whole numbers, either sign", () => {
    expect(parseShift("-3")).toBe(-3);
    expect(parseShift("+2")).toBe(2);
    expect(parseShift("4")).toBe(4);
    for (const bad of ["-3.5", "three", "", "--3", "1e3", "99999999999999999999"]) expect(parseShift(bad), bad).toHaveProperty("error");
  });
});
