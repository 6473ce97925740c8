import { describe, expect, test } from "vitest";
import { planAck, planReset, type PartitionLog } from "./offset-rules.js";

const tenMessages: PartitionLog[] = [{ partition: 0, logStart: 0, logEnd: 10 }];
const receivedAll = Array.from({ length: 10 }, (_, offset) => ({ partition: 0, offset }));
const nothingCommitted = [{ partition: 0, offset: null }];

describe("planAck", () => {
  test("acking 4 commits 5, the next offset to read", () => {
    expect(planAck("A", { offset: 4 }, { logs: tenMessages, committed: nothingCommitted, received: receivedAll })).toEqual({
      partition: 0,
      lastOffset: 4,
      commit: 5,
    });
  });

  test("an offset without a partition means partition 0; 1:4 means partition 1", () => {
    const logs = [...tenMessages, { partition: 1, logStart: 0, logEnd: 6 }];
    const received = [...receivedAll, { partition: 1, offset: 4 }];
    expect(planAck("B", { partition: 1, offset: 4 }, { logs, committed: [], received })).toMatchObject({ partition: 1, commit: 5 });
  });

  test("acking the offset already acknowledged last is allowed (the same commit again)", () => {
    expect(planAck("A", { offset: 4 }, { logs: tenMessages, committed: [{ partition: 0, offset: 5 }], received: receivedAll })).toMatchObject({ commit: 5 });
  });

  test.each<[string, Parameters<typeof planAck>[1], Parameters<typeof planAck>[2], RegExp]>([
    [
      "an offset beyond the log end",
      { offset: 99 },
      { logs: tenMessages, committed: [], received: receivedAll },
      /^offset 99 is beyond the log end of partition 0 \(10\): its messages are at offsets 0 to 9$/,
    ],
    ["the log end itself", { offset: 10 }, { logs: tenMessages, committed: [], received: receivedAll }, /^offset 10 is beyond the log end/],
    [
      "a partition the topic does not have",
      { partition: 3, offset: 0 },
      { logs: tenMessages, committed: [], received: receivedAll },
      /^there is no partition 3: the topic has 1 partition \(0\)$/,
    ],
    ["an empty partition", { offset: 0 }, { logs: [{ partition: 0, logStart: 0, logEnd: 0 }], committed: [], received: [] }, /^partition 0 holds no messages: produce one/],
    [
      "an offset not received yet",
      { offset: 7 },
      { logs: tenMessages, committed: [], received: receivedAll.slice(0, 5) },
      /^consumer A has not received offset 7 of partition 0, so it cannot acknowledge it \(it has received offsets 0-4\)$/,
    ],
    [
      "an offset below what is acknowledged",
      { offset: 2 },
      { logs: tenMessages, committed: [{ partition: 0, offset: 6 }], received: receivedAll },
      /^group A has already acknowledged through offset 5 on partition 0; acking 2 would move it back \(use reset A 0:3 for that\)$/,
    ],
  ])("refuses %s", (_, position, facts, expected) => {
    const plan = planAck("A", position, facts);
    expect(plan).toHaveProperty("error");
    expect((plan as { error: string }).error).toMatch(expected);
  });
});

describe("planReset", () => {
  const logs = [
    { partition: 0, logStart: 2, logEnd: 10, committed: 5 },
    { partition: 1, logStart: 0, logEnd: 4, committed: null },
  ];

  test("earliest is each partition's log start; latest its log end", () => {
    expect(planReset({ spec: { to: "earliest" } }, logs)).toEqual([
      { partition: 0, offset: 2 },
      { partition: 1, offset: 0 },
    ]);
    expect(planReset({ spec: { to: "latest" } }, logs)).toEqual([
      { partition: 0, offset: 10 },
      { partition: 1, offset: 4 },
    ]);
  });

  test("an offset applies to every partition, or to the one written as partition:offset", () => {
    expect(planReset({ spec: { to: "offset", offset: 3 } }, logs)).toEqual([
      { partition: 0, offset: 3 },
      { partition: 1, offset: 3 },
    ]);
    expect(planReset({ spec: { to: "offset", offset: 10 }, partition: 0 }, logs)).toEqual([{ partition: 0, offset: 10 }]);
  });

  test("a shift is clamped to the log as the tool does, and says so", () => {
    expect(planReset({ spec: { to: "shift", by: -4 }, partition: 0 }, logs)).toEqual([{ partition: 0, offset: 2, clamped: { wanted: 1, to: "log start" } }]);
  });

  test.each<[string, { partition?: number; offset: number }, RegExp]>([
    ["beyond the log end", { partition: 0, offset: 11 }, /^offset 11 is beyond the log end of partition 0 \(10\): reset to an offset from 2 \(earliest\) to 10 \(latest\)$/],
    ["beyond one partition's log end", { offset: 5 }, /^offset 5 is beyond the log end of partition 1 \(4\)/],
    ["before the log start", { partition: 0, offset: 1 }, /^offset 1 is before the log start of partition 0 \(2\)/],
    ["on a partition the topic does not have", { partition: 2, offset: 0 }, /^there is no partition 2: the topic has 2 partitions \(0 to 1\)$/],
  ])("refuses an offset %s", (_, { partition, offset }, expected) => {
    const plan = planReset({ spec: { to: "offset", offset }, ...(partition === undefined ? {} : { partition }) }, logs);
    expect((plan as { error: string }).error).toMatch(expected);
  });

  test("refuses a shift of a partition with nothing committed", () => {
    expect(planReset({ spec: { to: "shift", by: 1 } }, logs)).toEqual({ error: "partition 1 has no committed offset to shift by +1: reset it to an offset first" });
  });
});
