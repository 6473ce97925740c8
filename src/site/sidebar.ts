import type { ProofResult } from "../evidence/proof-result.js";
import { escapeHtml } from "./escape.js";

const MARKS: Record<ProofResult["verdict"], string> = { pass: "✓", fail: "✗", skipped: "–" };

export interface SidebarGroup {
  text: string;
  items: { text: string; link: string }[];
}

/** The proofs in the sidebar, each marked with its verdict. VitePress shows item text as HTML, so it is escaped. */
export function proofsSidebar(results: readonly ProofResult[]): SidebarGroup[] {
  return [
    {
      text: "Proofs",
      items: results.map((r) => ({ text: `${MARKS[r.verdict]} ${escapeHtml(r.title)}`, link: `/proofs/${r.id}` })),
    },
    {
      text: "About",
      items: [
        { text: "Reading the evidence", link: "/reading-the-evidence" },
        { text: "Playground (run it locally)", link: "/playground" },
      ],
    },
  ];
}
