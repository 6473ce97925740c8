import { describe, expect, test } from "vitest";
import { proofsRun, type MatrixRun } from "../evidence/matrix-run.js";
import type { ProofResult } from "../evidence/proof-result.js";
import { runResultsFolder, type CellName } from "../evidence/results-layout.js";
import { SHARE_CONSUMERS_ONLY, whyNotRun } from "../harness/applicability.js";
import { ownClusterSkipReason } from "../harness/own-cluster.js";
import { KAFKA_VERSION } from "../kafka-version.js";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { renderRunSummary } from "./render/run-summary.js";
import { commandThatRuns, needsOwnCluster, runOverview } from "./run-overview.js";
import type { ColumnResults, SiteResults } from "./site-results.js";
import { siteSidebar } from "./sidebar.js";

/**
 * A default run: kafkajs/classic and java/consumer side by side, begun at 17:10 and recorded as the run
 * on record; java/classic is a cell of the site but not of this run.
 */
const at = (minute: number) => `2026-11-27T17:${String(minute).padStart(2, "0")}:00.000Z`;
const run: MatrixRun = proofsRun([{ cell: "kafkajs/classic" }, { cell: "java/consumer" }], KAFKA_VERSION, new Date(at(10)), new Date(at(20)));
const result = (id: string, overrides: Partial<ProofResult> = {}) => proofResultFixture({ id, title: `The ${id} claim`, startedAt: at(11), ...overrides });
const skipped = (id: string, skipReason: string, overrides: Partial<ProofResult> = {}) => result(id, { verdict: "skipped", skipReason, checks: [], ...overrides });
const column = (cell: CellName, results: ProofResult[]): ColumnResults => ({
  cell,
  kafkaVersion: KAFKA_VERSION,
  folder: runResultsFolder({ cell, kafkaVersion: KAFKA_VERSION }),
  results,
});
function site(kafkajs: ProofResult[], javaConsumer: ProofResult[]): SiteResults {
  return { results: kafkajs, columns: [column("kafkajs/classic", kafkajs), column("java/classic", []), column("java/consumer", javaConsumer)], matrixRun: run };
}
const href = (id: string, folder = "") => `/base/proofs/${folder ? `${folder}/` : ""}${id}.html`;

const facts = { kafkaVersion: KAFKA_VERSION, brokerMode: "native", javaHostAbsent: null };
/** The words a share-only proof's result gives in kafkajs/classic, as the harness writes them. */
const shareNotApplicable = whyNotRun({ notApplicable: SHARE_CONSUMERS_ONLY }, { cell: "kafkajs/classic", ...facts })!;
/** The words a cluster proof's result gives in a run that leaves such proofs out, as the harness writes them. */
const clusterLeftOut = ownClusterSkipReason({ nodes: 3 }, "native", {})!;

describe("a share-group proof that passed only in java/consumer", () => {
  const share = site([skipped("share", shareNotApplicable)], [result("share", { client: { name: "kafka-clients", version: "4.3.1", protocol: "consumer" } })]);

  test("is passed, resting on its java/consumer page, with each cell of the run listed", () => {
    const [proof] = runOverview(share);
    expect(proof).toMatchObject({ id: "share", status: "pass", reasons: [], folder: "java-consumer" });
    expect(proof!.command).toBeUndefined();
    expect(proof!.cells.map((c) => [c.column.cell, c.entry.status, c.entry.href])).toEqual([
      ["kafkajs/classic", "not-applicable", "/proofs/share.html"],
      ["java/consumer", "pass", "/proofs/java-consumer/share.html"],
    ]);
  });

  test("the overview shows it passed, links each cell's page, and gives kafkajs/classic's reason as a note", () => {
    const html = renderRunSummary(runOverview(share), href);
    expect(html).toContain('<tr class="pass">');
    expect(html).toContain('<a href="/base/proofs/java-consumer/share.html">The share claim</a>');
    expect(html).toContain('<td class="pass"><div class="cell-line">✓ passed</div></td>');
    expect(html).toContain('<a href="/base/proofs/java-consumer/share.html">java/consumer</a> <span class="pass">✓ passed</span>');
    expect(html).toContain('<a href="/base/proofs/share.html">kafkajs/classic</a> <span class="none" title="not applicable in kafkajs/classic: no consumer-group member here');
    expect(html).toContain('<li id="run-summary-note-1">not applicable in kafkajs/classic: no consumer-group member here');
    expect(html).not.toContain("skipped");
    expect(html).not.toContain("not run here");
  });

  test("the sidebar marks it passed and links its java/consumer page", () => {
    const sidebar = siteSidebar(share);
    expect(sidebar["/"]![0]!.items).toEqual([{ text: "✓ The share claim", link: "/proofs/java-consumer/share" }]);
    expect(sidebar["/proofs/java-consumer/"]![0]).toEqual({
      text: `Proofs in java/consumer on Kafka ${KAFKA_VERSION}`,
      items: [{ text: "✓ The share claim", link: "/proofs/java-consumer/share" }],
    });
  });
});

