import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { evidenceFence, parseEvidenceRequest } from "./evidence-request.js";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { vitepressMarkdown } from "./fixtures/vitepress-markdown.js";

const inJava = proofResultFixture({ verdict: "fail", reasons: ["in java/classic on 3.9.2"] });

describe("evidence blocks of another cell or Kafka version", () => {
  let md: Awaited<ReturnType<typeof vitepressMarkdown>>;
  beforeAll(async () => {
    md = await vitepressMarkdown({
      results: [proofResultFixture()],
      columns: [{ cell: "java/classic", kafkaVersion: "3.9.2", folder: "kafka-3.9.2/java-classic", results: [inJava] }],
      pageHref: (id) => `/proofs/${id}.html`,
    });
  });
  afterAll(() => md.dispose());
  const render = (markdown: string) => md.render(markdown, { relativePath: "proofs/kafka-3.9.2/java-classic/fixture.md" });

  test("name the cell and version, and show that folder's results, marked with it", () => {
    const block = evidenceFence({ view: "verdict", proof: "fixture", run: "claim", cell: "java/classic", kafka: "3.9.2" });
    expect(block).toBe("```evidence\nview: verdict\nproof: fixture\ncell: java/classic\nkafka: 3.9.2\n```");
    const html = render(block);
    expect(html).toContain('data-results="kafka-3.9.2/java-classic"');
    expect(html).toContain("in java/classic on 3.9.2");
  });

  test("a block for a column without that proof's results fails the build, naming the folder", () => {
    expect(() => render(evidenceFence({ view: "offsets", proof: "fixture", run: "claim", cell: "java/consumer" }))).toThrow(
      'evidence block: no results for proof "fixture" in results/java-consumer/ (results are there for: none)',
    );
  });
});

test("a cell or version the site does not know is refused, saying what it must be", () => {
  expect(() => parseEvidenceRequest("view: offsets\nproof: x\ncell: kafkajs/consumer")).toThrow("cell must be one of kafkajs/classic, java/classic, java/consumer");
  expect(() => parseEvidenceRequest("view: offsets\nproof: x\nkafka: latest")).toThrow('kafka must be a release such as 3.9.2; found "latest"');
  expect(parseEvidenceRequest("view: offsets\nproof: x\nkafka: 3.9.2")).toEqual({ view: "offsets", proof: "x", run: "claim", kafka: "3.9.2" });
});
