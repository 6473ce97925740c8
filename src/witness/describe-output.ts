import type { DescribeRow } from "../evidence/describe-row.js";

/**
 * Reads what `kafka-consumer-groups --describe` prints: one table per group
 *
 *     GROUP  TOPIC  PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG  CONSUMER-ID  HOST  CLIENT-ID
 *
 * with `-` for "none", and one-line notes about groups it has no table for.
 *
 * Columns are cut where the header puts them, not split on spaces: the tool
 * pads every column to its widest value, and a client id (so also the consumer
 * id built from it) may contain spaces ("B restarted").
 */

/** One line of the tool's table: the describe row, with the member's HOST. */
export interface ToolRow extends DescribeRow {
  host: string | null;
}

export interface DescribeOutput {
  rows: ToolRow[];
  /** Groups the tool said do not exist. */
  missing: string[];
  /** Groups it said have no active members (state Empty); their committed offsets are still listed. */
  withoutMembers: string[];
  /** Groups it warned are rebalancing. */
  rebalancing: string[];
  /** Other errors it printed, and lines that are none of the above: the answer cannot be trusted. */
  problems: string[];
}

const COLUMNS = ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"] as const;
type Column = (typeof COLUMNS)[number];

/** The tool's `MISSING_COLUMN_VALUE`. */
const NONE = "-";

/** The tool's notes, in ConsumerGroupCommand's own words (shouldPrintMemberState, run). */
const NOTES: { pattern: RegExp; kind: "missing" | "withoutMembers" | "rebalancing" }[] = [
  { pattern: /^Error: (?:The c|C)onsumer group '(.+)' does not exist\.$/, kind: "missing" },
  // Kafka 4 brokers answer a describe of an unknown classic group with GROUP_ID_NOT_FOUND, and the command fails with this.
  { pattern: /^Error: Executing consumer group command failed due to \S*GroupIdNotFoundException: Group (.+) not found\.$/, kind: "missing" },
  { pattern: /^Consumer group '(.+)' has no active members\.$/, kind: "withoutMembers" },
  { pattern: /^Warning: Consumer group '(.+)' is rebalancing\.$/, kind: "rebalancing" },
];

export function parseDescribeOutput(text: string): DescribeOutput {
  const result: DescribeOutput = { rows: [], missing: [], withoutMembers: [], rebalancing: [], problems: [] };
  let table: Map<string, number> | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      table = undefined;
      continue;
    }
    const header = headerColumns(line);
    if (header) {
      table = header;
      continue;
    }
    const note = NOTES.map(({ pattern, kind }) => ({ kind, group: pattern.exec(line.trim())?.[1] })).find((n) => n.group !== undefined);
    if (note) {
      result[note.kind].push(note.group!);
      continue;
    }
    const row = table ? parseRow(line, table) : undefined;
    if (row) result.rows.push(row);
    else result.problems.push(line.trim());
  }
  return result;
}

/** Where each column starts, if the line is the table's header (its labels hold no spaces). */
function headerColumns(line: string): Map<string, number> | undefined {
  if (!line.startsWith("GROUP ")) return undefined;
  const starts = new Map([...line.matchAll(/\S+/g)].map((label) => [label[0], label.index ?? 0] as const));
  return COLUMNS.every((column) => starts.has(column)) ? starts : undefined;
}

function parseRow(line: string, starts: Map<string, number>): ToolRow | undefined {
  // Every column the header has, in order (with --verbose, LEADER-EPOCH sits among them, unread).
  const ordered = [...starts.values()].sort((a, b) => a - b);
  // A value wider than its column would shift the rest: refuse the line rather than misread it.
  if (ordered.some((start) => start > 0 && line[start - 1] !== " ")) return undefined;
  const cell = (column: Column): string => {
    const start = starts.get(column)!;
    const end = ordered.find((next) => next > start) ?? line.length;
    return line.slice(start, end).trim();
  };
  const topic = cell("TOPIC");
  const partition = count(cell("PARTITION"));
  const currentOffset = count(cell("CURRENT-OFFSET"));
  const logEndOffset = count(cell("LOG-END-OFFSET"));
  const lag = count(cell("LAG"));
  if (topic === "" || topic === NONE || partition === undefined || partition === null) return undefined;
  if (currentOffset === undefined || logEndOffset === undefined || lag === undefined) return undefined;
  return {
    group: cell("GROUP"),
    topic,
    partition,
    currentOffset,
    logEndOffset,
    lag,
    consumerId: orNone(cell("CONSUMER-ID")),
    host: orNone(cell("HOST")),
    clientId: orNone(cell("CLIENT-ID")),
  };
}

/** A non-negative integer cell: its value, null for `-`, undefined when it is neither. */
function count(cell: string): number | null | undefined {
  if (cell === NONE) return null;
  return /^\d+$/.test(cell) ? Number(cell) : undefined;
}

function orNone(cell: string): string | null {
  return cell === NONE ? null : cell;
}
