import { describe, expect, test } from "vitest";
import type { ReceivedMessage } from "../evidence/proof-result.js";
import { groupJson, groupKey } from "./status-json.js";

const topic = "playground-topic-1";
const message = (partition: number, offset: number, consumer: string): ReceivedMessage => ({
  topic,
  partition,
  offset,
  key: `order-${offset}`,
  value: `order ${offset} placed`,
  memberId: `${consumer}-m`,
  consumer,
  at: offset,
});

describe("groupJson", () => {
  const status = {
    label: "A",
    groupId: "playground-A-1",
    state: "Stable",
    members: 2,
    rows: [
      { group: "playground-A-1", topic, partition: 0, currentOffset: 2, logEndOffset: 3, lag: 1, consumerId: "a1", host: "/127.0.0.1", clientId: "consumer-A" },
      { group: "playground-A-1", topic, partition: 1, currentOffset: null, logEndOffset: 1, lag: null, consumerId: "a2", host: "/127.0.0.1", clientId: "consumer-A2" },
    ],
    pending: [],
  };

  test("messages acknowledged where the broker's committed offset is past them; a redelivered message listed once", () => {
    const json = groupJson(status, [
      {
        name: "consumer-A",
        memberId: "a1",
        assignment: [{ partition: 0 }],
        received: [message(0, 0, "consumer-A"), message(0, 1, "consumer-A"), message(0, 2, "consumer-A"), message(1, 0, "consumer-A")],
      },
      { name: "consumer-A2", memberId: "a2", assignment: [{ partition: 1 }], received: [message(1, 0, "consumer-A2")] },
    ]);
    expect(json.messages_received.map((m) => [m.partition, m.offset, m.acknowledged, m.consumer])).toEqual([
      [0, 0, true, "consumer-A"],
      [0, 1, true, "consumer-A"],
      [0, 2, false, "consumer-A"],
      [1, 0, false, "consumer-A"],
    ]);
    expect(json.messages_acknowledged).toBe(2);
    expect(json.describe[1]).toEqual({
      group: "playground-A-1",
      topic,
      partition: 1,
      current_offset: null,
      log_end_offset: 1,
      lag: null,
      consumer_id: "a2",
      host: "/127.0.0.1",
      client_id: "consumer-A2",
    });
    expect(json.consumers).toEqual([
      { client_id: "consumer-A", member_id: "a1", partitions: [0] },
      { client_id: "consumer-A2", member_id: "a2", partitions: [1] },
    ]);
    expect(json.is_running).toBe(true);
  });

  test("a group whose consumers are stopped is not running", () => {
    expect(groupJson(status, []).is_running).toBe(false);
  });

  test("the original demo's key for a group", () => {
    expect(groupKey("C")).toBe("consumer_group_c");
  });
});
