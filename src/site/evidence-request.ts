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
 * default) or `control`. `cell: java/classic` and `kafka: 3.9.2` pick the results
 * of another cell or Kafka version (results/kafka-3.9.2/java-classic/); without
 * them, the default cell's on the pinned Kafka.
 */
import { CELLS, type CellName } from "../evidence/results-layout.js";

export const EVIDENCE_VIEWS = [
  "verdict",
  "control-summary",
  "checks",
  "cluster",
  "offsets",
  "charts",
  "delivery",
  "acks",
  "timeline",
  "run-summary",
  "environment",
  "swimlane",
  "replay",
] as const;
export type EvidenceView = (typeof EVIDENCE_VIEWS)[number];

/** Views about the whole run rather than one proof. */
export const RUN_VIEWS = ["run-summary", "environment"] as const satisfies readonly EvidenceView[];

export type EvidenceRun = "claim" | "control";

export interface EvidenceRequest {
  view: EvidenceView;
  proof?: string;
  run: EvidenceRun;
  cell?: CellName;
  kafka?: string;
}

const KEYS = ["view", "proof", "run", "cell", "kafka"] as const;

/** The block's markdown. */
export function evidenceFence(request: EvidenceRequest): string {
  const lines = [
    `view: ${request.view}`,
    ...(request.proof ? [`proof: ${request.proof}`] : []),
    ...(request.run === "control" ? ["run: control"] : []),
    ...(request.cell ? [`cell: ${request.cell}`] : []),
    ...(request.kafka ? [`kafka: ${request.kafka}`] : []),
  ];
  return ["```evidence", ...lines, "```"].join("\n");
}

/** Reads a block's body; throws, saying what is wrong, on anything it does not know. */
export function parseEvidenceRequest(body: string): EvidenceRequest {
  const fields = new Map<string, string>();
  for (const line of body
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^([a-z-]+):\s*(.+)$/.exec(line);
    if (!match || !(KEYS as readonly string[]).includes(match[1]!)) throw new Error(`evidence block: "${line}" is not one of ${KEYS.map((key) => `"${key}: …"`).join(", ")}`);
    fields.set(match[1]!, match[2]!);
  }
  const view = fields.get("view");
  if (!view || !(EVIDENCE_VIEWS as readonly string[]).includes(view))
    throw new Error(`evidence block: view must be one of ${EVIDENCE_VIEWS.join(", ")}; found ${JSON.stringify(view ?? "nothing")}`);
  const run = fields.get("run") ?? "claim";
  if (run !== "claim" && run !== "control") throw new Error(`evidence block: run must be "claim" or "control"; found ${JSON.stringify(run)}`);
  const proof = fields.get("proof");
  if (!proof && !(RUN_VIEWS as readonly string[]).includes(view)) throw new Error(`evidence block: view "${view}" needs "proof: <id>"`);
  const cell = fields.get("cell");
  if (cell !== undefined && !(CELLS as readonly string[]).includes(cell)) throw new Error(`evidence block: cell must be one of ${CELLS.join(", ")}; found ${JSON.stringify(cell)}`);
  const kafka = fields.get("kafka");
  if (kafka !== undefined && !/^\d+\.\d+\.\d+$/.test(kafka)) throw new Error(`evidence block: kafka must be a release such as 3.9.2; found ${JSON.stringify(kafka)}`);
  return { view: view as EvidenceView, run, ...(proof ? { proof } : {}), ...(cell ? { cell: cell as CellName } : {}), ...(kafka ? { kafka } : {}) };
}
