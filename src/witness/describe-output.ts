import type { DescribeRow } from "../evidence/describe-row.js";

/**
 * Reads what `kafka-consumer-groups --describe` prints: one table per group
 *
 *     GROUP  TOPIC  PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG  CONSUMER-ID  HOST  CLIENT-ID
 *
 * with `-` for "none", and one-line notes about groups it has no table for; and
 * what `kafka-share-groups --describe` prints for a share group (KIP-932):
 *
 *     GROUP  TOPIC  PARTITION  START-OFFSET  LAG
 *
 * Columns are cut where the header puts them, not split on spaces: the tool
 * pads every column to its widest value, and a client id (so also the consumer
 * id built from it) may contain spaces ("B restarted").
 */

/** One line of the tool's table. */
export type ToolRow = DescribeRow;

/** One line of a share group's table: the share-partition start offset and lag, `-` (null) where the group has no state there. */
export interface ShareToolRow {
  group: string;
  topic: string;
  partition: number;
  startOffset: number | null;
  lag: number | null;
}

export interface DescribeOutput {
  rows: ToolRow[];
  shareRows: ShareToolRow[];
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
const SHARE_COLUMNS = ["GROUP", "TOPIC", "PARTITION", "START-OFFSET", "LAG"] as const;
type Column = (typeof COLUMNS)[number] | (typeof SHARE_COLUMNS)[number];
type Table = { kind: "consumer" | "share"; starts: Map<string, number> };

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
  const result: DescribeOutput = { rows: [], shareRows: [], missing: [], withoutMembers: [], rebalancing: [], problems: [] };
  let table: Table | undefined;
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
    const shareRow = table?.kind === "share" ? parseShareRow(line, table.starts) : undefined;
    const row = table?.kind === "consumer" ? parseRow(line, table.starts) : undefined;
    if (shareRow) result.shareRows.push(shareRow);
    else if (row) result.rows.push(row);
    else result.problems.push(line.trim());
  }
  return result;
}

/** Where each column starts, if the line is a table's header (its labels hold no spaces), and which table. */
function headerColumns(line: string): Table | undefined {
  if (!line.startsWith("GROUP ")) return undefined;
  const starts = new Map([...line.matchAll(/\S+/g)].map((label) => [label[0], label.index ?? 0] as const));
  if (COLUMNS.every((column) => starts.has(column))) return { kind: "consumer", starts };
  return SHARE_COLUMNS.every((column) => starts.has(column)) ? { kind: "share", starts } : undefined;
}

/** Reads a row's cells where its header puts them; undefined when a value is wider than its column (it would shift the rest). */
function cellsOf(line: string, starts: Map<string, number>): ((column: Column) => string) | undefined {
  // Every column the header has, in order (with --verbose, LEADER-EPOCH sits among them, unread).
  const ordered = [...starts.values()].sort((a, b) => a - b);
  if (ordered.some((start) => start > 0 && line[start - 1] !== " ")) return undefined;
  return (column) => {
    const start = starts.get(column)!;
    const end = ordered.find((next) => next > start) ?? line.length;
    return line.slice(start, end).trim();
  };
}

function parseShareRow(line: string, starts: Map<string, number>): ShareToolRow | undefined {
  const cell = cellsOf(line, starts);
  if (!cell) return undefined;
  const [topic, partition, startOffset, lag] = [cell("TOPIC"), count(cell("PARTITION")), count(cell("START-OFFSET")), count(cell("LAG"))];
  if (topic === "" || topic === NONE || partition === undefined || partition === null || startOffset === undefined || lag === undefined) return undefined;
  return { group: cell("GROUP"), topic, partition, startOffset, lag };
}

function parseRow(line: string, starts: Map<string, number>): ToolRow | undefined {
  const cell = cellsOf(line, starts);
  if (!cell) return undefined;
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
