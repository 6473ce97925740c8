import { escapeHtml } from "../escape.js";

/** A piece of text with a class (`pass`, `fail`, `none`...), a tooltip, a link; `as` sets it as code or as a note's number. */
export interface Span {
  text: string;
  className?: string;
  title?: string;
  href?: string;
  as?: "code" | "sup";
}

/**
 * A table cell: plain text, one span, or lines of spans (one line per cell of a run, say,
 * so that the lines of the cells in a row stand side by side).
 */
export type Cell = string | number | Omit<Span, "as"> | { lines: readonly (readonly Span[])[]; className?: string };

export interface Table {
  /** Class on the `<table>`; every evidence table also has `evidence-table`. */
  className: string;
  headers: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Columns (by index) holding numbers: right-aligned, as a terminal shows them. */
  numeric?: readonly number[];
  /** Class for each row, e.g. "fail" for a failed check. */
  rowClass?: (index: number) => string | undefined;
}

/** The table as HTML; every header and cell is escaped text. */
export function htmlTable(table: Table): string {
  const numeric = new Set(table.numeric ?? []);
  const th = table.headers.map((header, column) => `<th${numeric.has(column) ? ' class="num"' : ""}>${escapeHtml(header)}</th>`).join("");
  const body = table.rows
    .map((row, index) => {
      const rowClass = table.rowClass?.(index);
      const cells = row.map((cell, column) => td(cell, numeric.has(column))).join("");
      return `<tr${rowClass ? ` class="${escapeHtml(rowClass)}"` : ""}>${cells}</tr>`;
    })
    .join("\n");
  return `<table class="evidence-table ${escapeHtml(table.className)}">\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function td(cell: Cell, numeric: boolean): string {
  if (typeof cell === "object" && "lines" in cell) {
    const lines = cell.lines.map((line) => `<div class="cell-line">${line.map((s) => span(s)).join("")}</div>`).join("");
    return `<td${attributes([numeric ? "num" : "", cell.className ?? ""])}>${lines}</td>`;
  }
  const { text, className, title, href } = typeof cell === "object" ? cell : { text: String(cell) };
  return `<td${attributes([numeric ? "num" : "", className ?? ""], title)}>${linked(escapeHtml(text), href)}</td>`;
}

function span({ text, className, title, href, as }: Span): string {
  const link = linked(escapeHtml(text), href);
  const content = as ? `<${as}>${link}</${as}>` : link;
  const attrs = attributes([className ?? ""], title);
  return attrs ? `<span${attrs}>${content}</span>` : content;
}

function linked(html: string, href: string | undefined): string {
  return href ? `<a href="${escapeHtml(href)}">${html}</a>` : html;
}

function attributes(classes: readonly string[], title?: string): string {
  const names = classes.filter(Boolean).join(" ");
  return `${names ? ` class="${escapeHtml(names)}"` : ""}${title ? ` title="${escapeHtml(title)}"` : ""}`;
}
