import type { Check } from "../../evidence/proof-result.js";
import { htmlTable } from "./html-table.js";

/** Each check with its outcome and what the evidence showed; failed ones are marked. */
export function renderChecks(checks: readonly Check[]): string {
  if (checks.length === 0) return '<p class="evidence-empty">This run has no checks.</p>';
  return htmlTable({
    className: "checks",
    headers: ["", "Check", "What the evidence shows"],
    rows: checks.map((c) => [{ text: c.ok ? "✓ pass" : "✗ fail", className: c.ok ? "pass" : "fail" }, c.name, c.detail]),
    rowClass: (index) => (checks[index]?.ok ? "pass" : "fail"),
  });
}

/** "7 of 9 checks passed". */
export function checksTally(checks: readonly Check[]): string {
  const passed = checks.filter((c) => c.ok).length;
  return `${passed} of ${checks.length} check${checks.length === 1 ? "" : "s"} passed`;
}
