import { describe, expect, test } from "vitest";
import { group, range, rangeEvidence, TOPIC } from "../../checks/evidence-fixture.js";
import { rangeDelivery, recordedAsRanges, renderRangeDelivery } from "./range-delivery.js";

const join = (at: number) => ({ at, event: "join" as const, actor: "A2", summary: "A2 joined", group: "A" });

/** A million on two partitions: A1 reads p0, A2 p1 after reading p0's last part again across a join; A2 misses p1's tail. */
function run() {
  const a = group("A", {
    committed: [{ topic: TOPIC, partition: 0, offset: 600_000 }],
    receivedRanges: [range("A1", "m1", 0, [0, 599_999], [10, 900]), range("A2", "m2", 0, [590_000, 599_999], [950, 990]), range("A2", "m2", 1, [0, 389_999], [20, 980])],
  });
  return rangeEvidence([600_000, 400_000], { groups: [a], timeline: [join(920)] });
}

describe("rangeDelivery", () => {
  test("counts distinct and repeated offsets per partition and consumer, from ranges alone", () => {
    const delivery = rangeDelivery(run());
    expect(recordedAsRanges(run())).toBe(true);
    expect(delivery.columns).toEqual([
      { consumer: "A1", group: "A" },
      { consumer: "A2", group: "A" },
    ]);
    expect(delivery.partitions).toEqual([
      {
        topic: TOPIC,
        partition: 0,
        logEndOffset: 600_000,
        produced: 600_000,
        consumers: [
          { received: 600_000, again: 0 },
          { received: 10_000, again: 0 },
        ],
      },
      {
        topic: TOPIC,
        partition: 1,
        logEndOffset: 400_000,
        produced: 400_000,
        consumers: [
          { received: 0, again: 0 },
          { received: 390_000, again: 0 },
        ],
      },
    ]);
    expect(delivery.findings).toEqual([
      { group: "A", kind: "missing", text: "p1 390000–399999 (10000) never received" },
      { group: "A", kind: "redelivered", text: "p0 590000–599999 (10000) received by A1 and again by A2 at +950 ms, after a membership change" },
    ]);
  });

  test("renders a row per partition and a line per finding, never a row per message", () => {
    const html = renderRangeDelivery(rangeDelivery(run()), { showTopic: false });
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain('<li class="fail">group A: p1 390000–399999 (10000) never received</li>');
    expect(html.length).toBeLessThan(5_000);
  });

  test("a whole run says so", () => {
    const whole = rangeEvidence([10], { groups: [group("A", { receivedRanges: [range("A1", "m1", 0, [0, 9], [1, 2])] })] });
    expect(renderRangeDelivery(rangeDelivery(whole), { showTopic: false })).toContain("Every group received every offset below the log end, and no offset twice.");
  });
});
