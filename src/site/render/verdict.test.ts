import { describe, expect, test } from "vitest";
import { proofResultFixture } from "../fixtures/proof-result-fixture.js";
import { renderControlSummary } from "./control-summary.js";
import { renderVerdict, verdictReasons } from "./verdict.js";

describe("renderVerdict", () => {
  test("a passing proof is shown as passed, with how its run went and what its control broke", () => {
    const html = renderVerdict(proofResultFixture());
    expect(html).toContain('data-verdict="pass"');
    expect(html).toContain("✓ Passed");
    expect(html).toContain("2 of 2 checks passed; the control broke what it had to: group A committed p0=2.");
    expect(html).toContain("Kafka 4.3.1 (native) · kafkajs 2.2.4 · Node v20.19.0");
    expect(html).toContain("run 2026-01-02 03:04:05 UTC · 1.2 s");
    expect(html).not.toContain("verdict-reasons");
  });

  test("a proof that chose its own clients names them, for the claim and for the control", () => {
    const fixture = proofResultFixture(
      { clients: [{ name: "kafka-clients", version: "4.4.0", protocol: "consumer" }] },
      { clients: [{ name: "kafkajs", version: "2.2.4", protocol: "classic" }] },
    );
    expect(renderVerdict(fixture)).toContain("Kafka 4.3.1 (native) · claim: kafka-clients 4.4.0 (consumer protocol); control: kafkajs 2.2.4 (classic protocol) · Node");
  });

  test("a failed proof is shown as failed, with each reason the run recorded, escaped", () => {
    const failed = proofResultFixture({
      verdict: "fail",
      error: "timed out waiting for <group A>",
      checks: [{ name: "group A committed p0=2", outcome: "fail", detail: "the broker reported <script>p0=1</script>" }],
      reasons: ["check failed: group A committed p0=2 — the broker reported <script>p0=1</script>", "the claim's scenario broke off: timed out waiting for <group A>"],
    });
    const html = renderVerdict(failed);
    expect(html).toContain('class="verdict verdict-fail" data-verdict="fail"');
    expect(html).toContain("✗ Failed");
    expect(html).toContain("0 of 1 check passed.");
    expect(html).toContain(
      '<ul class="verdict-reasons"><li>check failed: group A committed p0=2 — the broker reported &lt;script&gt;p0=1&lt;/script&gt;</li>' +
        "<li>the claim&#39;s scenario broke off: timed out waiting for &lt;group A&gt;</li></ul>",
    );
    expect(html).not.toContain("<script>");
  });

  test("the reasons shown are the run's, not worked out again from its checks", () => {
    const failed = proofResultFixture({ verdict: "fail", reasons: ["the proof declares no check its control must break"] });
    const html = renderVerdict(failed);
    expect(html).toContain("<li>the proof declares no check its control must break</li>");
    expect(html).not.toContain("check failed");
  });

  test("says what Kafka's consumer-groups tool said of the claim and the control", () => {
    expect(renderVerdict(proofResultFixture())).toContain(
      '<p class="verdict-witness" data-witness="agreed/agreed">Kafka&#39;s consumer-groups tool agreed on the claim and the control.</p>',
    );
    const split = proofResultFixture({ verdict: "fail" }, { secondWitness: { state: "disagreed", detail: "A p0: expected 2; the tool reported 1" } });
    expect(renderVerdict(split)).toContain('data-witness="agreed/disagreed">Kafka&#39;s consumer-groups tool agreed on the claim and disagreed on the control.');
  });

  test("a tool that did not run is said so, with why, never as agreement", () => {
    const notRun = { state: "not-run" as const, detail: "not run in container mode" };
    const html = renderVerdict(proofResultFixture({ secondWitness: notRun }, { secondWitness: notRun }));
    expect(html).toContain('data-witness="not-run/not-run">Kafka&#39;s consumer-groups tool did not run on the claim and the control: not run in container mode.');
    expect(html).not.toContain("tool agreed");
  });
});

test("a skipped proof is shown as skipped, with the reason, and not as a failure", () => {
  const skipped = proofResultFixture({ verdict: "skipped", skipReason: "it needs native mode (this run is container)", checks: [] });
  const html = renderVerdict(skipped);
  expect(html).toContain('class="verdict verdict-skipped" data-verdict="skipped"');
  expect(html).toContain("– Skipped");
  expect(html).toContain("<li>not run here: it needs native mode (this run is container)</li>");
  expect(html).not.toContain("Failed");
  expect(html).not.toContain("verdict-witness");
});

describe("verdictReasons", () => {
  test("are the reasons the run recorded", () => {
    const reasons = ["the control (B is given A's group id) broke none of the checks it must break: group A committed p0=2 (passed)"];
    expect(verdictReasons(proofResultFixture({ verdict: "fail", reasons }))).toEqual(reasons);
  });

  test("a failing verdict is never shown without a reason", () => {
    expect(verdictReasons(proofResultFixture({ verdict: "fail" }))).toEqual(["the run recorded a failing verdict"]);
  });

  test("a passing proof has none", () => {
    expect(verdictReasons(proofResultFixture())).toEqual([]);
  });
});

describe("renderControlSummary", () => {
  test("says what the control changed and which of the checks it had to break it broke", () => {
    const html = renderControlSummary(proofResultFixture().control);
    expect(html).toContain('<div class="control-summary control-differs" data-broke="1" data-must-break="1">');
    expect(html).toContain("<strong>Changed:</strong> B is given A&#39;s group id.");
    expect(html).toContain("As it must, the control broke 1 of the 1 check it had to break: group A committed p0=2.");
  });

  test("counts the checks it had to break and those it broke", () => {
    const control = { ...proofResultFixture().control, mustBreak: ["group A committed p0=2", "group B committed p0=1"], broke: ["group B committed p0=1"] };
    const html = renderControlSummary(control);
    expect(html).toContain('data-broke="1" data-must-break="2"');
    expect(html).toContain("broke 1 of the 2 checks it had to break: group B committed p0=1.");
  });

  test("marks a control that broke nothing it had to, though a check it did not declare failed", () => {
    const checks = [
      { name: "group A committed p0=2", outcome: "pass" as const, detail: "" },
      { name: "group B committed p0=1", outcome: "fail" as const, detail: "expected p0=1; the broker reported p0=2" },
    ];
    const control = { ...proofResultFixture().control, broke: [], checks };
    const html = renderControlSummary(control);
    expect(html).toContain('<div class="control-summary control-same" data-broke="0" data-must-break="1">');
    expect(html).toContain("The control broke none of the checks it had to break (group A committed p0=2), so they do not tell the claim from its opposite.");
    const undeclared = renderControlSummary({ ...control, mustBreak: [] });
    expect(undeclared).toContain("(none declared)");
  });

  test("marks a control that broke off, whatever its checks say", () => {
    const control = { ...proofResultFixture().control, broke: [], checks: [], error: "consumer <A> crashed" };
    const html = renderControlSummary(control);
    expect(html).toContain("control-same");
    expect(html).toContain('data-broke="0"');
    expect(html).toContain("The control broke off, so it shows nothing about the claim.");
    expect(html).toContain('<p class="broke-off"><strong>It broke off:</strong> consumer &lt;A&gt; crashed</p>');
  });
});
