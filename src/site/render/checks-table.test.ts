import { describe, expect, test } from "vitest";
import type { Check } from "../../evidence/proof-result.js";
import { checksTally, outcomeWords, renderChecks } from "./checks-table.js";

const checks: Check[] = [
  { name: "group A committed p0=2", outcome: "pass", detail: "expected p0=2; the broker reported p0=2" },
  { name: "group B committed p0=3", outcome: "fail", detail: "expected p0=3; the broker reported p0=<5>" },
  { name: "B resumed at p0@3", outcome: "inconclusive", detail: "cannot be judged: the evidence has no consumer B" },
];

describe("renderChecks", () => {
  test("shows each outcome in words and as the row's class, an inconclusive check as neither pass nor fail", () => {
    const html = renderChecks(checks);
    expect(checks.map(outcomeWords)).toEqual(["✓ pass", "✗ fail", "? inconclusive"]);
    expect(html).toContain('<tr class="pass"><td class="pass">✓ pass</td><td>group A committed p0=2</td>');
    expect(html).toContain('<tr class="fail"><td class="fail">✗ fail</td><td>group B committed p0=3</td><td>expected p0=3; the broker reported p0=&lt;5&gt;</td></tr>');
    expect(html).toContain('<tr class="inconclusive"><td class="inconclusive">? inconclusive</td><td>B resumed at p0@3</td>');
  });

  test("marks the checks a control must break, and only those", () => {
    const html = renderChecks(checks, ["group B committed p0=3"]);
    expect(html).toContain("<td>group B committed p0=3 (the control must break this)</td>");
    expect(html).toContain("<td>group A committed p0=2</td>");
    expect(renderChecks(checks)).not.toContain("must break");
  });

  test("says so when a run has no checks", () => {
    expect(renderChecks([])).toBe('<p class="evidence-empty">This run has no checks.</p>');
  });
});

test("the tally counts passes only: an inconclusive check is not one", () => {
  expect(checksTally(checks)).toBe("1 of 3 checks passed");
  expect(checksTally(checks.slice(0, 1))).toBe("1 of 1 check passed");
});
