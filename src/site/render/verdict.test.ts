import { describe, expect, test } from "vitest";
import { proofResultFixture } from "../fixtures/proof-result-fixture.js";
import { renderControlSummary } from "./control-summary.js";
import { renderVerdict, verdictReasons } from "./verdict.js";

describe("renderVerdict", () => {
  test("a passing proof is shown as passed, with how its run went", () => {
    const html = renderVerdict(proofResultFixture());
    expect(html).toContain('data-verdict="pass"');
    expect(html).toContain("✓ Passed");
    expect(html).toContain("2 of 2 checks passed");
    expect(html).toContain("Kafka 4.3.1 (native) · kafkajs 2.2.4 · Node v20.19.0");
    expect(html).toContain("run 2026-01-02 03:04:05 UTC · 1.2 s");
  });

  test("a failed proof is shown as failed, with each reason, its details escaped", () => {
    const failed = proofResultFixture({
      verdict: "fail",
      error: "timed out waiting for <group A>",
      checks: [{ name: "group A committed p0=2", ok: false, detail: "the broker reported <script>p0=1</script>" }],
    });
    const html = renderVerdict(failed);
    expect(html).toContain('class="verdict verdict-fail" data-verdict="fail"');
    expect(html).toContain("✗ Failed");
    expect(html).toContain("<li>check failed: group A committed p0=2 — the broker reported &lt;script&gt;p0=1&lt;/script&gt;</li>");
    expect(html).toContain("<li>the scenario broke off: timed out waiting for &lt;group A&gt;</li>");
    expect(html).not.toContain("<script>");
  });
});

test("a skipped proof is shown as skipped, with the reason, and not as a failure", () => {
  const skipped = proofResultFixture({ verdict: "skipped", skipReason: "it needs native mode (this run is container)", checks: [] });
  const html = renderVerdict(skipped);
  expect(html).toContain('class="verdict verdict-skipped" data-verdict="skipped"');
  expect(html).toContain("– Skipped");
  expect(html).toContain("<li>not run here: it needs native mode (this run is container)</li>");
  expect(html).not.toContain("Failed");
});

describe("verdictReasons", () => {
  test("a control that came out the same is a reason to fail", () => {
    const result = proofResultFixture({ verdict: "fail" }, { differs: false, checks: [{ name: "c", ok: true, detail: "" }] });
    expect(verdictReasons(result)).toEqual([
      "the control (B is given A's group id) came out the same: every check passed on it too, so the checks do not tell the claim apart",
    ]);
  });

  test("a failing verdict is never shown without a reason", () => {
    expect(verdictReasons(proofResultFixture({ verdict: "fail" }))).toEqual(["the run recorded a failing verdict"]);
  });

  test("a passing proof has none", () => {
    expect(verdictReasons(proofResultFixture())).toEqual([]);
  });
});

describe("renderControlSummary", () => {
  test("says what the control changed and which checks failed on it", () => {
    const html = renderControlSummary(proofResultFixture().control);
    expect(html).toContain('data-differs="true"');
    expect(html).toContain("<strong>Changed:</strong> B is given A&#39;s group id.");
    expect(html).toContain("0 of 1 check passed; failed: group A committed p0=2.");
  });

  test("marks a control that came out the same, and one that broke off", () => {
    const control = { ...proofResultFixture().control, differs: false, checks: [], error: "consumer <A> crashed" };
    const html = renderControlSummary(control);
    expect(html).toContain("control-same");
    expect(html).toContain("The control came out the same");
    expect(html).toContain("consumer &lt;A&gt; crashed");
  });
});
