import { describe, expect, test } from "vitest";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { barChartSvg, niceStep } from "./bar-chart.js";
import { committedChart, deliveriesChart } from "./evidence-charts.js";

describe("barChartSvg", () => {
  const svg = barChartSvg({
    title: "Committed <offset>",
    categories: ["partition 0", "partition 1"],
    series: [
      { name: "group <A>", values: [5, null] },
      { name: "group B", values: [3, 2] },
    ],
    marker: { name: "log-end offset", values: [10, 10] },
  });

  test("draws one bar per non-null value, with its value above it", () => {
    expect(svg.match(/<rect x=/g)).toHaveLength(3);
    expect(svg).toContain("<title>group &lt;A&gt;, partition 0: 5</title>");
  });

  test("marks a missing value with `-` instead of a bar", () => {
    expect(svg).toMatch(/>-<\/text>/);
  });

  test("escapes every label and loads nothing: no script, font or image", () => {
    expect(svg).not.toContain("<A>");
    expect(svg).not.toMatch(/<script|<image|@import|url\(http|href=/);
  });

  test("draws the marker level per category", () => {
    expect(svg.match(/stroke-dasharray="5 3"/g)).toHaveLength(3); // two levels, one legend entry
  });
});

test("niceStep gives 1, 2 or 5 times a power of ten", () => {
  expect([0.3, 1, 1.5, 2.5, 3, 7, 12, 40].map(niceStep)).toEqual([1, 1, 2, 5, 5, 10, 20, 50]);
});

test("the evidence charts count per partition and member, and draw each group's committed offsets", () => {
  const deliveries = deliveriesChart(scenarioFixture());
  expect(deliveries).toContain("<title>produced, partition 1: 2</title>");
  expect(deliveries).toContain("<title>A2 (group A), partition 1: 3</title>"); // one duplicate counts twice
  const committed = committedChart(scenarioFixture());
  expect(committed).toContain("<title>group A, partition 1: 1</title>");
  expect(committed).not.toContain("group B, partition 1");
});
