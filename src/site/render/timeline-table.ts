import type { TimelineEvent } from "../../evidence/proof-result.js";
import { htmlTable } from "./html-table.js";

const NOTABLE = new Set(["refused", "crash"]);

/** Above this many events the middle of the timeline is left out, saying how many; its start and end tell the story. */
export const TIMELINE_LIMIT = 400;

/** The run's events in the order they happened, each timed from the scenario's start. */
export function renderTimeline(events: readonly TimelineEvent[]): string {
  if (events.length === 0) return '<p class="evidence-empty">No event was recorded.</p>';
  const left = events.length > TIMELINE_LIMIT ? events.length - TIMELINE_LIMIT : 0;
  const shown: (TimelineEvent | null)[] = left > 0 ? [...events.slice(0, TIMELINE_LIMIT / 2), null, ...events.slice(-TIMELINE_LIMIT / 2)] : [...events];
  return htmlTable({
    className: "timeline",
    headers: ["At", "Who", "Event", "What happened"],
    numeric: [0],
    rows: shown.map((e) =>
      e === null
        ? ["…", "", "", { text: `${left} more events, left out here; they are in the run's results file`, className: "none" }]
        : [`+${e.at} ms`, e.actor, { text: e.event, className: `event-${e.event}` }, e.summary],
    ),
    // A refusal or a crash is what the story turns on: it stands out.
    rowClass: (index) => {
      const event = shown[index]?.event;
      return event !== undefined && NOTABLE.has(event) ? `event-${event}` : undefined;
    },
  });
}
