import { describe, expect, test } from "vitest";
import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { renderShareDeliveries, shareDeliveryTable } from "./share-deliveries.js";

const record = (offset: number) => ({ topic: "t", partition: 0, offset, key: `order-${offset}`, value: `order ${offset} placed` });

/** Share group A's member A: accepted 0, released 1 and accepted it at its second delivery, holds 2; B (share group B) was given nothing. */
function shareRun(): ScenarioEvidence {
  const delivery = (offset: number, count: number, at: number, type?: "accept" | "release") => ({
    ...record(offset),
    consumer: "A",
    memberId: "m-A",
    at,
    deliveryCount: count,
    ...(type ? { acknowledgement: { type, at: at + 1, error: null } } : {}),
  });
  return {
    topics: [{ name: "t", partitions: [{ partition: 0, logEndOffset: 3 }] }],
    produced: [record(0), record(1), record(2)],
    groups: [],
    shareGroups: [
      {
        label: "A",
        groupId: "p-A-1",
        state: "Stable",
        describedAt: 90,
        configs: { "share.auto.offset.reset": "earliest" },
        members: [{ memberId: "m-A", clientId: "A", assignment: [{ topic: "t", partition: 0 }] }],
        partitions: [{ topic: "t", partition: 0, startOffset: 2, lag: 1 }],
        deliveries: [delivery(0, 1, 10, "accept"), delivery(1, 1, 10, "release"), delivery(2, 1, 10), delivery(1, 2, 30, "accept")],
      },
      { label: "B", groupId: "p-B-1", state: "Empty", describedAt: 90, configs: {}, members: [], partitions: [], deliveries: [] },
    ],
    consumers: [
      { name: "A", group: "A", kind: "share", fetches: 5, firstFetchAt: 10, lastFetchAt: 80, received: 4 },
      { name: "B", group: "B", kind: "share", fetches: 5, firstFetchAt: 10, lastFetchAt: 80, received: 0 },
    ],
    timeline: [],
  };
}

describe("shareDeliveryTable", () => {
  test("each record against each share consumer, with its deliveries in arrival order; a member given nothing keeps its column", () => {
    const table = shareDeliveryTable(shareRun());
    expect(table.columns).toEqual([
      { consumer: "A", group: "A" },
      { consumer: "B", group: "B" },
    ]);
    expect(table.rows.map((row) => [row.offset, ...row.deliveries.map((ds) => ds.map((d) => d.deliveryCount))])).toEqual([
      [0, [1], []],
      [1, [1, 2], []],
      [2, [1], []],
    ]);
  });
});

describe("renderShareDeliveries", () => {
  test("says how each delivery was settled, as numbered by the broker, and what the broker holds per share group", () => {
    const html = renderShareDeliveries(shareRun(), { showTopic: false });
    expect(html).toContain(">1 released · 2 accepted</td>");
    expect(html).toContain(">1 held</td>");
    expect(html).toContain("<th>A (share group A)</th>");
    expect(html).toMatch(/<td>A<\/td><td>Stable<\/td><td>A<\/td><td class="num">0<\/td><td class="num">2<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/<td>B<\/td><td>Empty<\/td><td>none<\/td><td class="num">-<\/td>/);
  });

  test("an acknowledgement the broker refused is marked, with its error", () => {
    const run = shareRun();
    run.shareGroups![0]!.deliveries[0]!.acknowledgement = { type: "accept", at: 11, error: "InvalidRecordStateException: not acquired" };
    expect(renderShareDeliveries(run, { showTopic: false })).toContain('class="fail" title="delivery 1: InvalidRecordStateException: not acquired"');
  });

  test("a run without share groups renders nothing", () => {
    expect(renderShareDeliveries({ ...shareRun(), shareGroups: [], consumers: [] }, { showTopic: false })).toBe("");
  });
});
