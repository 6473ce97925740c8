import { expect, test } from "vitest";
import { compileTemplate } from "vue/compiler-sfc";
import { at } from "../fixtures/timeline-events.js";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { swimlane } from "../swimlane/swimlane-model.js";
import { swimlaneSvg } from "../swimlane/swimlane-svg.js";
import { committedChart, deliveriesChart } from "./evidence-charts.js";

/**
 * VitePress compiles every page into a Vue render function. Markup Vue can hoist is kept as one string; an SVG with an
 * attribute Vue's compiler does not know for SVG (`role`, for one) becomes a function call per element instead, which
 * made the pages' bundles megabytes larger and the site build seconds slower.
 */
function compilesToOneString(markup: string): boolean {
  const { code, errors } = compileTemplate({ source: `<div>${markup}</div>`, filename: "page.md", id: "page", compilerOptions: { hoistStatic: true } });
  expect(errors).toEqual([]);
  return code.includes("createStaticVNode") && !code.includes('"svg"');
}

test("the charts and swimlanes compile, in the page's Vue template, to static strings", () => {
  const lane = swimlane([at.join(0, "A1", [0, 1]), at.commit(300, "A1", 0, 4), at.crash(400, "A1"), at.join(900, "A2", [0, 1])], {
    group: "A",
    partitions: [0, 1].map((partition) => ({ topic: "t", partition })),
    members: ["A1", "A2"],
    end: 1000,
  });
  for (const svg of [swimlaneSvg(lane), deliveriesChart(scenarioFixture()), committedChart(scenarioFixture())]) expect(compilesToOneString(svg)).toBe(true);
  expect(compilesToOneString(swimlaneSvg(lane).replace("<svg ", '<svg role="img" '))).toBe(false);
});
