import { describe, expect, test } from "vitest";
import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { deliverySummary, PER_MESSAGE_LIMIT, renderDeliverySummary } from "./delivery-summary.js";

/** A large run: `count` messages on partition 0, all read by A1 (group A) and B (group B). */
function largeRun(count: number): ScenarioEvidence {
  const produced = Array.from({ length: count }, (_, offset) => ({ topic: "t", partition: 0, offset, key: `k${offset}`, value: `v${offset}` }));
  const received = (consumer: string) => produced.map((m) => ({ ...m, consumer, memberId: `${consumer}-id`, at: m.offset }));
  return {
    topics: [{ name: "t", partitions: [{ partition: 0, logEndOffset: count }] }],
    produced,
    groups: [
      { label: "A", groupId: "g-A", state: "Stable", describedAt: count, committed: [{ topic: "t", partition: 0, offset: count }], members: [], received: received("A1") },
      { label: "B", groupId: "g-B", state: "Stable", describedAt: count, committed: [{ topic: "t", partition: 0, offset: null }], members: [], received: received("B") },
    ],
    consumers: [
      { name: "A1", group: "A", fetches: count, firstFetchAt: 0, lastFetchAt: count, received: count },
      { name: "B", group: "B", fetches: count, firstFetchAt: 0, lastFetchAt: count, received: count },
    ],
    timeline: [],
  };
}

describe("deliverySummary", () => {
  test("counts per partition what was produced and what each consumer received, duplicates apart", () => {
    const summary = deliverySummary(scenarioFixture());
    expect(summary.partitions).toEqual([
      {
        topic: "t",
        partition: 0,
        offsets: { first: 0, last: 1 },
        produced: 2,
        consumers: [
          { received: 2, duplicates: 0 },
          { received: 0, duplicates: 0 },
          { received: 1, duplicates: 0 },
        ],
      },
      {
        topic: "t",
        partition: 1,
        offsets: { first: 0, last: 1 },
        produced: 2,
        consumers: [
          { received: 0, duplicates: 0 },
          { received: 2, duplicates: 1 },
          { received: 1, duplicates: 0 },
        ],
      },
    ]);
  });

  test("picks out the messages that stand out: missed by a group, or received twice", () => {
    const notable = deliverySummary(scenarioFixture()).notable.map((row) => [row.partition, row.offset]);
    // B missed 0@1 and 1@1; A2 received 1@1 twice.
    expect(notable).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  test("a clean large run has nothing that stands out, and says so", () => {
    const html = renderDeliverySummary(deliverySummary(largeRun(PER_MESSAGE_LIMIT * 3)), { showTopic: false });
    expect(html).toContain("No message stands out");
    expect(html).toContain("<td>0–299</td>");
    expect(html).not.toContain("message-value");
  });

  test("lists at most the per-message limit of notable messages, and how many more there are", () => {
    const run = largeRun(PER_MESSAGE_LIMIT * 3);
    run.groups[1]!.received = [];
    const html = renderDeliverySummary(deliverySummary(run), { showTopic: false });
    expect(html).toContain("300 messages stand out");
    expect(html.match(/class="message-value"/g)).toHaveLength(PER_MESSAGE_LIMIT);
    expect(html).toContain("…and 200 more, in the run's results file.");
  });

  test("escapes message content in the messages it lists", () => {
    const html = renderDeliverySummary(deliverySummary(scenarioFixture()), { showTopic: false });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
