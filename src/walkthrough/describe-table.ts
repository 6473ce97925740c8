/**
 * One partition of a group, as `kafka-consumer-groups --describe` reports it.
 * Every field is read from the broker.
 */
export interface DescribeRow {
  group: string;
  topic: string;
  partition: number;
  /** The group's committed offset (next offset to read); null when it has committed none. */
  currentOffset: number | null;
  logEndOffset: number;
  /** The member that owns the partition now; null when no member does. */
  consumerId: string | null;
  clientId: string | null;
}

export const DESCRIBE_COLUMNS = [
  "GROUP",
  "TOPIC",
  "PARTITION",
  "CURRENT-OFFSET",
  "LOG-END-OFFSET",
  "LAG",
  "CONSUMER-ID",
  "CLIENT-ID",
] as const;

/**
 * Minimum widths of the numeric columns, as `kafka-consumer-groups` pads them
 * (`%-10s %-15s %-15s %-15s` in its describe format); the other columns are as
 * wide as their widest value.
 */
const MIN_WIDTHS: Partial<Record<(typeof DESCRIBE_COLUMNS)[number], number>> = {
  PARTITION: 10,
  "CURRENT-OFFSET": 15,
  "LOG-END-OFFSET": 15,
  LAG: 15,
};

/** Messages the group has not committed past; null (shown `-`) when it has committed nothing, as Kafka's tool does. */
export function lagOf(row: Pick<DescribeRow, "currentOffset" | "logEndOffset">): number | null {
  return row.currentOffset === null ? null : row.logEndOffset - row.currentOffset;
}

/** The rows as aligned lines, header first; `-` wherever there is no value. */
export function renderDescribeTable(rows: readonly DescribeRow[]): string[] {
  const cells = rows.map((row) => [
    row.group,
    row.topic,
    String(row.partition),
    dash(row.currentOffset),
    String(row.logEndOffset),
    dash(lagOf(row)),
    row.consumerId ?? "-",
    row.clientId ?? "-",
  ]);
  const widths = DESCRIBE_COLUMNS.map((header, column) =>
    Math.max(MIN_WIDTHS[header] ?? 0, header.length, ...cells.map((line) => line[column]!.length)),
  );
  return [[...DESCRIBE_COLUMNS], ...cells].map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join(" ")
      .trimEnd(),
  );
}

function dash(value: number | null): string {
  return value === null ? "-" : String(value);
}
