import type { CellName } from "../src/evidence/results-layout.js";

/** One cell's result of one proof, as far as the external run's verdict goes. */
export interface CellResult {
  proof: string;
  cell: CellName;
  /** Absent: the cell recorded no result for the proof. */
  verdict?: "pass" | "fail" | "skipped";
  skipReason?: string;
}

/**
 * Skip reasons that are about the broker or the run rather than the proof's own choice of where it runs: the
 * release or features of the cluster ("not applicable on Kafka …", "… on this cluster"), or a Java host that could
 * not start ("not run …"). On a broker of the pinned release, none of them may appear: every cell must run.
 */
const ABOUT_THE_BROKER = /^(not applicable on |not run)/;

/**
 * What a proofs run in external mode against a broker of the pinned release must show: a result of every proof in
 * every cell; none failed; and every skip one the proof declares (a cell it does not apply in, a cluster or a
 * restart of its own), never one the run made up for not knowing the broker's release.
 */
export function judgeExternalRun(results: readonly CellResult[]): { passed: number; failures: string[] } {
  const failures: string[] = [];
  for (const r of results) {
    const where = `${r.proof} [${r.cell}]`;
    if (r.verdict === undefined) failures.push(`${where} recorded no result`);
    else if (r.verdict === "fail") failures.push(`${where} failed`);
    else if (r.verdict === "skipped" && ABOUT_THE_BROKER.test(r.skipReason ?? "")) failures.push(`${where} was not run: ${r.skipReason}`);
  }
  return { passed: results.filter((r) => r.verdict === "pass").length, failures };
}
