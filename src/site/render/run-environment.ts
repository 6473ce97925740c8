import type { ProofResult } from "../../evidence/proof-result.js";
import { formatClients, formatDate } from "./format.js";
import { htmlTable } from "./html-table.js";

/**
 * What the run ran on, from the results themselves. Results from runs on
 * different setups are not merged into one: each distinct value is listed.
 */
export function renderEnvironment(results: readonly ProofResult[]): string {
  const distinct = (values: string[]) => [...new Set(values)].join(", ");
  const rows = [
    ["Kafka", distinct(results.map((r) => `${r.kafka.version} (${r.kafka.mode} broker)`))],
    ["Client", distinct(results.map(formatClients))],
    ["Node", distinct(results.map((r) => r.node))],
    ["Run", runSpan(results.map((r) => r.startedAt))],
  ];
  return htmlTable({ className: "environment", headers: ["", "This run"], rows });
}

/** When the proofs started: one time, or first to last when they are minutes apart (results of several runs). */
function runSpan(startedAt: string[]): string {
  const sorted = [...startedAt].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return "-";
  const sameMinute = first.slice(0, 16) === last.slice(0, 16);
  return sameMinute ? formatDate(first) : `${formatDate(first)} to ${formatDate(last)}`;
}
