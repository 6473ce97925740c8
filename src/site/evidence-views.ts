import { logEndReadings, renderLogEndReadings } from "./render/log-ends-table.js";
import type { Check, ProofResult, ScenarioEvidence } from "../evidence/proof-result.js";
import type { MatrixRun } from "../evidence/matrix-run.js";
import { DEFAULT_CELL, runResultsFolder } from "../evidence/results-layout.js";
import { KAFKA_VERSION } from "../kafka-version.js";
import { committedChart, deliveriesChart } from "./charts/evidence-charts.js";
import { escapeHtml } from "./escape.js";
import type { EvidenceRequest, EvidenceView, RUN_VIEWS } from "./evidence-request.js";
import { ackMatrix, renderAckMatrix } from "./render/ack-matrix.js";
import { renderChecks } from "./render/checks-table.js";
import { renderCluster } from "./render/cluster-table.js";
import { renderControlSummary } from "./render/control-summary.js";
import { deliveryMatrix, renderDeliveryMatrix } from "./render/delivery-matrix.js";
import { ackRanges, renderAckRanges } from "./render/ack-ranges.js";
import { deliverySummary, PER_MESSAGE_LIMIT, renderDeliverySummary } from "./render/delivery-summary.js";
import { logRows, usesSeveralTopics } from "./render/log-rows.js";
import { rangeDelivery, recordedAsRanges, renderRangeDelivery } from "./render/range-delivery.js";
import { describedGroups, renderOffsetTables } from "./render/offset-table.js";
import { renderEnvironment } from "./render/run-environment.js";
import { renderRunSummary, type PageHref } from "./render/run-summary.js";
import { renderShareDeliveries } from "./render/share-deliveries.js";
import { renderTimeline } from "./render/timeline-table.js";
import { renderVerdict } from "./render/verdict.js";
import { renderReplay } from "./replay/replay-view.js";
import { runOverview } from "./run-overview.js";
import type { ColumnResults, SiteResults } from "./site-results.js";
import { renderSwimlanes } from "./swimlane/swimlane-svg.js";

export interface EvidenceContext {
  /** The default cell's on the pinned Kafka: results/<id>.json. */
  results: readonly ProofResult[];
  /**
   * Every cell and Kafka version, by results folder ("" for the default one, "java-classic", "kafka-3.9.2/java-classic");
   * without them, the default cell's results are the whole run.
   */
  columns?: readonly ColumnResults[];
  /** The run on record (results/.matrix-run.json), which tells this run's results from an earlier one's. */
  matrixRun?: MatrixRun;
  /** The URL of a proof's page for the results in a folder (the default cell's without one), with the site's base. */
  pageHref: PageHref;
}

/** One run of a proof: the claim's scenario, or its control. */
type Run = ScenarioEvidence & { checks: Check[] };
type ProofView = (result: ProofResult, run: Run) => string;

const PROOF_VIEWS: Record<Exclude<EvidenceView, (typeof RUN_VIEWS)[number]>, ProofView> = {
  verdict: (result) => renderVerdict(result),
  "control-summary": (result) => renderControlSummary(result.control),
  checks: (result, run) => renderChecks(run.checks, run === result.control ? result.control.mustBreak : []),
  cluster: (_, run) => renderCluster(run),
  offsets: (_, run) => [renderOffsetTables(describedGroups(run)), renderLogEndReadings(logEndReadings(run))].filter((html) => html !== "").join("\n"),
  charts: (_, run) => `<div class="evidence-charts">\n${deliveriesChart(run)}\n${committedChart(run)}\n</div>`,
  delivery: (_, run) => withShareGroups(run, consumerGroupDelivery(run)),
  acks: (_, run) =>
    perMessage(run) ? renderAckMatrix(ackMatrix(run), { showTopic: usesSeveralTopics(run) }) : renderAckRanges(ackRanges(run), { showTopic: usesSeveralTopics(run) }),
  timeline: (_, run) => renderTimeline(run.timeline),
  swimlane: (_, run) => renderSwimlanes(run),
  replay: (_, run) => renderReplay(run, { perMessage: perMessage(run) }),
};

/** Views that hold a component of the site's theme: Vue must compile them, so they are not wrapped in `v-pre`. */
const COMPONENT_VIEWS: ReadonlySet<EvidenceView> = new Set(["replay"]);
function consumerGroupDelivery(run: Run): string {
  return recordedAsRanges(run)
    ? renderRangeDelivery(rangeDelivery(run), { showTopic: run.topics.length > 1 })
    : perMessage(run)
      ? renderDeliveryMatrix(deliveryMatrix(run), { showTopic: usesSeveralTopics(run) })
      : renderDeliverySummary(deliverySummary(run), { showTopic: usesSeveralTopics(run) });
}

/** A run with share groups shows their deliveries too; one with share groups only, nothing about consumer groups. */
function withShareGroups(run: Run, consumerGroups: string): string {
  if (!run.shareGroups?.length) return consumerGroups;
  const shared = renderShareDeliveries(run, { showTopic: usesSeveralTopics(run) });
  return run.groups.length === 0 ? shared : `${consumerGroups}\n${shared}`;
}

/** Whether the run is small enough to show one row per message (a run recorded as ranges has no messages to show). */
export function perMessage(run: ScenarioEvidence): boolean {
  return !recordedAsRanges(run) && logRows(run).length <= PER_MESSAGE_LIMIT;
}

function siteOf({ results, columns, matrixRun }: EvidenceContext): SiteResults {
  return {
    results,
    columns: columns ?? [{ cell: DEFAULT_CELL, kafkaVersion: KAFKA_VERSION, folder: "", results }],
    ...(matrixRun ? { matrixRun } : {}),
  };
}

/**
 * The HTML for one evidence block, wrapped so that the page's Vue compiler
 * leaves it alone (`v-pre`) and a browser test can find it by its data attributes.
 */
export function renderEvidence(request: EvidenceRequest, context: EvidenceContext): string {
  const attrs = [`class="evidence evidence-${request.view}"`, `data-view="${request.view}"`];
  let html: string;
  if (request.view === "run-summary") html = renderRunSummary(runOverview(siteOf(context)), context.pageHref);
  else if (request.view === "environment") html = renderEnvironment(context.results);
  else {
    const folder = runResultsFolder({ cell: request.cell ?? DEFAULT_CELL, kafkaVersion: request.kafka ?? KAFKA_VERSION });
    const results = folder === "" ? context.results : (context.columns?.find((c) => c.folder === folder)?.results ?? []);
    const result = results.find((r) => r.id === request.proof);
    if (!result) {
      const known = results.map((r) => r.id).join(", ");
      throw new Error(`evidence block: no results for proof ${JSON.stringify(request.proof)} in results/${folder && `${folder}/`} (results are there for: ${known || "none"})`);
    }
    attrs.push(`data-proof="${escapeHtml(result.id)}"`, `data-run="${request.run}"`, ...(folder ? [`data-results="${escapeHtml(folder)}"`] : []));
    html = PROOF_VIEWS[request.view](result, request.run === "control" ? result.control : result);
  }
  return `<div ${attrs.join(" ")}${COMPONENT_VIEWS.has(request.view) ? "" : " v-pre"}>\n${html}\n</div>\n`;
}
