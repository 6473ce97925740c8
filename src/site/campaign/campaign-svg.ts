import { FONT, niceStep, text } from "../charts/bar-chart.js";
import { escapeHtml } from "../escape.js";
import { memberColour } from "../swimlane/member-colour.js";
import type { FaultBar, GroupLanes } from "./campaign-timeline.js";

const WIDTH = 960;
const LEFT = 150;
const RIGHT = 16;
const ROW = 18;
const GAP = 6;
const FAULT = "#cf222e";
const PAUSE = "#e08a00";

/**
 * The campaign on one time axis: the faults the nemesis carried out (a row per fault lane, each bar from the fault
 * to its recovery), then each group's partitions coloured by the consumer receiving them, so a reader sees which
 * fault moved whose partitions. No script; text in the page's colour.
 */
export function campaignSvg(end: number, faults: readonly FaultBar[], groups: readonly GroupLanes[]): string {
  const x = (at: number) => Math.round((LEFT + (Math.min(Math.max(at, 0), end) / Math.max(end, 1)) * (WIDTH - LEFT - RIGHT)) * 10) / 10;
  const parts: string[] = [];
  let y = 24;
  parts.push(text(8, y - 8, "Faults", "start", 12, "600"));
  for (const lane of ["brokers", "consumers"] as const) {
    parts.push(text(8, y + 13, lane === "brokers" ? "brokers" : "consumers", "start", 11));
    for (const bar of faults.filter((f) => f.lane === lane)) {
      const colour = bar.label.startsWith("SIGSTOP") ? PAUSE : FAULT;
      parts.push(
        `<rect x="${x(bar.from)}" y="${y}" width="${Math.max(2, x(bar.to) - x(bar.from))}" height="${ROW}" fill="${colour}" opacity="0.8"><title>step ${bar.step}: ${escapeHtml(bar.label)}, ${(bar.from / 1000).toFixed(1)}–${(bar.to / 1000).toFixed(1)} s</title></rect>`,
      );
    }
    y += ROW + GAP;
  }
  for (const g of groups) {
    y += 14;
    const legend = g.consumers.map((c, i) => `<tspan fill="${memberColour(g.consumers, c)}">${i === 0 ? "" : " "}■ ${escapeHtml(c)}</tspan>`).join("");
    parts.push(`<text x="8" y="${y}" font-size="12" font-weight="600" fill="currentColor">Group ${escapeHtml(g.group)} <tspan font-weight="400">${legend}</tspan></text>`);
    y += 6;
    for (const p of g.partitions) {
      parts.push(text(8, y + 13, `partition ${p.partition}`, "start", 11));
      for (const s of p.segments) {
        parts.push(
          `<rect x="${x(s.from)}" y="${y}" width="${Math.max(1, x(s.to) - x(s.from))}" height="${ROW}" fill="${memberColour(g.consumers, s.consumer)}"><title>${escapeHtml(s.consumer)}: ${(s.from / 1000).toFixed(1)}–${(s.to / 1000).toFixed(1)} s</title></rect>`,
        );
      }
      y += ROW + 2;
    }
  }
  y += 8;
  const step = niceStep(end / 1000 / 10);
  for (let s = 0; s <= end / 1000; s += step) {
    parts.push(`<line x1="${x(s * 1000)}" y1="16" x2="${x(s * 1000)}" y2="${y}" stroke="currentColor" stroke-opacity="0.12"/>`);
    parts.push(text(x(s * 1000), y + 14, `${s} s`, "middle", 11));
  }
  const height = y + 24;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="campaign-timeline" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="The faults and each group's ownership over the campaign" font-family="${FONT}">${parts.join("")}</svg>`;
}
