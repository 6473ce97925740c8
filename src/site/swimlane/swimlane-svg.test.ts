import { expect, test } from "vitest";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { scaleRun } from "../fixtures/scale-run.js";
import { at } from "../fixtures/timeline-events.js";
import { swimlane } from "./swimlane-model.js";
import { renderSwimlanes, swimlaneSvg } from "./swimlane-svg.js";

const P = [0, 1, 2].map((partition) => ({ topic: "t", partition }));

test("a lane per partition, labelled; segments in their member's colour with the name inside when it fits", () => {
  const svg = swimlaneSvg(
    swimlane([at.join(0, "A1", [0, 1, 2]), at.join(500, "A2", [2]), at.commit(300, "A1", 0, 4)], { group: "A", partitions: P, members: ["A1", "A2"], end: 1000 }),
  );
  expect(svg).toContain('data-group="A" data-lanes="3"');
  expect(svg.match(/<g class="lane"/g)).toHaveLength(3);
  expect(svg).toContain(">partition 2</text>");
  expect(svg).toContain("A1 owned partition 2 from +0 ms to +500 ms");
  expect(svg).toContain('fill="#2f6fde"');
  expect(svg).toContain('fill="#e08a00"');
  expect(svg).toContain("+300 ms: A1 committed partition 0 at 4");
  expect(svg).not.toContain("<script");
});

test("a crash is marked in red, and the crashed member's partitions are drawn as still its own, pale and dashed, until taken over", () => {
  const svg = swimlaneSvg(
    swimlane([at.join(0, "A1", [0]), at.crash(400, "A1"), at.join(900, "A2", [0])], { group: "A", partitions: P.slice(0, 1), members: ["A1", "A2"], end: 1000 }),
  );
  expect(svg).toContain('data-kind="crash"');
  expect(svg).toContain("✕ A1 crashes");
  expect(svg).toContain("A1 had crashed; the broker still counted it as the owner of partition 0 from +400 ms to +900 ms");
  expect(svg).toContain("crashed, still its owner");
});

test("the legend names a member that owned nothing; names and topics are escaped", () => {
  const svg = swimlaneSvg(
    swimlane([at.join(0, "<b>A1</b>", [0])], {
      group: "A&B",
      partitions: [
        { topic: "x<y", partition: 0 },
        { topic: "t", partition: 0 },
      ],
      members: ["<b>A1</b>", "A3"],
      end: 10,
    }),
  );
  expect(svg).toContain("A3 (owned nothing)");
  expect(svg).toContain("&lt;b&gt;A1&lt;/b&gt;");
  expect(svg).toContain("x&lt;y p0");
  expect(svg).not.toContain("<b>");
  expect(svg).toContain('data-group="A&amp;B"');
});

test("a run ending at 0 ms and an empty timeline still draw their lanes", () => {
  const svg = swimlaneSvg(swimlane([], { group: "A", partitions: P, members: [], end: 0 }));
  expect(svg.match(/<g class="lane"/g)).toHaveLength(3);
  expect(svg).not.toContain("NaN");
});

test("a figure per group; at a million messages the pictures stay small", () => {
  const evidence = scenarioFixture();
  evidence.timeline.push(at.join(5, "A1", [0]), at.join(6, "A2", [1]), at.join(7, "B", [0, 1], "B"));
  expect(renderSwimlanes(evidence).match(/<figure/g)).toHaveLength(2);
  expect(renderSwimlanes({ ...evidence, groups: [], consumers: [] })).toContain("No member joined a group");
  expect(renderSwimlanes(scaleRun(1_000_000)).length).toBeLessThan(40_000);
});
