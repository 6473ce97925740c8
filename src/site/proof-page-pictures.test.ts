import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { evidenceFence } from "./evidence-request.js";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { at } from "./fixtures/timeline-events.js";
import { vitepressMarkdown } from "./fixtures/vitepress-markdown.js";
import { proofPage } from "./proof-page.js";

const SOURCE = "// #region scenario\nasync function scenario() {}\n// #endregion scenario\n";

describe("a proof page's pictures", () => {
  test("the swimlane and the replay come before the timeline, which is kept, folded", () => {
    const page = proofPage(proofResultFixture(), SOURCE);
    const order = ["### Partition ownership", "view: swimlane", "### Replay", "view: replay", "### Timeline", "::: details", "view: timeline"].map((text) => page.indexOf(text));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(page).toContain("### Partition ownership (control)");
  });

  test("a run without a group of several members gets no swimlane, but still its replay", () => {
    const single = proofResultFixture();
    single.consumers = single.consumers.filter((c) => c.name !== "A2");
    const page = proofPage(single, SOURCE);
    expect(page).not.toContain("### Partition ownership\n");
    expect(page).toContain("### Replay\n");
    expect(page).toContain("### Partition ownership (control)");
  });
});

describe("the pictures, through VitePress's markdown renderer", () => {
  let md: Awaited<ReturnType<typeof vitepressMarkdown>>;
  const result = proofResultFixture();
  result.timeline.push(at.join(5, "A1", [0]), at.join(6, "A2", [1]));
  beforeAll(async () => {
    md = await vitepressMarkdown({ results: [result], pageHref: (id) => `/proofs/${id}.html` });
  });
  afterAll(() => md.dispose());
  const render = (view: "swimlane" | "replay") => md.render(evidenceFence({ view, proof: "fixture", run: "claim" }), { relativePath: "proofs/fixture.md" });

  test("the swimlane is inline SVG, left alone by Vue", () => {
    const html = render("swimlane");
    expect(html).toMatch(/^<div class="evidence evidence-swimlane" data-view="swimlane" data-proof="fixture" data-run="claim" v-pre>/);
    expect(html).toContain('<svg class="evidence-chart swimlane"');
  });

  test("the replay is the theme's component, which Vue must compile: no v-pre", () => {
    const html = render("replay");
    expect(html).toMatch(/^<div class="evidence evidence-replay" data-view="replay" data-proof="fixture" data-run="claim">\n<EvidenceReplay script="[A-Za-z0-9+/=]+" \/>/);
  });
});
