import { expect, test } from "vitest";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { ackMatrix, renderAckMatrix } from "./ack-matrix.js";

test("an offset is acknowledged by a group when it is below the group's committed offset on its partition", () => {
  const matrix = ackMatrix(scenarioFixture());
  expect(matrix.groups.map((g) => g.label)).toEqual(["A", "B"]);
  expect(matrix.rows.map((row) => [row.partition, row.offset, ...row.acknowledged])).toEqual([
    [0, 0, true, true],
    [0, 1, true, false],
    [1, 0, true, false],
    [1, 1, false, false],
  ]);
});

test("nothing is acknowledged where the group holds no committed offset", () => {
  const matrix = ackMatrix(scenarioFixture());
  expect(matrix.rows.filter((row) => row.partition === 1).map((row) => row.acknowledged[1])).toEqual([false, false]);
});

test("the rendered matrix escapes message content and has a column per group", () => {
  const html = renderAckMatrix(ackMatrix(scenarioFixture()), { showTopic: true });
  expect(html).not.toContain("<script>");
  expect(html).toContain("<th>group A</th><th>group B</th>");
  expect(html).toContain("<th>Topic</th>");
});
