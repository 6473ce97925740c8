import { expect, test } from "vitest";
import { proofResultFixture } from "../fixtures/proof-result-fixture.js";
import { renderEnvironment } from "./run-environment.js";
import { renderRunSummary } from "./run-summary.js";

const href = (id: string) => `/base/proofs/${id}.html`;

test("the run summary lists every proof, a failed one marked as failed", () => {
  const results = [proofResultFixture(), proofResultFixture({ id: "broken", title: "A <broken> claim", verdict: "fail", durationMs: 850 })];
  const html = renderRunSummary(results, href);
  expect(html).toContain('<a href="/base/proofs/fixture.html">A fixture&#39;s claim</a>');
  expect(html).toContain('<a href="/base/proofs/broken.html">A &lt;broken&gt; claim</a>');
  expect(html).toContain('<tr class="fail">');
  expect(html).toContain('<td class="fail">✗ fail</td>');
  expect(html).toContain('<td class="num">850 ms</td>');
});

test("a skipped proof is listed as skipped, not as failed", () => {
  const html = renderRunSummary([proofResultFixture({ verdict: "skipped", skipReason: "needs native mode", checks: [] })], href);
  expect(html).toContain('<tr class="skipped">');
  expect(html).toContain('<td class="skipped">– skipped</td>');
  expect(html).toContain('<td class="none" title="needs native mode">not run here</td>');
  expect(html).not.toContain("broke nothing");
});

test("the run summary says what each control broke, and one that broke nothing is marked", () => {
  const broke = proofResultFixture();
  const brokeNothing = proofResultFixture({ id: "same", verdict: "fail" }, { broke: [] });
  const html = renderRunSummary([broke, brokeNothing], href);
  expect(html).toContain("<th>Control</th><th>Kafka&#39;s tool</th>");
  expect(html).toContain("<td>broke 1 of 1</td>");
  expect(html).toContain('<td class="fail">broke nothing</td>');
});

test("the run summary says what Kafka's tool said: agreed only if it agreed on both runs", () => {
  const notRun = { state: "not-run" as const, detail: "not run in container mode" };
  const disagreed = { state: "disagreed" as const, detail: "A p0: expected 2; the tool reported 1" };
  /** The tool's cell comes right before the duration. */
  const toolCell = (result: ReturnType<typeof proofResultFixture>) => renderRunSummary([result], href).match(/(<td[^>]*>[^<]*<\/td>)<td class="num">/)?.[1];
  expect(toolCell(proofResultFixture())).toBe("<td>agreed</td>");
  expect(toolCell(proofResultFixture({}, { secondWitness: notRun }))).toBe('<td class="none">not run</td>');
  expect(toolCell(proofResultFixture({ secondWitness: notRun }, { secondWitness: disagreed }))).toBe('<td class="fail">disagreed</td>');
  expect(toolCell(proofResultFixture({ verdict: "skipped", skipReason: "needs native mode", checks: [] }))).toBe('<td class="none">not run</td>');
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
