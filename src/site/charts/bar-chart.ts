import { escapeHtml } from "../escape.js";

export interface BarSeries {
  name: string;
  /** One value per category; null draws no bar and a "-" in its place. */
  values: readonly (number | null)[];
  /** A fill colour; the palette's next one when absent. */
  color?: string;
}

/** Bars grouped by category (a partition), one bar per series (a member, a group). */
export interface BarChart {
  title: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  /** A level per category drawn as a dashed line across its bars, e.g. the log-end offset. */
  marker?: { name: string; values: readonly (number | null)[] };
}

// Colours that stay apart for common colour blindness, readable on light and dark backgrounds.
export const PALETTE = ["#2f6fde", "#e08a00", "#1a9e77", "#8a5cd6", "#d1495b", "#1597b5"];
const BAR = 26;
const BAR_GAP = 4;
const GROUP_GAP = 36;
/** Wide enough for a label such as "partition 10" under a group of one bar. */
const MIN_CATEGORY_WIDTH = 100;
const LEFT = 44;
const RIGHT = 16;
const TOP = 64;
const PLOT_HEIGHT = 170;
const BOTTOM = 34;
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** The chart as a standalone SVG element: no script, no external font or image; text uses the page's colour. */
export function barChartSvg(chart: BarChart): string {
  const groupWidth = chart.series.length * (BAR + BAR_GAP) - BAR_GAP;
  const categoryWidth = Math.max(groupWidth + GROUP_GAP, MIN_CATEGORY_WIDTH);
  const plotWidth = Math.max(chart.categories.length * categoryWidth, 240);
  const legendWidth = legendItems(chart).reduce((sum, item) => sum + itemWidth(item.name), 0);
  const width = Math.max(LEFT + plotWidth + RIGHT, legendWidth + LEFT);
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const levels = [...chart.series.flatMap((s) => s.values), ...(chart.marker?.values ?? [])].filter((v): v is number => v !== null);
  const step = niceStep(Math.max(1, ...levels) / 4);
  const top = Math.max(step, Math.ceil(Math.max(1, ...levels) / step) * step);
  const y = (value: number) => TOP + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;

  const parts: string[] = [];
  for (let tick = 0; tick <= top; tick += step) {
    parts.push(`<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${y(tick)}" y2="${y(tick)}" stroke="currentColor" stroke-opacity="${tick === 0 ? 0.6 : 0.15}"/>`);
    parts.push(text(LEFT - 6, y(tick) + 4, String(tick), "end", 11));
  }
  chart.categories.forEach((category, c) => {
    const x0 = LEFT + c * categoryWidth + (categoryWidth - groupWidth) / 2;
    chart.series.forEach((series, s) => {
      const value = series.values[c] ?? null;
      const x = x0 + s * (BAR + BAR_GAP);
      if (value === null) {
        parts.push(text(x + BAR / 2, y(0) - 4, "-", "middle", 12));
        return;
      }
      const barTop = y(value);
      parts.push(
        `<rect x="${x}" y="${barTop}" width="${BAR}" height="${y(0) - barTop}" fill="${series.color ?? colour(chart, s)}"><title>${escapeHtml(`${series.name}, ${category}: ${value}`)}</title></rect>`,
      );
      parts.push(text(x + BAR / 2, barTop - 4, String(value), "middle", 11));
    });
    const level = chart.marker?.values[c] ?? null;
    if (level !== null) {
      parts.push(`<line x1="${x0 - 6}" x2="${x0 + groupWidth + 6}" y1="${y(level)}" y2="${y(level)}" stroke="currentColor" stroke-width="2" stroke-dasharray="5 3"/>`);
    }
    parts.push(text(x0 + groupWidth / 2, TOP + PLOT_HEIGHT + 20, category, "middle", 12));
  });

  return [
    `<svg class="evidence-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-label="${escapeHtml(chart.title)}" font-family="${FONT}">`,
    `<title>${escapeHtml(chart.title)}</title>`,
    text(0, 16, chart.title, "start", 14, "600"),
    legend(chart),
    ...parts,
    `</svg>`,
  ].join("\n");
}

function legendItems(chart: BarChart): { name: string; swatch: string }[] {
  const items = chart.series.map((s, i) => ({ name: s.name, swatch: `<rect width="12" height="12" y="-10" fill="${s.color ?? colour(chart, i)}"/>` }));
  if (chart.marker) items.push({ name: chart.marker.name, swatch: `<line x1="0" x2="14" y1="-4" y2="-4" stroke="currentColor" stroke-width="2" stroke-dasharray="5 3"/>` });
  return items;
}

function legend(chart: BarChart): string {
  let x = 0;
  return legendItems(chart)
    .map((item) => {
      const at = x;
      x += itemWidth(item.name);
      return `<g transform="translate(${at} 36)">${item.swatch}${text(18, 0, item.name, "start", 12)}</g>`;
    })
    .join("\n");
}

/** Room for a legend entry; a rough width per character, as no font metrics are at hand at build time. */
function itemWidth(name: string): number {
  return 18 + name.length * 7 + 16;
}

function colour(chart: BarChart, index: number): string {
  const ownColours = chart.series.slice(0, index).filter((s) => s.color === undefined).length;
  return PALETTE[ownColours % PALETTE.length]!;
}

/** A line of SVG text in the page's colour, escaped. */
export function text(x: number, y: number, content: string, anchor: "start" | "middle" | "end", size: number, weight = "400"): string {
  return `<text x="${x}" y="${y}" text-anchor="${anchor}" font-size="${size}" font-weight="${weight}" fill="currentColor">${escapeHtml(content)}</text>`;
}

/** 1, 2 or 5 times a power of ten, at least `raw`: axis steps a reader counts in. */
export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? 10 * power;
  return Math.max(1, step);
}
