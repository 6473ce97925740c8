import type { ProofResult } from "../../evidence/proof-result.js";
import { escapeHtml } from "../escape.js";
import { checksTally } from "./checks-table.js";
import { formatClients, formatDate, formatDuration } from "./format.js";

/** Why a proof failed or was skipped, one line per reason, as the run judged it; empty for a proof that passed. */
export function verdictReasons(result: ProofResult): string[] {
  if (result.verdict === "skipped") return [`not run here: ${result.skipReason ?? "the run gave no reason"}`];
  if (result.verdict === "fail" && result.reasons.length === 0) return ["the run recorded a failing verdict"];
  return result.reasons;
}

const WITNESS_WORDS = { agreed: "agreed", disagreed: "disagreed", "not-run": "did not run" } as const;

/** What Kafka's consumer-groups tool said of the claim's and the control's offsets. */
function secondWitnessLine(result: ProofResult): string {
  const claim = result.secondWitness;
  const control = result.control.secondWitness;
  if (claim.state === control.state)
    return `Kafka's consumer-groups tool ${WITNESS_WORDS[claim.state]} on the claim and the control${claim.state === "not-run" ? `: ${claim.detail}` : ""}.`;
  return `Kafka's consumer-groups tool ${WITNESS_WORDS[claim.state]} on the claim and ${WITNESS_WORDS[control.state]} on the control.`;
}

const WORDS: Record<ProofResult["verdict"], string> = { pass: "✓ Passed", fail: "✗ Failed", skipped: "– Skipped" };

/** The banner at the top of a proof page: the verdict, how the run went, and, when it failed or was skipped, why. */
export function renderVerdict(result: ProofResult): string {
  const reasons = verdictReasons(result);
  const broke = result.control.broke;
  const summary = {
    pass: `${checksTally(result.checks)}; the control broke what it had to: ${broke.join("; ")}.`,
    fail: `${checksTally(result.checks)}. This run's evidence is below, exactly as recorded.`,
    skipped: "This proof cannot run against this run's broker, so there is no evidence for it in this run.",
  }[result.verdict];
  const witness = result.verdict === "skipped" ? "" : secondWitnessLine(result);
  const meta = [
    `run ${formatDate(result.startedAt)}`,
    formatDuration(result.durationMs),
    `Kafka ${result.kafka.version} (${result.kafka.mode})`,
    formatClients(result),
    `Node ${result.node}`,
  ].join(" · ");
  return [
    `<div class="verdict verdict-${result.verdict}" data-verdict="${result.verdict}">`,
    `<p class="verdict-word">${WORDS[result.verdict]}</p>`,
    `<p class="verdict-summary">${escapeHtml(summary)}</p>`,
    witness ? `<p class="verdict-witness" data-witness="${result.secondWitness.state}/${result.control.secondWitness.state}">${escapeHtml(witness)}</p>` : "",
    reasons.length > 0 ? `<ul class="verdict-reasons">${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>` : "",
    `<p class="verdict-meta">${escapeHtml(meta)}</p>`,
    `</div>`,
  ].join("\n");
}
