// VitePress ships its own copy of markdown-it's types; its renderer is the one this is for.
import type { MarkdownRenderer } from "vitepress";

/**
 * Each proof's page in each cell quotes the same scenario and checks: Shiki highlights a block
 * the same way every time, so each distinct block (code, language, attributes) is highlighted once per build.
 */
export function memoizeHighlight(md: MarkdownRenderer): void {
  const highlight = md.options.highlight;
  if (!highlight) return;
  const done = new Map<string, string>();
  md.options.highlight = (code, lang, attrs) => {
    const key = `${lang}\u0000${attrs}\u0000${code}`;
    let html = done.get(key);
    if (html === undefined) {
      html = highlight(code, lang, attrs);
      done.set(key, html);
    }
    return html;
  };
}
