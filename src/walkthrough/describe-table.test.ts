import { describe, expect, test } from "vitest";
import { lagOf, renderDescribeTable, type DescribeRow } from "./describe-table.js";

const committed: DescribeRow = {
  group: "walkthrough-A-1a2b3c4d",
  topic: "walkthrough-topic-1a2b3c4d",
  partition: 0,
  currentOffset: 5,
  logEndOffset: 10,
  lag: 5,
  consumerId: "consumer-A-0f1e",
  host: "/127.0.0.1",
  clientId: "consumer-A",
};

describe("renderDescribeTable", () => {
  test("has the kafka-consumer-groups --describe columns, aligned", () => {
    const lines = renderDescribeTable([committed, { ...committed, partition: 1, currentOffset: 12, logEndOffset: 12, lag: 0 }]);
    expect(lines).toEqual([
      "GROUP                  TOPIC                      PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST       CLIENT-ID",
      "walkthrough-A-1a2b3c4d walkthrough-topic-1a2b3c4d 0          5               10              5               consumer-A-0f1e /127.0.0.1 consumer-A",
      "walkthrough-A-1a2b3c4d walkthrough-topic-1a2b3c4d 1          12              12              0               consumer-A-0f1e /127.0.0.1 consumer-A",
    ]);
  });

  test("shows - where nothing is committed (and so no lag) and where no member owns the partition", () => {
    const [, row] = renderDescribeTable([{ ...committed, currentOffset: null, lag: null, consumerId: null, host: null, clientId: null }]);
    expect(row!.split(/\s+/)).toEqual(["walkthrough-A-1a2b3c4d", "walkthrough-topic-1a2b3c4d", "0", "-", "10", "-", "-", "-", "-"]);
  });

  test("widens a column for a long value and leaves no trailing spaces", () => {
    const lines = renderDescribeTable([{ ...committed, logEndOffset: 1234567890123456, lag: 1234567890123456 - 5 }]);
    expect(lines[1]).toContain("1234567890123456 ");
    expect(lines[0]!.indexOf("LAG")).toBe(lines[1]!.indexOf(String(1234567890123456 - 5)));
    for (const line of lines) expect(line).toBe(line.trimEnd());
  });

  test("an empty table is the header alone", () => {
    expect(renderDescribeTable([])).toHaveLength(1);
  });
});

describe("lagOf", () => {
  test("is the log end minus the committed offset", () => {
    expect(lagOf({ currentOffset: 3, logEndOffset: 10 })).toBe(7);
  });

  test("is null (not the log end) when nothing is committed, as Kafka's tool shows it", () => {
    expect(lagOf({ currentOffset: null, logEndOffset: 10 })).toBeNull();
  });
});
