// VitePress ships its own copy of markdown-it's types; its renderer is the one this plugin is for.
import type { MarkdownRenderer } from "vitepress";
import { parseEvidenceRequest } from "./evidence-request.js";
import { renderEvidence, type EvidenceContext } from "./evidence-views.js";

/**
 * A markdown-it plugin: expands each ```evidence block into the evidence it
 * names (tables, charts, verdicts); any other fence renders as before. A block
 * that names something the results do not have fails the build, naming the page.
 */
export function evidenceFencePlugin(md: MarkdownRenderer, context: EvidenceContext): void {
  const fallback = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    if (token.info.trim().split(/\s+/)[0] !== "evidence") {
      return fallback ? fallback(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    }
    try {
      return renderEvidence(parseEvidenceRequest(token.content), context);
    } catch (error) {
      // VitePress passes the page in `env`; the message should say where the broken block is.
      const page = (env as { relativePath?: string } | undefined)?.relativePath ?? "a page";
      const line = token.map ? `, line ${token.map[0] + 1}` : "";
      throw new Error(`${page}${line}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
}
