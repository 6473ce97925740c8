import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { FONT, niceStep, text } from "../charts/bar-chart.js";
import { escapeHtml } from "../escape.js";
import { memberColour } from "./member-colour.js";
import { runSwimlanes, type Lane, type MemberMark, type Segment, type Swimlane } from "./swimlane-model.js";

const WIDTH = 960;
const RIGHT = 16;
const LANE = 24;
const LANE_GAP = 8;
const LEGEND_ROW = 20;
const MARK_ROW = 15;
/** Labels of members arriving, leaving or crashing are stacked in at most this many rows; closer ones share the last. */
const MARK_ROWS = 3;
const AXIS = 34;
/** Red for a crash, as the timeline table marks one. */
const CRASH = "#cf222e";
/** A rough width per character at 11–12 px, as no font metrics are at hand at build time. */
const CHAR = 6.6;

/**
 * The swimlane as a standalone SVG: one lane per partition, coloured by the
 * member that owned it over the run, commits as dots, members arriving,
 * leaving and crashing as vertical lines. No script; text in the page's colour.
 */
export function swimlaneSvg(lane: Swimlane, caption = `Group ${lane.group}: who owned each partition`): string {
  const several = new Set(lane.lanes.map((l) => l.topic)).size > 1;
  const label = (l: Lane) => (several ? `${l.topic} p${l.partition}` : `partition ${l.partition}`);
  const left = Math.max(84, Math.max(0, ...lane.lanes.map((l) => label(l).length)) * CHAR + 20);
  const end = Math.max(lane.end, 1);
  const x = (at: number) => round(left + (Math.min(Math.max(at, 0), end) / end) * (WIDTH - left - RIGHT));
  const names = lane.members.map((m) => m.name);
  const colour = (member: string) => memberColour(names, member);

  const legend = legendItems(lane, colour);
  const marksTop = 30 + legend.height + 8;
  const placed = placeMarkLabels(lane.marks, x);
  const rows = Math.max(0, ...placed.map((p) => p.row + 1));
  const lanesTop = marksTop + rows * MARK_ROW + (rows > 0 ? 6 : 0);
  const laneY = (index: number) => lanesTop + index * (LANE + LANE_GAP);
  const lanesBottom = laneY(lane.lanes.length) - LANE_GAP;
  const height = lanesBottom + AXIS;

  const parts: string[] = [];
  lane.lanes.forEach((l, index) => {
    const y = laneY(index);
    const body = [
      `<rect x="${left}" y="${y}" width="${WIDTH - left - RIGHT}" height="${LANE}" fill="currentColor" fill-opacity="0.06"><title>${escapeHtml(`${label(l)}: owned by nobody`)}</title></rect>`,
      ...l.segments.map((s) => segment(s, y, x, colour(s.member), label(l))),
      ...l.commits.map(
        (c) =>
          `<circle cx="${x(c.at)}" cy="${y + LANE - 1}" r="3" fill="#fff" stroke="#1b1b1f" stroke-width="1.2"><title>${escapeHtml(`+${c.at} ms: ${c.member} committed ${label(l)} at ${c.offset}`)}</title></circle>`,
      ),
    ];
    parts.push(`<g class="lane" data-topic="${escapeHtml(l.topic)}" data-partition="${l.partition}">`, text(left - 10, y + LANE / 2 + 4, label(l), "end", 12), ...body, `</g>`);
  });
  for (const { mark, row } of placed) {
    const stroke = mark.kind === "crash" ? CRASH : colour(mark.member);
    const words = { join: "joins", leave: "leaves", crash: "crashes" }[mark.kind];
    const labelY = marksTop + row * MARK_ROW + 11;
    parts.push(
      `<g class="member-mark" data-kind="${mark.kind}"><title>${escapeHtml(`+${mark.at} ms: ${mark.member} ${words}`)}</title>` +
        `<line x1="${x(mark.at)}" x2="${x(mark.at)}" y1="${labelY + 3}" y2="${lanesBottom + 4}" stroke="${stroke}" stroke-width="1.5"${mark.kind === "join" ? "" : ' stroke-dasharray="4 3"'}/>` +
        `<text x="${x(mark.at) + 3}" y="${labelY}" font-size="11" fill="${mark.kind === "crash" ? CRASH : "currentColor"}">${escapeHtml(`${mark.kind === "crash" ? "✕ " : ""}${mark.member} ${words}`)}</text></g>`,
    );
  }
  parts.push(...axis(end, x, lanesBottom));

  return [
    `<svg class="evidence-chart swimlane" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-label="${escapeHtml(caption)}" font-family="${FONT}" data-group="${escapeHtml(lane.group)}" data-lanes="${lane.lanes.length}">`,
    `<title>${escapeHtml(caption)}</title>`,
    text(0, 16, caption, "start", 14, "600"),
    legend.svg,
    ...parts,
    `</svg>`,
  ].join("\n");
}

