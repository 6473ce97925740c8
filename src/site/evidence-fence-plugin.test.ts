import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ProofResult } from "../evidence/proof-result.js";
import { evidenceFence } from "./evidence-request.js";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { textOf, vitepressMarkdown } from "./fixtures/vitepress-markdown.js";

const passed = proofResultFixture();
const failed: ProofResult = proofResultFixture({
  id: "broken",
  title: "A broken claim",
  verdict: "fail",
  checks: [{ name: "group A committed p0=2", outcome: "fail", detail: "expected p0=2; the broker reported p0=1" }],
  reasons: ["check failed: group A committed p0=2 — expected p0=2; the broker reported p0=1"],
});

describe("the evidence fence, in VitePress's markdown renderer", () => {
  let md: Awaited<ReturnType<typeof vitepressMarkdown>>;
  beforeAll(async () => {
    md = await vitepressMarkdown({ results: [passed, failed], pageHref: (id) => `/base/proofs/${id}.html` });
  });
  afterAll(() => md.dispose());
  const render = (markdown: string) => md.render(markdown, { relativePath: "proofs/page.md" });

  test("expands into the evidence, marked for the browser test and left alone by Vue", () => {
    const html = render(evidenceFence({ view: "offsets", proof: "fixture", run: "claim" }));
    expect(html).toMatch(/^<div class="evidence evidence-offsets" data-view="offsets" data-proof="fixture" data-run="claim" v-pre>/);
    expect(html).toContain(">CURRENT-OFFSET</th>");
    expect(html).toContain("proof-A-1234");
  });

  test("shows the control's evidence when asked for it", () => {
    const control = render(evidenceFence({ view: "checks", proof: "fixture", run: "control" }));
    expect(control).toContain('data-run="control"');
    expect(control).toContain("✗ fail");
  });

  test("leaves other code blocks to VitePress", () => {
    expect(render("```ts\nconst x = 1;\n```")).toContain('class="language-ts');
  });

  test("a failed proof renders as failed, and its evidence is all there", () => {
    const page = ["verdict", "checks", "offsets", "charts", "delivery", "acks", "timeline"]
      .map((view) => evidenceFence({ view: view as never, proof: "broken", run: "claim" }))
      .join("\n\n");
    const html = render(page);
    expect(html).toContain('data-verdict="fail"');
    expect(html).toContain("check failed: group A committed p0=2");
    for (const view of ["offsets", "charts", "delivery", "acks", "timeline"]) expect(html).toContain(`data-view="${view}"`);
    expect(html.match(/<svg /g)).toHaveLength(2);
  });

  test("a <script> message value reaches the page as text only", () => {
    const html = render(evidenceFence({ view: "delivery", proof: "fixture", run: "claim" }));
    expect(html).not.toContain("<script>");
    expect(textOf(html)).toContain("<script>alert(1)</script>");
  });

  test("the run summary links each proof under the site's base", () => {
    const html = render(evidenceFence({ view: "run-summary", run: "claim" }));
    expect(html).toContain('<a href="/base/proofs/broken.html">A broken claim</a>');
    expect(html).toContain("✗ fail");
  });

  test("a block naming a proof without results fails the build, saying where", () => {
    expect(() => render(`Intro\n\n${evidenceFence({ view: "offsets", proof: "nope", run: "claim" })}`)).toThrow(
      'proofs/page.md, line 3: evidence block: no results for proof "nope" in results/ (results are there for: fixture, broken)',
    );
  });

  test("a block it cannot read fails the build, saying what is wrong", () => {
    expect(() => render("```evidence\nview: tables\n```")).toThrow(/view must be one of verdict, control-summary/);
    expect(() => render("```evidence\nview: offsets\n```")).toThrow('view "offsets" needs "proof: <id>"');
    expect(() => render("```evidence\nview: offsets\nproof: fixture\nrun: both\n```")).toThrow('run must be "claim" or "control"');
    expect(() => render("```evidence\nshow everything\n```")).toThrow('"show everything" is not one of');
  });
});
