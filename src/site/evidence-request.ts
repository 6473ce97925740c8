/**
 * An `evidence` block in a page's markdown names what to show, one `key: value`
 * per line:
 *
 *     ```evidence
 *     view: offsets
 *     proof: ack-isolation
 *     run: control
 *     ```
 *
 * `proof` is needed by every view but the run-wide ones; `run` is `claim` (the
 * default) or `control`.
 */

export const EVIDENCE_VIEWS = ["verdict", "control-summary", "checks", "offsets", "charts", "delivery", "acks", "timeline", "run-summary", "environment"] as const;
export type EvidenceView = (typeof EVIDENCE_VIEWS)[number];

/** Views about the whole run rather than one proof. */
export const RUN_VIEWS = ["run-summary", "environment"] as const satisfies readonly EvidenceView[];

export type EvidenceRun = "claim" | "control";

export interface EvidenceRequest {
  view: EvidenceView;
  proof?: string;
  run: EvidenceRun;
}

/** The block's markdown. */
export function evidenceFence(request: EvidenceRequest): string {
  const lines = [`view: ${request.view}`, ...(request.proof ? [`proof: ${request.proof}`] : []), ...(request.run === "control" ? ["run: control"] : [])];
  return ["```evidence", ...lines, "```"].join("\n");
}

/** Reads a block's body; throws, saying what is wrong, on anything it does not know. */
export function parseEvidenceRequest(body: string): EvidenceRequest {
  const fields = new Map<string, string>();
  for (const line of body.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const match = /^([a-z-]+):\s*(.+)$/.exec(line);
    if (!match || !["view", "proof", "run"].includes(match[1]!)) throw new Error(`evidence block: "${line}" is not one of "view: …", "proof: …", "run: …"`);
    fields.set(match[1]!, match[2]!);
  }
  const view = fields.get("view");
  if (!view || !(EVIDENCE_VIEWS as readonly string[]).includes(view)) throw new Error(`evidence block: view must be one of ${EVIDENCE_VIEWS.join(", ")}; found ${JSON.stringify(view ?? "nothing")}`);
  const run = fields.get("run") ?? "claim";
  if (run !== "claim" && run !== "control") throw new Error(`evidence block: run must be "claim" or "control"; found ${JSON.stringify(run)}`);
  const proof = fields.get("proof");
  if (!proof && !(RUN_VIEWS as readonly string[]).includes(view)) throw new Error(`evidence block: view "${view}" needs "proof: <id>"`);
  return { view: view as EvidenceView, run, ...(proof ? { proof } : {}) };
}
