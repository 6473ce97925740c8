import type { ProofResult } from "../evidence/proof-result.js";
import { currentResults, NOT_PART_OF_THE_RUN, proofMatrix, type EntryStatus, type MatrixEntry, type MatrixPageColumn } from "./proof-matrix.js";
import type { SiteResults } from "./site-results.js";

/**
 * Each proof over every cell of the run the site shows (the run of `proofMatrix`), as the
 * home page and the sidebar mark it. The default cell's result alone would tell only part
 * of it: a share-group proof is not applicable in kafkajs/classic and runs in java/consumer,
 * so its mark is what java/consumer recorded.
 *
 * The mark of a proof:
 * - failed if it failed in any cell of the run;
 * - passed if it passed in at least one and failed in none;
 * - not applicable if every cell the run played says its claim does not apply there (the
 *   proof's `notApplicable`, or a Kafka too old for the cell);
 * - otherwise not run, with the command that runs it: no cell of this run ran it.
 */
export interface ProofOverview {
  id: string;
  title: string;
  status: EntryStatus;
  /** For not applicable and not run: why, each cell's reason once. */
  reasons: string[];
  /** For not run: the command that runs it. */
  command?: string;
  /** The results folder of the page the mark rests on: the first cell with that verdict; the default cell's page otherwise. */
  folder: string;
  /** Each cell of the run with a result of this run for the proof, in the matrix's order. */
  cells: CellOutcome[];
}

export interface CellOutcome {
  column: MatrixPageColumn;
  /** Its entry in the matrix: pass, fail, not applicable or not run, with the reason. */
  entry: MatrixEntry;
  result: ProofResult;
}

/** The command that runs every proof but those that start clusters of their own. */
export const PROOFS_COMMAND = "npm run proofs";
/** The command that runs the proofs that start clusters of their own (`ownCluster` in their definition). */
export const CLUSTER_PROOFS_COMMAND = "npm run proofs:cluster";

/**
 * How a result says its proof starts a cluster of its own. A result records no flag for it; a
 * skipped one gives the reason `ownClusterSkipReason` (src/harness/own-cluster.ts) words, and one
 * that ran records the cluster's nodes (`brokers`), which only such a proof's scenarios have.
 */
const OWN_CLUSTER_SKIP = /of its own for the claim and another for the control|npm run proofs:cluster/;

/** The command a skip reason names ("…; run it with npm run proofs:slow (…)"), the one for cluster proofs, or `npm run proofs`. */
export function commandThatRuns(results: readonly ProofResult[]): string {
  const named = results.map((r) => /run it with (npm run proofs:[a-z]+)/.exec(r.skipReason ?? "")?.[1]).find((command) => command !== undefined);
  return named ?? (needsOwnCluster(results) ? CLUSTER_PROOFS_COMMAND : PROOFS_COMMAND);
}

/** Whether any result of the proof, of this run or an earlier one, shows that it needs a cluster of its own. */
export function needsOwnCluster(results: readonly ProofResult[]): boolean {
  return results.some((r) => r.brokers !== undefined || r.control.brokers !== undefined || OWN_CLUSTER_SKIP.test(r.skipReason ?? ""));
}

export function runOverview(site: SiteResults): ProofOverview[] {
  const matrix = proofMatrix(site);
  const current = currentResults(site);
  const allResults = [...site.results, ...site.columns.flatMap((c) => c.results)];
  return matrix.rows.map((row) => {
    const cells = matrix.columns.flatMap((column, index): CellOutcome[] => {
      const entry = row.entries[index];
      const result = current.find((c) => c.column.folder === column.folder && c.result.id === row.id)?.result;
      return entry?.href !== undefined && result ? [{ column, entry, result }] : [];
    });
    const status = overallStatus(cells, row.entries);
    const reasons = status === "not-applicable" || status === "not-run" ? whyNot(status, cells, row.entries) : [];
    const command = commandThatRuns(allResults.filter((r) => r.id === row.id));
    return {
      id: row.id,
      title: row.title,
      status,
      reasons,
      ...(status === "not-run" ? { command } : {}),
      folder: cells.find((c) => (status === "pass" || status === "fail") && c.entry.status === status)?.column.folder ?? "",
      cells,
    };
  });
}

function overallStatus(cells: readonly CellOutcome[], entries: readonly MatrixEntry[]): EntryStatus {
  if (cells.some((c) => c.entry.status === "fail")) return "fail";
  if (cells.some((c) => c.entry.status === "pass")) return "pass";
  // Every cell the run played counts, a result or not: one that recorded nothing for the proof did not find it
  // inapplicable. A cell not started on its Kafka version is not applicable throughout.
  const played = entries.filter((e) => e.reason !== NOT_PART_OF_THE_RUN);
  return played.length > 0 && played.every((e) => e.status === "not-applicable") ? "not-applicable" : "not-run";
}

function whyNot(status: "not-applicable" | "not-run", cells: readonly CellOutcome[], entries: readonly MatrixEntry[]): string[] {
  const reasons = (status === "not-applicable" ? entries : cells.map((c) => c.entry)).filter((e) => e.status === status).map((e) => e.reason);
  const given = [...new Set(reasons.filter((r): r is string => r !== undefined))];
  return given.length > 0 ? given : ["no cell of this run ran it; any result of it is an earlier run's"];
}
