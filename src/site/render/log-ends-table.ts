import type { ScenarioEvidence, TimelineEvent } from "../../evidence/proof-result.js";
import { escapeHtml } from "../escape.js";
import { formatDuration } from "./format.js";
import { htmlTable } from "./html-table.js";

export const LOG_END_COLUMNS = ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAST-STABLE-OFFSET", "LAG", "LAG TO LAST STABLE"] as const;

/** One row: a group's committed offset on a partition beside both of the partition's ends, read at one moment. */
export interface LogEndRow {
  group: string;
  topic: string;
  partition: number;
  currentOffset: number | null;
  highWatermark: number;
  lastStable: number;
}

/** A reading of both log ends (see `Scenario.observeLogEnds`), with the groups' committed offsets read at the same moment. */
export interface LogEndReadingView {
  at: number;
  moment: string;
  rows: LogEndRow[];
}

interface LogEndsEvent extends TimelineEvent {
  topic: string;
  moment: string;
  logEnds: { partition: number; highWatermark: number; lastStable: number }[];
}

interface CommittedEvent extends TimelineEvent {
  group: string;
  moment: string;
  committed: { topic: string; partition: number; offset: number | null }[];
}

/** Each reading of both log ends the run took, with every group whose committed offsets it read at that moment. */
export function logEndReadings(evidence: ScenarioEvidence): LogEndReadingView[] {
  const readings = evidence.timeline.filter((e): e is LogEndsEvent => e.event === "observe" && Array.isArray(e.logEnds) && typeof e.topic === "string");
  const committed = evidence.timeline.filter((e): e is CommittedEvent => e.event === "observe" && typeof e.reading === "number" && Array.isArray(e.committed));
  const groupIds = new Map(evidence.groups.map((g) => [g.label, g.groupId]));
  return readings.map((reading) => ({
    at: reading.at,
    moment: reading.moment,
    rows: committed
      .filter((c) => c.moment === reading.moment)
      .flatMap((c) =>
        reading.logEnds.map((end) => ({
          group: groupIds.get(c.group) ?? c.group,
          topic: reading.topic,
          partition: end.partition,
          currentOffset: c.committed.find((o) => o.topic === reading.topic && o.partition === end.partition)?.offset ?? null,
          highWatermark: end.highWatermark,
          lastStable: end.lastStable,
        })),
      ),
  }));
}

/** A lag as a number, or how far past that end the commit is: a read_uncommitted group may commit past the last stable offset. */
function lagText(end: number, current: number | null): string {
  if (current === null) return "-";
  const lag = end - current;
  return lag >= 0 ? String(lag) : `${-lag} past it`;
}

/**
 * Each reading as `kafka-consumer-groups --describe` would show its rows, with the last stable offset beside the log
 * end: the tool's LOG-END-OFFSET and LAG are the high watermark's; a read_committed reader can read only to the last
 * stable offset, so its lag is the other one.
 */
export function renderLogEndReadings(readings: readonly LogEndReadingView[]): string {
  return readings
    .map((reading) =>
      [
        `<div class="log-ends">`,
        `<p class="describe-when">Both ends of the log, read from the broker ${formatDuration(reading.at)} into the run (${escapeHtml(reading.moment)}): the high watermark (ListOffsets at read_uncommitted) and the last stable offset (at read_committed).</p>`,
        htmlTable({
          className: "log-ends",
          headers: LOG_END_COLUMNS,
          rows: reading.rows.map((row) => [
            row.group,
            row.topic,
            String(row.partition),
            row.currentOffset === null ? "-" : String(row.currentOffset),
            String(row.highWatermark),
            String(row.lastStable),
            lagText(row.highWatermark, row.currentOffset),
            lagText(row.lastStable, row.currentOffset),
          ]),
          numeric: [2, 3, 4, 5, 6, 7],
        }),
        `</div>`,
      ].join("\n"),
    )
    .join("\n");
}