describe("a proof that failed in one cell and passed in another", () => {
  const split = site([result("ack")], [result("ack", { verdict: "fail", reasons: ["check failed: group A committed p0=2"] })]);

  test("is failed, resting on the page of the cell where it failed", () => {
    expect(runOverview(split)[0]).toMatchObject({ status: "fail", folder: "java-consumer" });
    const html = renderRunSummary(runOverview(split), href);
    expect(html).toContain('<tr class="fail">');
    expect(html).toContain('<td class="fail"><div class="cell-line">✗ failed</div></td>');
    expect(html).toContain('<a href="/base/proofs/ack.html">kafkajs/classic</a> <span class="pass">✓ passed</span>');
    expect(html).toContain('<a href="/base/proofs/java-consumer/ack.html">java/consumer</a> <span class="fail">✗ failed</span>');
    expect(siteSidebar(split)["/"]![0]!.items).toEqual([{ text: "✗ The ack claim", link: "/proofs/java-consumer/ack" }]);
  });

  test("whichever cell failed", () => {
    const other = site([result("ack", { verdict: "fail" })], [result("ack")]);
    expect(runOverview(other)[0]).toMatchObject({ status: "fail", folder: "" });
  });
});

describe("a proof that did not run in this run", () => {
  test("a cluster proof with no result of this run is not run, with the command that runs it", () => {
    const earlier = site([skipped("coordinator-loss", clusterLeftOut, { startedAt: at(1) })], []);
    const [proof] = runOverview(earlier);
    expect(proof).toMatchObject({
      status: "not-run",
      command: "npm run proofs:cluster",
      reasons: ["no cell of this run ran it; any result of it is an earlier run's"],
      folder: "",
      cells: [],
    });
    const html = renderRunSummary([proof!], href);
    expect(html).toContain('<tr class="not-run">');
    expect(html).toContain('<div class="cell-line">run it with <code>npm run proofs:cluster</code></div>');
    expect(html).toContain('<td class="none">none in this run</td>');
    expect(siteSidebar(earlier)["/"]![0]!.items).toEqual([{ text: "– The coordinator-loss claim", link: "/proofs/coordinator-loss" }]);
  });

  test("so is one whose only result ran on a cluster of its own in an earlier run", () => {
    const ranEarlier = result("coordinator-loss", { startedAt: at(1), brokers: [{ nodeId: 1, address: "127.0.0.1:9092", killedAt: 120 }] });
    expect(runOverview(site([ranEarlier], []))[0]).toMatchObject({ status: "not-run", command: "npm run proofs:cluster" });
  });

  test("a cluster proof this run left out is not run in each cell, with the run's reason", () => {
    const leftOut = site([skipped("coordinator-loss", clusterLeftOut)], [skipped("coordinator-loss", clusterLeftOut)]);
    const [proof] = runOverview(leftOut);
    expect(proof).toMatchObject({ status: "not-run", command: "npm run proofs:cluster", reasons: [clusterLeftOut] });
    expect(proof!.cells.map((c) => c.entry.status)).toEqual(["not-run", "not-run"]);
    const html = renderRunSummary([proof!], href);
    expect(html).toContain('<a href="/base/proofs/java-consumer/coordinator-loss.html">java/consumer</a> <span class="none" title="it starts a 3-node cluster');
    expect(html.match(/<li /g)).toHaveLength(1);
  });

  test("any other proof gives the command that runs the proofs", () => {
    expect(runOverview(site([result("ack", { startedAt: at(1) })], []))[0]).toMatchObject({ status: "not-run", command: "npm run proofs" });
  });

  test("not applicable only where every cell of the run says the claim does not apply", () => {
    const javaConsumer = whyNotRun({ notApplicable: { "java/consumer": "kafkajs only" } }, { cell: "java/consumer", ...facts })!;
    const nowhere = site([skipped("share", shareNotApplicable)], [skipped("share", javaConsumer)]);
    expect(runOverview(nowhere)[0]).toMatchObject({ status: "not-applicable", reasons: [shareNotApplicable, javaConsumer] });
    expect(runOverview(nowhere)[0]!.command).toBeUndefined();
    expect(siteSidebar(nowhere)["/"]![0]!.items[0]!.text).toBe("n/a The share claim");
    // java/consumer recorded nothing for it: it did not find the claim inapplicable there.
    expect(runOverview(site([skipped("share", shareNotApplicable)], []))[0]).toMatchObject({ status: "not-run", command: "npm run proofs" });
    // java/consumer had no Java host: the claim applies there, so the proof is not run, not n/a.
    const noHost = site([skipped("share", shareNotApplicable)], [skipped("share", "not run in java/consumer: no Java found")]);
    expect(runOverview(noHost)[0]).toMatchObject({ status: "not-run", command: "npm run proofs", reasons: ["not run in java/consumer: no Java found"] });
  });
});

test("a proof needs a cluster of its own when a result says so in the harness's words, or ran on one", () => {
  expect(needsOwnCluster([skipped("x", clusterLeftOut)])).toBe(true);
  expect(needsOwnCluster([skipped("x", ownClusterSkipReason({ nodes: 1, scramUsers: ["svc-a"] }, "container", { KAFKA_PROOFS_CLUSTER: "1" })!)])).toBe(true);
  expect(needsOwnCluster([result("x", {}), skipped("x", "it restarts a broker of its own, which needs native mode (this run is container)")])).toBe(false);
});

test("the command that runs a proof is the one its skip reason names, in the harness's words", () => {
  const slow = ownClusterSkipReason({ nodes: 1, waitsFor: "over a minute" }, "native", {})!;
  expect(commandThatRuns([skipped("x", slow)])).toBe("npm run proofs:slow");
  // A slow proof that ran before recorded its broker: the skip reason of this run still names its own command.
  expect(commandThatRuns([result("x", { brokers: [] }), skipped("x", slow)])).toBe("npm run proofs:slow");
  expect(commandThatRuns([skipped("x", clusterLeftOut)])).toBe("npm run proofs:cluster");
  expect(commandThatRuns([skipped("x", "not run in java/consumer: no Java found")])).toBe("npm run proofs");
});
