import { describe, expect, test } from "vitest";
import { describeCommitted, renderGroupStatus, sameCommitted } from "./render-status.js";

const topic = "walkthrough-topic-1a2b3c4d";

describe("renderGroupStatus", () => {
  test("a title naming the label and the real group id, the table, and what the consumer holds", () => {
    const rendered = renderGroupStatus({
      label: "B",
      groupId: "walkthrough-B-1a2b3c4d",
      state: "Stable",
      members: 1,
      rows: [
        {
          group: "walkthrough-B-1a2b3c4d",
          topic,
          partition: 0,
          currentOffset: 3,
          logEndOffset: 10,
          lag: 7,
          consumerId: "consumer-B-9",
          host: "/127.0.0.1",
          clientId: "consumer-B",
        },
      ],
      pending: [{ partition: 0, offsets: [3, 4, 5, 6, 7, 8, 9] }],
    });
    expect(rendered.title).toBe("group B (walkthrough-B-1a2b3c4d): Stable, 1 member");
    expect(rendered.table).toHaveLength(2);
    expect(rendered.pending).toBe("consumer B has received, not yet acknowledged: partition 0 offsets 3-9 (7 messages)");
  });
});

describe("describeCommitted", () => {
  test("one partition, several, or none", () => {
    expect(describeCommitted([{ topic, partition: 0, offset: 3 }])).toBe("committed offset 3 on partition 0");
    expect(
      describeCommitted([
        { topic, partition: 0, offset: 3 },
        { topic, partition: 1, offset: 0 },
      ]),
    ).toBe("committed offsets 3 on partition 0, 0 on partition 1");
    expect(describeCommitted([{ topic, partition: 0, offset: null }])).toBe("nothing committed");
  });
});

describe("sameCommitted", () => {
  test("compares every partition, in any order", () => {
    const a = [
      { topic, partition: 0, offset: 3 },
      { topic, partition: 1, offset: null },
    ];
    expect(sameCommitted(a, [...a].reverse())).toBe(true);
    expect(
      sameCommitted(a, [
        { topic, partition: 0, offset: 3 },
        { topic, partition: 1, offset: 0 },
      ]),
    ).toBe(false);
  });
});
