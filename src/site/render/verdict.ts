import type { ProofResult } from "../../evidence/proof-result.js";
import { escapeHtml } from "../escape.js";
import { checksTally } from "./checks-table.js";
import { formatDate, formatDuration } from "./format.js";

/** Why a proof failed or was skipped, one line per reason; empty for a proof that passed. */
export function verdictReasons(result: ProofResult): string[] {
  if (result.verdict === "skipped") return [`not run here: ${result.skipReason ?? "the run gave no reason"}`];
  const reasons = result.checks.filter((c) => !c.ok).map((c) => `check failed: ${c.name} — ${c.detail}`);
  if (result.error !== undefined) reasons.push(`the scenario broke off: ${result.error}`);
  if (!result.control.differs) {
    reasons.push(`the control (${result.control.precondition}) came out the same: every check passed on it too, so the checks do not tell the claim apart`);
  }
  if (result.verdict === "fail" && reasons.length === 0) reasons.push("the run recorded a failing verdict");
  return reasons;
}

const WORDS: Record<ProofResult["verdict"], string> = { pass: "✓ Passed", fail: "✗ Failed", skipped: "– Skipped" };

/** The banner at the top of a proof page: the verdict, how the run went, and, when it failed or was skipped, why. */
export function renderVerdict(result: ProofResult): string {
  const reasons = verdictReasons(result);
  const summary = {
    pass: `${checksTally(result.checks)}; the control came out differently, as it must.`,
    fail: `${checksTally(result.checks)}. This run's evidence is below, exactly as recorded.`,
    skipped: "This proof cannot run against this run's broker, so there is no evidence for it in this run.",
  }[result.verdict];
  const meta = [
    `run ${formatDate(result.startedAt)}`,
    formatDuration(result.durationMs),
    `Kafka ${result.kafka.version} (${result.kafka.mode})`,
    `${result.client.name} ${result.client.version}`,
    `Node ${result.node}`,
  ].join(" · ");
  return [
    `<div class="verdict verdict-${result.verdict}" data-verdict="${result.verdict}">`,
    `<p class="verdict-word">${WORDS[result.verdict]}</p>`,
    `<p class="verdict-summary">${escapeHtml(summary)}</p>`,
    reasons.length > 0 ? `<ul class="verdict-reasons">${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>` : "",
    `<p class="verdict-meta">${escapeHtml(meta)}</p>`,
    `</div>`,
  ].join("\n");
}
