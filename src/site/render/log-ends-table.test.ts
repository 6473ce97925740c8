import { expect, test } from "vitest";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { logEndReadings, renderLogEndReadings } from "./log-ends-table.js";

const withReading = () => {
  const evidence = scenarioFixture();
  const moment = "with both readers done reading";
  evidence.timeline = [
    { at: 100, event: "observe", actor: "broker", summary: "broker: t ends", logReading: 1, topic: "t", moment, logEnds: [{ partition: 0, highWatermark: 8, lastStable: 5 }] },
    { at: 101, event: "observe", actor: "broker", summary: "A committed", reading: 1, group: "A", moment, committed: [{ topic: "t", partition: 0, offset: 5 }] },
    { at: 102, event: "observe", actor: "broker", summary: "B committed", reading: 2, group: "B", moment, committed: [{ topic: "t", partition: 0, offset: 8 }] },
    { at: 200, event: "observe", actor: "broker", summary: "A committed later", reading: 3, group: "A", moment: "later", committed: [{ topic: "t", partition: 0, offset: 8 }] },
  ];
  return evidence;
};

test("a reading of both log ends shows every group whose commits were read at the same moment, and no other", () => {
  const evidence = withReading();
  const [reading] = logEndReadings(evidence);
  const id = (label: string) => evidence.groups.find((g) => g.label === label)!.groupId;
  expect(reading!.rows).toEqual([
    { group: id("A"), topic: "t", partition: 0, currentOffset: 5, highWatermark: 8, lastStable: 5 },
    { group: id("B"), topic: "t", partition: 0, currentOffset: 8, highWatermark: 8, lastStable: 5 },
  ]);
});

test("the table gives each group's lag to both ends; a commit past the last stable offset is said so", () => {
  const html = renderLogEndReadings(logEndReadings(withReading()));
  expect(html).toContain('<th class="num">LAST-STABLE-OFFSET</th>');
  const cells = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].slice(1).map((row) => [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]).slice(3));
  expect(cells).toEqual([
    ["5", "8", "5", "3", "0"],
    ["8", "8", "5", "0", "3 past it"],
  ]);
});

test("a run with no reading of both ends shows nothing more", () => {
  expect(renderLogEndReadings(logEndReadings(scenarioFixture()))).toBe("");
});
