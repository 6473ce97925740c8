/**
 * JSON for people and diffs: nested structure is indented, but any value whose
 * compact form fits on a line stays on one line. A results file with thousands
 * of deliveries is then one line per delivery rather than nine.
 */
export function formatJson(value: unknown, width = 240, indent = ""): string {
  const compact = JSON.stringify(value);
  if (compact === undefined) return "null";
  if (compact.length + indent.length <= width || value === null || typeof value !== "object") return compact;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => inner + formatJson(item, width, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${formatJson(v, width, inner)}`).join(",\n")}\n${indent}}`;
}
