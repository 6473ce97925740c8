import { expect, test } from "vitest";
import type { ProofResult } from "../../evidence/proof-result.js";
import { DEFAULT_CELL } from "../../evidence/results-layout.js";
import { KAFKA_VERSION } from "../../kafka-version.js";
import { proofResultFixture } from "../fixtures/proof-result-fixture.js";
import { runOverview } from "../run-overview.js";
import { renderEnvironment } from "./run-environment.js";
import { renderRunSummary } from "./run-summary.js";

const href = (id: string, folder = "") => `/base/proofs/${folder ? `${folder}/` : ""}${id}.html`;
/** The summary of a run of the default cell alone. */
const summary = (results: ProofResult[]) => renderRunSummary(runOverview({ results, columns: [{ cell: DEFAULT_CELL, kafkaVersion: KAFKA_VERSION, folder: "", results }] }), href);

test("the run summary lists every proof, a failed one marked as failed", () => {
  const html = summary([proofResultFixture(), proofResultFixture({ id: "broken", title: "A <broken> claim", verdict: "fail", durationMs: 850 })]);
  expect(html).toContain('<a href="/base/proofs/fixture.html">A fixture&#39;s claim</a>');
  expect(html).toContain('<a href="/base/proofs/broken.html">A &lt;broken&gt; claim</a>');
  expect(html).toContain('<tr class="fail">');
  expect(html).toContain('<td class="fail"><div class="cell-line">✗ failed</div></td>');
  expect(html).toContain('<a href="/base/proofs/broken.html">kafkajs/classic</a> <span class="fail">✗ failed</span>');
  expect(html).toContain('<td class="num"><div class="cell-line">850 ms</div></td>');
});

test("a skipped proof is not run, with its reason and the command that runs it, never failed", () => {
  const html = summary([proofResultFixture({ verdict: "skipped", skipReason: "needs native mode", checks: [] })]);
  expect(html).toContain('<tr class="not-run">');
  expect(html).toContain('<td class="none"><div class="cell-line"><span title="needs native mode">not run</span><sup><a href="#run-summary-note-1">1</a></sup></div>');
  expect(html).toContain('<div class="cell-line">run it with <code>npm run proofs</code></div>');
  expect(html).toContain('<li id="run-summary-note-1">needs native mode</li>');
  expect(html).not.toContain("broke nothing");
});

test("the run summary says what each control broke, and one that broke nothing is marked", () => {
  const broke = proofResultFixture();
  const brokeNothing = proofResultFixture({ id: "same", verdict: "fail" }, { broke: [] });
  const html = summary([broke, brokeNothing]);
  expect(html).toContain("<th>Control</th><th>Kafka&#39;s tool</th>");
  expect(html).toContain('<td><div class="cell-line">broke 1 of 1</div></td>');
  expect(html).toContain('<td><div class="cell-line"><span class="fail">broke nothing</span></div></td>');
});

test("the run summary says what Kafka's tool said: agreed only if it agreed on both runs", () => {
  const notRun = { state: "not-run" as const, detail: "not run in container mode" };
  const disagreed = { state: "disagreed" as const, detail: "A p0: expected 2; the tool reported 1" };
  /** The tool's cell comes right before the duration. */
  const toolCell = (result: ProofResult) => summary([result]).match(/<td>(<div class="cell-line">(?:(?!<td).)*<\/div>)<\/td><td class="num">/)?.[1];
  expect(toolCell(proofResultFixture())).toBe('<div class="cell-line">agreed</div>');
  expect(toolCell(proofResultFixture({}, { secondWitness: notRun }))).toBe('<div class="cell-line"><span class="none">not run</span></div>');
  expect(toolCell(proofResultFixture({ secondWitness: notRun }, { secondWitness: disagreed }))).toBe('<div class="cell-line"><span class="fail">disagreed</span></div>');
  expect(toolCell(proofResultFixture({ verdict: "skipped", skipReason: "needs native mode", checks: [] }))).toBe('<div class="cell-line"><span class="none">not run</span></div>');
});

test("the environment lists Kafka, the client, Node and when the run started", () => {
  const html = renderEnvironment([proofResultFixture(), proofResultFixture({ startedAt: "2026-01-02T03:04:30.000Z" })]);
  expect(html).toContain("4.3.1 (native broker)");
  expect(html).toContain("kafkajs 2.2.4");
  expect(html).toContain("v20.19.0");
  expect(html).toContain("<td>2026-01-02 03:04:05 UTC</td>");
});

test("results from different setups are all listed, not merged into one", () => {
  const html = renderEnvironment([proofResultFixture(), proofResultFixture({ kafka: { version: "4.4.0", mode: "container" }, startedAt: "2026-01-03T00:00:00Z" })]);
  expect(html).toContain("4.3.1 (native broker), 4.4.0 (container broker)");
  expect(html).toContain("2026-01-02 03:04:05 UTC to 2026-01-03 00:00:00 UTC");
});
