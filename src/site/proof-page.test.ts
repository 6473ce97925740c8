import { describe, expect, test } from "vitest";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { proofPage } from "./proof-page.js";
import { hasRegion, proofStory } from "./proof-source.js";

const SOURCE = `/**
 * # The fixture's claim
 *
 * Claim: something holds.
 *
 * Kafka docs: https://kafka.apache.org/documentation/
 */
import { test } from "vitest";

// #region scenario
async function scenario() {}
// #endregion scenario

// #region check
function check() {}
// #endregion check
`;

describe("proofPage", () => {
  const page = proofPage(proofResultFixture({ title: "A <b>bold</b> title" }), SOURCE);

  test("quotes the scenario and the checks from the proof's source, through VitePress's region includes", () => {
    expect(page).toContain("<<< @/../proofs/fixture.proof.ts#scenario");
    expect(page).toContain("<<< @/../proofs/fixture.proof.ts#check");
  });

  test("tells the story from the proof's doc comment, without its title line", () => {
    expect(page).toContain("Claim: something holds.");
    expect(page).not.toContain("# The fixture's claim");
  });

  test("asks for every piece of evidence, for the claim and for its control", () => {
    for (const run of ["claim", "control"]) {
      for (const view of ["checks", "offsets", "charts", "delivery", "acks", "timeline"]) {
        const block = `view: ${view}\nproof: fixture${run === "control" ? "\nrun: control" : ""}\n\`\`\``;
        expect(page, `${view} for the ${run}`).toContain(block);
      }
    }
    expect(page).toContain("view: verdict\nproof: fixture");
    expect(page).toContain("view: control-summary\nproof: fixture\nrun: control");
  });

  test("shows the cluster only for a run that started brokers of its own", () => {
    expect(page).not.toContain("view: cluster");
    const brokers = [{ nodeId: 1, address: "127.0.0.1:9001", killedAt: 300 }];
    const result = proofResultFixture();
    const clustered = proofPage({ ...result, brokers, control: { ...result.control, brokers } }, SOURCE);
    expect(clustered).toContain("### Cluster\n");
    expect(clustered).toContain("view: cluster\nproof: fixture\n```");
    expect(clustered).toContain("view: cluster\nproof: fixture\nrun: control");
  });

  test("escapes the title and claim, which come from the results", () => {
    expect(page).toContain("# A &lt;b&gt;bold&lt;\\/b&gt; title");
  });

  test("refuses a source without a scenario region, rather than quote the whole file", () => {
    expect(() => proofPage(proofResultFixture(), "const x = 1;")).toThrow('proofs/fixture.proof.ts has no "// #region scenario"');
  });

  test("a skipped proof's page says why it did not run, instead of showing empty evidence", () => {
    const skipped = proofPage(proofResultFixture({ verdict: "skipped", skipReason: "it needs native mode" }), SOURCE);
    expect(skipped).toContain("view: verdict\nproof: fixture");
    expect(skipped).toContain("<<< @/../proofs/fixture.proof.ts#scenario");
    expect(skipped).toContain("Not run against this run's broker: it needs native mode.");
    expect(skipped).not.toContain("view: offsets");
  });

  test("leaves out the checks section when the source marks none", () => {
    const withoutCheck = SOURCE.replace("// #region check", "").replace("// #endregion check", "");
    expect(proofPage(proofResultFixture(), withoutCheck)).not.toContain("#check");
  });
});

describe("proofStory and hasRegion", () => {
  test("a source without a doc comment has no story", () => {
    expect(proofStory("const x = 1;")).toBe("");
  });

  test("a region needs both its markers", () => {
    expect(hasRegion(SOURCE, "scenario")).toBe(true);
    expect(hasRegion("// #region scenario\nx", "scenario")).toBe(false);
    expect(hasRegion(SOURCE, "setup")).toBe(false);
  });
});

describe("proofPage for another cell or Kafka version", () => {
  const page = proofPage(proofResultFixture(), SOURCE, { cell: "java/classic", kafkaVersion: "3.9.2" });

  test("names the cell and version in its title, and asks for that column's evidence", () => {
    expect(page).toContain("# A fixture\\'s claim — java\\/classic on Kafka 3\\.9\\.2");
    expect(page).toContain("view: offsets\nproof: fixture\nrun: control\ncell: java/classic\nkafka: 3.9.2\n```");
  });

  test("shows the proof in every column at the top, this one marked", () => {
    expect(page).toContain('<ProofCells proof="fixture" current="kafka-3.9.2/java-classic" />');
    expect(proofPage(proofResultFixture(), SOURCE)).toContain('<ProofCells proof="fixture" current="" />');
  });
});
