import type { ProofResult } from "../evidence/proof-result.js";

/** A part of a page as VitePress' local search indexes it: the heading it sits under (`anchor`), its headings' path, its words. */
export interface SearchSection {
  anchor?: string;
  titles: string[];
  text: string;
}

/**
 * What the local search indexes of a proof's page. VitePress reads each page's
 * markdown file to index it, and a proof's page has none of its own (it is
 * written from `docs/proofs/[id].md` for each results file), so without these
 * no proof could be found by its name. The sections carry the words of the
 * page's opening, its checks and its control; undefined for any other page,
 * which VitePress then splits itself.
 */
export function proofSearchSections(results: readonly ProofResult[], path: string): SearchSection[] | undefined {
  const id = /[\\/]proofs[\\/]([^\\/]+)\.md$/.exec(path)?.[1];
  const result = results.find((r) => r.id === id);
  if (!result) return undefined;
  const checks = (list: readonly { name: string }[]) => list.map((c) => c.name).join(". ");
  return [
    { titles: [result.title], text: `${result.claim} ${result.id}. ${result.verdict === "skipped" ? `Not run: ${result.skipReason ?? ""}` : `Verdict: ${result.verdict}.`}` },
    { anchor: "checks", titles: [result.title, "Checks"], text: checks(result.checks) },
    { anchor: "control", titles: [result.title, "Control"], text: `${result.control.precondition}. ${checks(result.control.checks)}` },
  ];
}
