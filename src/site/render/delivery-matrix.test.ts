import { describe, expect, test } from "vitest";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { deliveryMatrix, renderDeliveryMatrix } from "./delivery-matrix.js";

describe("deliveryMatrix", () => {
  test("every message against every consumer, by partition then offset, counting duplicates", () => {
    const matrix = deliveryMatrix(scenarioFixture());
    expect(matrix.columns).toEqual([
      { consumer: "A1", group: "A" },
      { consumer: "A2", group: "A" },
      { consumer: "B", group: "B" },
    ]);
    expect(matrix.rows.map((row) => [row.partition, row.offset, ...row.receipts])).toEqual([
      [0, 0, 1, 0, 1],
      [0, 1, 1, 0, 0],
      [1, 0, 0, 1, 1],
      [1, 1, 0, 2, 0],
    ]);
  });

  test("a message received but never produced gets its own row, marked", () => {
    const evidence = scenarioFixture();
    evidence.groups[1]!.received.push({ topic: "t", partition: 1, offset: 7, key: "ghost", value: "ghost", consumer: "B", memberId: "B-uuid", at: 50 });
    const matrix = deliveryMatrix(evidence);
    expect(matrix.rows.at(-1)).toMatchObject({ offset: 7, produced: false, receipts: [0, 0, 1] });
    expect(renderDeliveryMatrix(matrix, { showTopic: false })).toContain('title="received but never produced in this run"');
  });
});

describe("renderDeliveryMatrix", () => {
  test("message content is text: a <script> value is escaped", () => {
    const html = renderDeliveryMatrix(deliveryMatrix(scenarioFixture()), { showTopic: false });
    expect(html).not.toContain("<script>");
    expect(html).toContain('<td class="message-value">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
  });

  test("a duplicate shows its count", () => {
    expect(renderDeliveryMatrix(deliveryMatrix(scenarioFixture()), { showTopic: false })).toContain(">✓×2</td>");
  });

  test("a group whose consumers received nothing keeps its column, empty", () => {
    const evidence = scenarioFixture();
    evidence.groups[1]!.received = [];
    const matrix = deliveryMatrix(evidence);
    expect(matrix.columns.at(-1)).toEqual({ consumer: "no consumer", group: "B" });
    expect(matrix.rows.every((row) => row.receipts.at(-1) === 0)).toBe(true);
    expect(renderDeliveryMatrix(matrix, { showTopic: false })).toContain("<th>no consumer (group B)</th>");
  });

  test("a run without groups says so", () => {
    expect(renderDeliveryMatrix(deliveryMatrix({ ...scenarioFixture(), groups: [] }), { showTopic: false })).toContain("No consumer group took part");
  });
});