function segment(s: Segment, y: number, x: (at: number) => number, fill: string, lane: string): string {
  const [from, to] = [x(s.from), x(s.to)];
  const width = Math.max(to - from, 1);
  const what = s.dead ? `${s.member} had crashed; the broker still counted it as the owner of ${lane}` : `${s.member} owned ${lane}`;
  const style = s.dead ? `fill-opacity="0.25" stroke="${fill}" stroke-dasharray="4 3"` : "";
  const name = s.dead ? `${s.member} (crashed)` : s.member;
  // The member's name inside its segment when it fits; the legend and the tooltip say it otherwise.
  const inside =
    width >= name.length * CHAR + 10 ? `<text x="${from + 5}" y="${y + LANE / 2 + 4}" font-size="11" fill="${s.dead ? "currentColor" : "#fff"}">${escapeHtml(name)}</text>` : "";
  return `<rect x="${from}" y="${y}" width="${round(width)}" height="${LANE}" fill="${fill}" ${style}><title>${escapeHtml(`${what} from +${s.from} ms to +${s.to} ms`)}</title></rect>${inside}`;
}

/** Swatches for each member, then for what the lanes can show besides; wrapped to the chart's width. */
function legendItems(lane: Swimlane, colour: (member: string) => string): { svg: string; height: number } {
  const items = [
    ...lane.members.map((m) => ({ name: m.owned ? m.name : `${m.name} (owned nothing)`, swatch: `<rect width="12" height="12" y="-10" fill="${colour(m.name)}"/>` })),
    { name: "nobody", swatch: `<rect width="12" height="12" y="-10" fill="currentColor" fill-opacity="0.06" stroke="currentColor" stroke-opacity="0.3"/>` },
    ...(lane.lanes.some((l) => l.segments.some((s) => s.dead))
      ? [{ name: "crashed, still its owner", swatch: `<rect width="12" height="12" y="-10" fill="currentColor" fill-opacity="0.2" stroke="currentColor" stroke-dasharray="3 2"/>` }]
      : []),
    ...(lane.lanes.some((l) => l.commits.length > 0) ? [{ name: "commit", swatch: `<circle cx="6" cy="-4" r="3.5" fill="#fff" stroke="#1b1b1f" stroke-width="1.2"/>` }] : []),
  ];
  let [x, row] = [0, 0];
  const svg = items.map((item) => {
    const width = 18 + item.name.length * CHAR + 18;
    if (x > 0 && x + width > WIDTH) [x, row] = [0, row + 1];
    const at = x;
    x += width;
    return `<g class="legend-item" transform="translate(${at} ${40 + row * LEGEND_ROW})">${item.swatch}${text(18, 0, item.name, "start", 12)}</g>`;
  });
  return { svg: svg.join("\n"), height: (row + 1) * LEGEND_ROW };
}

/** Each mark's label row: the first row where it does not run into the previous label, or the last row when none is free. */
function placeMarkLabels(marks: readonly MemberMark[], x: (at: number) => number): { mark: MemberMark; row: number }[] {
  const ends: number[] = [];
  return [...marks]
    .sort((a, b) => a.at - b.at)
    .map((mark) => {
      const start = x(mark.at);
      const free = ends.findIndex((end) => end < start);
      const row = free >= 0 ? free : ends.length < MARK_ROWS ? ends.length : MARK_ROWS - 1;
      ends[row] = start + 3 + (mark.member.length + 10) * CHAR;
      return { mark, row };
    });
}

function axis(end: number, x: (at: number) => number, top: number): string[] {
  const step = niceStep(end / 8);
  const seconds = step >= 1000;
  const parts = [`<line x1="${x(0)}" x2="${x(end)}" y1="${top + 6}" y2="${top + 6}" stroke="currentColor" stroke-opacity="0.5"/>`];
  for (let t = 0; t <= end; t += step) {
    parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${top + 6}" y2="${top + 10}" stroke="currentColor" stroke-opacity="0.5"/>`);
    parts.push(text(x(t), top + 22, seconds ? `${t / 1000} s` : `${t} ms`, "middle", 11));
  }
  return parts;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The run's swimlanes, a figure per group. */
export function renderSwimlanes(run: ScenarioEvidence): string {
  const lanes = runSwimlanes(run);
  if (lanes.length === 0) return '<p class="evidence-empty">No member joined a group in this run.</p>';
  return lanes.map((lane) => `<figure class="swimlane-figure">\n${swimlaneSvg(lane)}\n</figure>`).join("\n");
}
