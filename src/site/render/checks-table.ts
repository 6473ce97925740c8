import type { Check, Outcome } from "../../evidence/proof-result.js";
import { htmlTable } from "./html-table.js";

const OUTCOME_WORDS: Record<Outcome, string> = { pass: "✓ pass", fail: "✗ fail", inconclusive: "? inconclusive" };

export function outcomeWords(check: Check): string {
  return OUTCOME_WORDS[check.outcome];
}

/**
 * Each check with its outcome and what the evidence showed; failed and
 * inconclusive ones are marked. `mustBreak` marks the checks a control had to break.
 */
export function renderChecks(checks: readonly Check[], mustBreak: readonly string[] = []): string {
  if (checks.length === 0) return '<p class="evidence-empty">This run has no checks.</p>';
  const name = (c: Check) => (mustBreak.includes(c.name) ? `${c.name} (the control must break this)` : c.name);
  return htmlTable({
    className: "checks",
    headers: ["", "Check", "What the evidence shows"],
    rows: checks.map((c) => [{ text: outcomeWords(c), className: c.outcome }, name(c), c.detail]),
    rowClass: (index) => checks[index]?.outcome,
  });
}

/** "7 of 9 checks passed". */
export function checksTally(checks: readonly Check[]): string {
  const passed = checks.filter((c) => c.outcome === "pass").length;
  return `${passed} of ${checks.length} check${checks.length === 1 ? "" : "s"} passed`;
}
