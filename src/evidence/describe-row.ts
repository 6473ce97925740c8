/**
 * One line of `kafka-consumer-groups --describe`, the table engineers know:
 * the site renders it from a run's evidence, the walkthrough from the broker
 * live, and the second witness parses it from Kafka's own tool.
 */
export interface DescribeRow {
  group: string;
  topic: string;
  partition: number;
  /** The group's committed offset (the next offset to read); null where the broker holds none. */
  currentOffset: number | null;
  /** null where it is not known (a partition without a leader). */
  logEndOffset: number | null;
  /** Log-end minus committed; null when either is unknown. */
  lag: number | null;
  /** The member that owns the partition; null where no member does. */
  consumerId: string | null;
  /** Where the coordinator saw that member connect from (`/127.0.0.1`); null where no member owns the partition, or it was not recorded. */
  host: string | null;
  clientId: string | null;
}

/** The tool's column headers, in its order. */
export const DESCRIBE_COLUMNS = ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"] as const;

/** Log-end minus committed, as the tool computes it: nothing committed or log end unknown → null (printed `-`). */
export function lagOf(row: Pick<DescribeRow, "currentOffset" | "logEndOffset">): number | null {
  return row.currentOffset === null || row.logEndOffset === null ? null : row.logEndOffset - row.currentOffset;
}

/** The row's cells as the tool prints them: `-` where there is no value. */
export function describeCells(row: DescribeRow): string[] {
  const dash = (value: number | string | null) => (value === null ? "-" : String(value));
  return [row.group, row.topic, String(row.partition), dash(row.currentOffset), dash(row.logEndOffset), dash(row.lag), dash(row.consumerId), dash(row.host), dash(row.clientId)];
}
