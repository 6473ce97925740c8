import type { ProofResult } from "../../evidence/proof-result.js";
import { checksTally } from "./checks-table.js";
import { formatDuration } from "./format.js";
import { htmlTable, type Cell } from "./html-table.js";

const VERDICTS: Record<ProofResult["verdict"], string> = { pass: "✓ pass", fail: "✗ fail", skipped: "– skipped" };

function controlCell(result: ProofResult): Cell {
  if (result.verdict === "skipped") return { text: "not run here", className: "none" };
  return result.control.broke.length > 0 ? `broke ${result.control.broke.length} of ${result.control.mustBreak.length}` : { text: "broke nothing", className: "fail" };
}

const WITNESS: Record<ProofResult["secondWitness"]["state"], Cell> = {
  agreed: "agreed",
  disagreed: { text: "disagreed", className: "fail" },
  "not-run": { text: "not run", className: "none" },
};

/** Kafka's consumer-groups tool on both runs: agreed only if it agreed on both. */
function witnessCell(result: ProofResult): Cell {
  if (result.verdict === "skipped") return { text: "not run", className: "none" };
  const states = [result.secondWitness.state, result.control.secondWitness.state];
  if (states.includes("disagreed")) return WITNESS.disagreed;
  return states.every((s) => s === "agreed") ? WITNESS.agreed : WITNESS["not-run"];
}

/** The latest run at a glance: one row per proof, failed ones included and marked. */
export function renderRunSummary(results: readonly ProofResult[], pageHref: (id: string) => string): string {
  if (results.length === 0) return '<p class="evidence-empty">No proof has recorded a result.</p>';
  return htmlTable({
    className: "run-summary",
    headers: ["Proof", "Verdict", "Checks", "Control", "Kafka's tool", "Duration"],
    numeric: [5],
    rows: results.map((r) => [
      { text: r.title, href: pageHref(r.id) },
      { text: VERDICTS[r.verdict], className: r.verdict },
      r.verdict === "skipped" ? { text: "not run here", className: "none", title: r.skipReason ?? "" } : checksTally(r.checks),
      controlCell(r),
      witnessCell(r),
      formatDuration(r.durationMs),
    ]),
    rowClass: (index) => results[index]?.verdict,
  });
}
