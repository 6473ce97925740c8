/**
 * Every string that comes from a results file (message keys and values, check
 * details, timeline summaries, even ids) passes through one of these before it
 * reaches a page: the evidence is data, never markup.
 */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  // Pages are compiled as Vue templates: braces as entities can never open an interpolation.
  "{": "&#123;",
  "}": "&#125;",
};

/** Text for an HTML element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'{}]/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Text for a line of markdown (a heading, a paragraph): every ASCII punctuation
 * mark that markdown gives a meaning backslash-escaped (no emphasis, links,
 * emoji shortcodes or headings can form), and HTML and Vue syntax as entities.
 * Shows exactly as written.
 */
export function escapeMarkdownText(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.replace(/[!"#$%'()*+,\-./:;=?@[\\\]^_`|~]/g, (char) => `\\${char}`).replace(/[&<>{}]/g, (char) => HTML_ESCAPES[char] ?? char);
}
