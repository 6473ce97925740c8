import { escapeHtml } from "../escape.js";

/** A table cell: plain text, or text with a class (`pass`, `fail`, `none`...), a tooltip, a link. */
export type Cell = string | number | { text: string; className?: string; title?: string; href?: string };

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
  const { text, className, title, href } = typeof cell === "object" ? cell : { text: String(cell) };
  const classes = [numeric ? "num" : "", className ?? ""].filter(Boolean).join(" ");
  const attrs = `${classes ? ` class="${escapeHtml(classes)}"` : ""}${title ? ` title="${escapeHtml(title)}"` : ""}`;
  const content = href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
  return `<td${attrs}>${content}</td>`;
}
