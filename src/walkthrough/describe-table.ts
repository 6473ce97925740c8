import { DESCRIBE_COLUMNS, describeCells, type DescribeRow } from "../evidence/describe-row.js";

export { lagOf, type DescribeRow } from "../evidence/describe-row.js";

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

/** The rows as aligned lines, header first; `-` wherever there is no value. */
export function renderDescribeTable(rows: readonly DescribeRow[]): string[] {
  const cells = rows.map(describeCells);
  const widths = DESCRIBE_COLUMNS.map((header, column) => Math.max(MIN_WIDTHS[header] ?? 0, header.length, ...cells.map((line) => line[column]!.length)));
  return [[...DESCRIBE_COLUMNS], ...cells].map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join(" ")
      .trimEnd(),
  );
}
