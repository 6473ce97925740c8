import { describe, expect, it } from "vitest";
import { parseDescribeOutput } from "./describe-output.js";
import {
  DEAD_GROUP,
  EMPTY_NO_OFFSETS,
  EMPTY_WITH_OFFSETS,
  NEVER_EXISTED,
  REBALANCING,
  SHARE_GROUP_PARTLY_INITIALIZED,
  STABLE_NEVER_COMMITTED,
  STABLE_PARTLY_COMMITTED,
  TWO_MEMBERS_SPACED_CLIENT_ID,
} from "./fixtures/describe-samples.js";

const TOPIC = "sample-orders-3849b3a9";

describe("parseDescribeOutput", () => {
  it("reads a Stable group's rows, `-` as none", () => {
    const out = parseDescribeOutput(STABLE_PARTLY_COMMITTED);
    expect(out.problems).toEqual([]);
    expect(out.rows).toEqual([
      {
        group: "sample-A-3849b3a9",
        topic: TOPIC,
        partition: 0,
        currentOffset: 2,
        logEndOffset: 3,
        lag: 1,
        consumerId: "A1-fc96adce-d6eb-443f-a583-8eb0f10c02f0",
        host: "/127.0.0.1",
        clientId: "A1",
      },
      {
        group: "sample-A-3849b3a9",
        topic: TOPIC,
        partition: 1,
        currentOffset: 2,
        logEndOffset: 2,
        lag: 0,
        consumerId: "A1-fc96adce-d6eb-443f-a583-8eb0f10c02f0",
        host: "/127.0.0.1",
        clientId: "A1",
      },
      {
        group: "sample-A-3849b3a9",
        topic: TOPIC,
        partition: 2,
        currentOffset: null,
        logEndOffset: 2,
        lag: null,
        consumerId: "A1-fc96adce-d6eb-443f-a583-8eb0f10c02f0",
        host: "/127.0.0.1",
        clientId: "A1",
      },
    ]);
  });

  it("reads a group that never committed: every offset and lag is none, log-end offsets are there", () => {
    const out = parseDescribeOutput(STABLE_NEVER_COMMITTED);
    expect(out.rows.map((r) => [r.partition, r.currentOffset, r.logEndOffset, r.lag])).toEqual([
      [0, null, 3, null],
      [1, null, 2, null],
      [2, null, 2, null],
    ]);
  });

  it("reads an Empty group's committed offsets, with no member on any row", () => {
    const out = parseDescribeOutput(EMPTY_WITH_OFFSETS);
    expect(out.withoutMembers).toEqual(["sample-C-3849b3a9"]);
    expect(out.rows.map((r) => [r.partition, r.currentOffset, r.lag, r.consumerId, r.host, r.clientId])).toEqual([
      [0, 3, 0, null, null, null],
      [1, 2, 0, null, null, null],
      [2, 2, 0, null, null, null],
    ]);
    expect(out.problems).toEqual([]);
  });

  it("reads an Empty group with no offsets as a note and no rows", () => {
    expect(parseDescribeOutput(EMPTY_NO_OFFSETS)).toEqual({ rows: [], shareRows: [], missing: [], withoutMembers: ["sample-D-3849b3a9"], rebalancing: [], problems: [] });
  });

  it("reads both ways the tool says a group does not exist", () => {
    expect(parseDescribeOutput(NEVER_EXISTED).missing).toEqual(["sample-E-3849b3a9"]);
    expect(parseDescribeOutput(DEAD_GROUP).missing).toEqual(["gone"]);
    expect(parseDescribeOutput(NEVER_EXISTED + DEAD_GROUP).problems).toEqual([]);
  });

  it("cuts columns where the header puts them, so ids with spaces survive", () => {
    const out = parseDescribeOutput(TWO_MEMBERS_SPACED_CLIENT_ID);
    expect(out.rows.map((r) => [r.topic, r.partition, r.currentOffset, r.consumerId, r.clientId])).toEqual([
      ["sample-orders-8eeefd7b", 0, 3, "B restarted-2db50fca-0ded-48f2-9adb-bf38ec6349d5", "B restarted"],
      ["sample-refunds-8eeefd7b", 0, 1, "B restarted-2db50fca-0ded-48f2-9adb-bf38ec6349d5", "B restarted"],
      ["sample-orders-8eeefd7b", 1, 2, "B2-8d89df2b-fd35-4781-a42c-fdf3bc82a83f", "B2"],
    ]);
  });

  it("reads several groups' tables in one output, as the command prints for several --group options", () => {
    const out = parseDescribeOutput(STABLE_PARTLY_COMMITTED + EMPTY_WITH_OFFSETS + NEVER_EXISTED + REBALANCING);
    expect(new Set(out.rows.map((r) => r.group))).toEqual(new Set(["sample-A-3849b3a9", "sample-C-3849b3a9", "moving"]));
    expect(out.rebalancing).toEqual(["moving"]);
    expect(out.problems).toEqual([]);
  });

  it("reports any other error, and lines it cannot read, as problems", () => {
    const failed = "\nError: Executing consumer group command failed due to org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.\n";
    expect(parseDescribeOutput(failed).problems).toEqual([failed.trim()]);
    expect(parseDescribeOutput("something else entirely").problems).toEqual(["something else entirely"]);
  });

  it("refuses a row whose value overflows its column instead of misreading the rest", () => {
    const header = STABLE_PARTLY_COMMITTED.split("\n")[1]!;
    const shifted = "sample-A-3849b3a9 sample-orders-3849b3a9 0          12345678901234567 3               1               A1 /127.0.0.1      A1";
    const out = parseDescribeOutput(`${header}\n${shifted}\n`);
    expect(out.rows).toEqual([]);
    expect(out.problems).toEqual([shifted]);
  });

  it("reads a share group's table (START-OFFSET, LAG), `-` where the group has no state", () => {
    const out = parseDescribeOutput(SHARE_GROUP_PARTLY_INITIALIZED);
    expect(out.problems).toEqual([]);
    expect(out.rows).toEqual([]);
    expect(out.shareRows).toEqual([
      { group: "g-4088931445184", topic: "exp-4088873986564", partition: 0, startOffset: 0, lag: 4 },
      { group: "g-4088931445184", topic: "exp-4088873986564", partition: 1, startOffset: null, lag: null },
    ]);
  });

  it("refuses a share row whose start offset is not a number", () => {
    const out = parseDescribeOutput(SHARE_GROUP_PARTLY_INITIALIZED.replace("0          0 ", "0          x "));
    expect(out.shareRows).toHaveLength(1);
    expect(out.problems).toEqual(["g-4088931445184 exp-4088873986564 0          x             4"]);
  });
});
