import { expect, test } from "vitest";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { proofSearchSections } from "./proof-search.js";

const results = [proofResultFixture()];

test("a proof's page is indexed by its title, claim and id, its checks and its control", () => {
  const sections = proofSearchSections(results, "/repo/docs/proofs/fixture.md")!;
  expect(sections.map((s) => [s.anchor, s.titles])).toEqual([
    [undefined, ["A fixture's claim"]],
    ["checks", ["A fixture's claim", "Checks"]],
    ["control", ["A fixture's claim", "Control"]],
  ]);
  expect(sections[0]!.text).toContain("Group A and group B each read what they read. fixture. Verdict: pass.");
  expect(sections[1]!.text).toContain("group A committed p0=2");
  expect(sections[2]!.text).toContain("B is given A's group id");
});

test("any other page is left to VitePress", () => {
  expect(proofSearchSections(results, "/repo/docs/reading-the-evidence.md")).toBeUndefined();
  expect(proofSearchSections(results, "/repo/docs/proofs/unknown.md")).toBeUndefined();
});
