import { expect, test } from "vitest";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { ackRanges, renderAckRanges } from "./ack-ranges.js";

test("each group's acknowledged offsets per partition, as ranges below its committed offset", () => {
  expect(ackRanges(scenarioFixture())).toEqual([
    { group: "A", topic: "t", partition: 0, committed: 2, logEndOffset: 2 },
    { group: "A", topic: "t", partition: 1, committed: 1, logEndOffset: 2 },
    { group: "B", topic: "t", partition: 0, committed: 1, logEndOffset: 2 },
    { group: "B", topic: "t", partition: 1, committed: null, logEndOffset: 2 },
  ]);
  const html = renderAckRanges(ackRanges(scenarioFixture()), { showTopic: false });
  expect(html).toContain('<td class="got">0–1 (2)</td><td class="none">none</td>');
  expect(html).toContain('<td class="got">0 (1)</td><td>1 (1)</td>');
  expect(html).toContain('<td class="num none">-</td><td class="none">none</td><td>0–1 (2)</td>');
});
