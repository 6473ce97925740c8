import type { ControlResult } from "../../evidence/proof-result.js";
import { escapeHtml } from "../escape.js";

/**
 * What the control changed and how it came out. A control must break at least
 * one of the checks the proof declares for it, with its evidence present; one
 * that breaks none, or errors, shows nothing about the claim and is marked so.
 */
export function renderControlSummary(control: ControlResult): string {
  const broke = control.broke.length > 0;
  const outcome =
    control.error !== undefined
      ? "The control broke off, so it shows nothing about the claim."
      : broke
        ? `As it must, the control broke ${control.broke.length} of the ${control.mustBreak.length} check${control.mustBreak.length === 1 ? "" : "s"} it had to break: ${control.broke.join("; ")}.`
        : `The control broke none of the checks it had to break (${control.mustBreak.join("; ") || "none declared"}), so they do not tell the claim from its opposite.`;
  return [
    `<div class="control-summary control-${broke ? "differs" : "same"}" data-broke="${control.broke.length}" data-must-break="${control.mustBreak.length}">`,
    `<p><strong>Changed:</strong> ${escapeHtml(control.precondition)}.</p>`,
    `<p>${escapeHtml(outcome)}</p>`,
    control.error !== undefined ? `<p class="broke-off"><strong>It broke off:</strong> ${escapeHtml(control.error)}</p>` : "",
    `</div>`,
  ].join("\n");
}
