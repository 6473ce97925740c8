import type { ProofResult } from "../../evidence/proof-result.js";
import { KAFKA_VERSION } from "../../kafka-version.js";
import { escapeHtml } from "../escape.js";
import type { EntryStatus, MatrixPageColumn } from "../proof-matrix.js";
import type { CellOutcome, ProofOverview } from "../run-overview.js";
import { checksTally } from "./checks-table.js";
import { formatDuration } from "./format.js";
import { htmlTable, type Span } from "./html-table.js";

/** A proof's mark over the whole run. */
const VERDICTS: Record<EntryStatus, string> = { pass: "✓ passed", fail: "✗ failed", "not-applicable": "not applicable", "not-run": "not run" };
/** One cell's mark beside the cell's name. */
const CELL_MARKS: Record<EntryStatus, string> = { pass: "✓ passed", fail: "✗ failed", "not-applicable": "n/a", "not-run": "not run" };
const CLASSES: Record<EntryStatus, string> = { pass: "pass", fail: "fail", "not-applicable": "none", "not-run": "none" };

/** The URL of a proof's page for the results in `folder` ("" for the default cell's), with the site's base. */
export type PageHref = (id: string, folder?: string) => string;

const NOT_RUN: Span[] = [{ text: "–", className: "none" }];

function controlCell(result: ProofResult): Span[] {
  if (result.verdict === "skipped") return NOT_RUN;
  const control = result.control;
  return [control.broke.length > 0 ? { text: `broke ${control.broke.length} of ${control.mustBreak.length}` } : { text: "broke nothing", className: "fail" }];
}

const WITNESS: Record<ProofResult["secondWitness"]["state"], Span> = {
  agreed: { text: "agreed" },
  disagreed: { text: "disagreed", className: "fail" },
  "not-run": { text: "not run", className: "none" },
};

/** Kafka's consumer-groups tool on both runs: agreed only if it agreed on both. */
function witnessCell(result: ProofResult): Span[] {
  if (result.verdict === "skipped") return [WITNESS["not-run"]];
  const states = [result.secondWitness.state, result.control.secondWitness.state];
  if (states.includes("disagreed")) return [WITNESS.disagreed];
  return [states.every((s) => s === "agreed") ? WITNESS.agreed : WITNESS["not-run"]];
}

/** "java/consumer", or "java/classic on Kafka 3.9.2" off the pinned version. */
function cellName(column: MatrixPageColumn): string {
  return column.kafkaVersion === KAFKA_VERSION ? column.cell : `${column.cell} on Kafka ${column.kafkaVersion}`;
}

/**
 * The latest run at a glance: one row per proof with its mark over every cell of the run
 * (see `runOverview`), then each cell that has a result of this run, linked to that cell's
 * page, with its checks, control, Kafka's tool and time on a line of its own. A failed proof
 * is marked as failed; one that did not run says why and which command runs it. Every reason
 * given is a numbered note under the table.
 */
export function renderRunSummary(overview: readonly ProofOverview[], pageHref: PageHref): string {
  if (overview.length === 0) return '<p class="evidence-empty">No proof has recorded a result.</p>';
  const notes: string[] = [];
  const noteRef = (reason: string | undefined): Span[] => {
    if (reason === undefined) return [];
    if (!notes.includes(reason)) notes.push(reason);
    const number = notes.indexOf(reason) + 1;
    return [{ text: String(number), as: "sup", href: `#run-summary-note-${number}` }];
  };
  const cellLine = (proof: ProofOverview, { column, entry }: CellOutcome): Span[] => [
    { text: cellName(column), href: pageHref(proof.id, column.folder) },
    { text: " " },
    { text: CELL_MARKS[entry.status], className: CLASSES[entry.status], ...(entry.reason ? { title: entry.reason } : {}) },
    ...noteRef(entry.reason),
  ];
  const perCell = (proof: ProofOverview, cell: (result: ProofResult) => Span[]) => ({ lines: proof.cells.map(({ result }) => cell(result)) });
  const rows = overview.map((proof) => [
    { text: proof.title, href: pageHref(proof.id, proof.folder) },
    {
      className: CLASSES[proof.status],
      lines: [
        [{ text: VERDICTS[proof.status], ...(proof.reasons.length > 0 ? { title: proof.reasons.join("; ") } : {}) }, ...proof.reasons.flatMap(noteRef)],
        ...(proof.command ? [[{ text: "run it with " }, { text: proof.command, as: "code" as const }]] : []),
      ],
    },
    proof.cells.length > 0 ? { lines: proof.cells.map((cell) => cellLine(proof, cell)) } : { text: "none in this run", className: "none" },
    perCell(proof, (r) => (r.verdict === "skipped" ? NOT_RUN : [{ text: checksTally(r.checks) }])),
    perCell(proof, controlCell),
    perCell(proof, witnessCell),
    perCell(proof, (r) => (r.verdict === "skipped" ? NOT_RUN : [{ text: formatDuration(r.durationMs) }])),
  ]);
  const table = htmlTable({
    className: "run-summary",
    headers: ["Proof", "Verdict", "Cells", "Checks", "Control", "Kafka's tool", "Duration"],
    numeric: [6],
    rows,
    rowClass: (index) => overview[index]?.status,
  });
  if (notes.length === 0) return table;
  const items = notes.map((note, index) => `<li id="run-summary-note-${index + 1}">${escapeHtml(note)}</li>`).join("\n");
  return `${table}\n<ol class="run-summary-notes">\n${items}\n</ol>`;
}
