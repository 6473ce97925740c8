import { escapeHtml } from "./escape.js";
import type { EntryStatus } from "./proof-matrix.js";
import { runOverview, type ProofOverview } from "./run-overview.js";
import type { SiteResults } from "./site-results.js";
import { proofPath } from "./site-base.js";

/** A dash for not run, as a skipped proof is marked on its page; n/a where the claim does not apply. */
const MARKS: Record<EntryStatus, string> = { pass: "✓", fail: "✗", "not-applicable": "n/a", "not-run": "–" };

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

/**
 * The proofs in the sidebar, each marked as the run went over all its cells (a proof that passed in
 * java/consumer alone is passed) and linked to the page that mark rests on.
 */
export function proofsSidebar(overview: readonly ProofOverview[]): SidebarGroup[] {
  return [{ text: "Proofs", items: overview.map((p) => item(p.status, p.title, p.folder, p.id)) }, ABOUT];
}

/**
 * The sidebar by section: every proof of the run everywhere, and on the pages of another
 * cell or Kafka version (/proofs/java-classic/…), that column's proofs of this run first,
 * each marked as it went there.
 */
export function siteSidebar(site: SiteResults, campaigns: readonly { id: string; judgement: { verdict: "pass" | "fail" } }[] = []): Record<string, SidebarGroup[]> {
  const overview = runOverview(site);
  const proofs = [...proofsSidebar(overview), ...campaignsSidebar(campaigns)];
  const sidebar: Record<string, SidebarGroup[]> = { "/": proofs };
  for (const column of site.columns.filter((c) => c.folder !== "")) {
    const items = overview.flatMap((p) => p.cells.filter((c) => c.column.folder === column.folder).map((c) => item(c.entry.status, c.result.title, column.folder, p.id)));
    if (items.length === 0) continue;
    sidebar[`/proofs/${column.folder}/`] = [{ text: `Proofs in ${column.cell} on Kafka ${column.kafkaVersion}`, items }, ...proofs];
  }
  return sidebar;
}

/** The fault campaigns on record, each marked as it was judged; no group when none has run. */
function campaignsSidebar(campaigns: readonly { id: string; judgement: { verdict: "pass" | "fail" } }[]): SidebarGroup[] {
  if (campaigns.length === 0) return [];
  return [{ text: "Fault campaigns", items: campaigns.map((c) => ({ text: `${MARKS[c.judgement.verdict]} ${escapeHtml(c.id)}`, link: `/campaigns/${c.id}` })) }];
}

/** VitePress shows item text as HTML, so it is escaped. */
function item(status: EntryStatus, title: string, folder: string, id: string): SidebarGroup["items"][number] {
  return { text: `${MARKS[status]} ${escapeHtml(title)}`, link: proofPath(folder, id).replace(/\.html$/, "") };
}
