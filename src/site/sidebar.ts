import type { ProofResult } from "../evidence/proof-result.js";
import { escapeHtml } from "./escape.js";
import { currentResults } from "./proof-matrix.js";
import type { SiteResults } from "./site-results.js";
import { proofPath } from "./site-base.js";

const MARKS: Record<ProofResult["verdict"], string> = { pass: "✓", fail: "✗", skipped: "–" };

export interface SidebarGroup {
  text: string;
  items: { text: string; link: string }[];
}

const ABOUT: SidebarGroup = {
  text: "About",
  items: [
    { text: "The matrix: every cell and Kafka version", link: "/matrix" },
    { text: "Reading the evidence", link: "/reading-the-evidence" },
    { text: "Playground (run it locally)", link: "/playground" },
  ],
};

/** The proofs in the sidebar, each marked with its verdict. VitePress shows item text as HTML, so it is escaped. */
export function proofsSidebar(results: readonly ProofResult[]): SidebarGroup[] {
  return [{ text: "Proofs", items: items(results, "") }, ABOUT];
}

/**
 * The sidebar by section: the default cell's proofs everywhere, and on the pages of another
 * cell or Kafka version (/proofs/java-classic/…), that column's proofs of this run.
 */
export function siteSidebar(site: SiteResults): Record<string, SidebarGroup[]> {
  const sidebar: Record<string, SidebarGroup[]> = { "/": proofsSidebar(site.results) };
  const current = currentResults(site);
  for (const column of site.columns.filter((c) => c.folder !== "")) {
    const results = current.filter((current) => current.column === column).map((current) => current.result);
    if (results.length === 0) continue;
    sidebar[`/proofs/${column.folder}/`] = [
      { text: `Proofs in ${column.cell} on Kafka ${column.kafkaVersion}`, items: items(results, column.folder) },
      { text: "Proofs", items: items(site.results, "") },
      ABOUT,
    ];
  }
  return sidebar;
}

function items(results: readonly ProofResult[], folder: string): SidebarGroup["items"] {
  return results.map((r) => ({ text: `${MARKS[r.verdict]} ${escapeHtml(r.title)}`, link: proofPath(folder, r.id).replace(/\.html$/, "") }));
}
