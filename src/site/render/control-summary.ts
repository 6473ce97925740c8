import type { ControlResult } from "../../evidence/proof-result.js";
import { escapeHtml } from "../escape.js";
import { checksTally } from "./checks-table.js";

/**
 * What the control changed and how it came out. A control must fail at least
 * one of the claim's checks; one that passes them all shows the checks cannot
 * tell the claim from its opposite, and is marked as a failure.
 */
export function renderControlSummary(control: ControlResult): string {
  const failed = control.checks.filter((c) => !c.ok);
  const outcome = control.differs
    ? `As it must, the control came out differently: ${checksTally(control.checks)}${failed.length > 0 ? `; failed: ${failed.map((c) => c.name).join("; ")}` : ""}.`
    : `The control came out the same: ${checksTally(control.checks)}, so these checks do not tell the claim from its opposite.`;
  return [
    `<div class="control-summary control-${control.differs ? "differs" : "same"}" data-differs="${control.differs}">`,
    `<p><strong>Changed:</strong> ${escapeHtml(control.precondition)}.</p>`,
    `<p>${escapeHtml(outcome)}</p>`,
    control.error !== undefined ? `<p class="broke-off"><strong>It broke off:</strong> ${escapeHtml(control.error)}</p>` : "",
    `</div>`,
  ].join("\n");
}
