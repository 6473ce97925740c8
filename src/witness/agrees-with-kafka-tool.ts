import { logEndOffset } from "../checks/evidence-queries.js";
import type { ScenarioEvidence, SecondWitness } from "../evidence/proof-result.js";
import type { ToolRow } from "./describe-output.js";

/**
 * The second witness: Kafka's own `kafka-consumer-groups --describe`, asked at
 * the moment the evidence was read, must print the same offset table.
 *
 * For every group in the evidence and every partition in its `committed`:
 * 1. CURRENT-OFFSET is our committed offset, or `-` where we read none. The tool
 *    lists a partition only if the group committed on it or a member owns it, so
 *    a missing row agrees with "none" and contradicts a number.
 * 2. LOG-END-OFFSET is the topic's `logEndOffset` in the evidence.
 * 3. LAG is log-end minus committed, or `-` where nothing is committed.
 * 4. The tool shows no committed offset for one of our groups on a partition the evidence lacks.
 *
 * Members are not compared: at that moment a group may be Stable, rebalancing
 * or Empty, and the offsets do not depend on which.
 */

interface Expected {
  "CURRENT-OFFSET": number | null;
  "LOG-END-OFFSET": number | null;
  LAG: number | null;
}

export function agreesWithKafkaTool(evidence: ScenarioEvidence, rows: readonly ToolRow[]): SecondWitness {
  const place = (topic: string, partition: number) => (evidence.topics.length > 1 ? `${topic}/${partition}` : `p${partition}`);
  const disagreements: string[] = [];
  const agreements: string[] = [];
  for (const group of evidence.groups) {
    const ours = new Set(group.committed.map((c) => `${c.topic}/${c.partition}`));
    for (const c of group.committed) {
      const label = `${group.label} ${place(c.topic, c.partition)}`;
      const found = rows.filter((r) => r.group === group.groupId && r.topic === c.topic && r.partition === c.partition);
      const end = logEndOffset(evidence, c.topic, c.partition) ?? null;
      const expected: Expected = { "CURRENT-OFFSET": c.offset, "LOG-END-OFFSET": end, LAG: c.offset === null || end === null ? null : end - c.offset };
      if (found.length > 1) {
        disagreements.push(`${label}: expected one row; the consumer-groups tool reported ${found.length}`);
        continue;
      }
      const row = found[0];
      if (!row) {
        if (c.offset === null) agreements.push(`${label} - (no row)`);
        else disagreements.push(`${label}: expected CURRENT-OFFSET ${c.offset}; the consumer-groups tool reported no row for it`);
        continue;
      }
      const reported: Expected = { "CURRENT-OFFSET": row.currentOffset, "LOG-END-OFFSET": row.logEndOffset, LAG: row.lag };
      const differing = (Object.keys(expected) as (keyof Expected)[]).filter((column) => expected[column] !== reported[column]);
      if (differing.length === 0) {
        agreements.push(`${label} ${show(c.offset)}/${show(end)} lag ${show(expected.LAG)}`);
        continue;
      }
      const list = (values: Expected) => differing.map((column) => `${column} ${show(values[column])}`).join(" and ");
      disagreements.push(`${label}: expected ${list(expected)}; the consumer-groups tool reported ${list(reported)}`);
    }
    for (const row of rows.filter((r) => r.group === group.groupId && r.currentOffset !== null && !ours.has(`${r.topic}/${r.partition}`))) {
      disagreements.push(
        `${group.label} ${row.topic}/${row.partition}: expected no committed offset (the evidence has none there); ` +
          `the consumer-groups tool reported CURRENT-OFFSET ${row.currentOffset}`,
      );
    }
  }
  if (disagreements.length > 0) return { state: "disagreed", detail: disagreements.join("; ") };
  // Nothing compared is no agreement: the tool was asked about nothing.
  if (agreements.length === 0) return { state: "not-run", detail: "the evidence has no group offsets to compare" };
  return { state: "agreed", detail: `expected committed/log-end offsets and lag ${agreements.join(", ")}; the consumer-groups tool reported the same` };
}

/** Container and external runs without Kafka's jars at hand: the tool did not run, and the evidence says so. */
export function kafkaToolNotAvailable(mode: string): SecondWitness {
  return {
    state: "not-run",
    detail:
      `not run in ${mode} mode: the tool runs from Kafka's jars cached by a native run, and none were at hand ` +
      "(or the cluster needs SASL/TLS settings); the offsets were read with kafkajs only",
  };
}

/** The tool was to be asked and could not be: it did not witness anything, which is said, not passed. */
export function kafkaToolDidNotAnswer(reason: string): SecondWitness {
  return { state: "not-run", detail: `Kafka's consumer-groups tool was asked and could not answer: ${reason}` };
}

function show(value: number | null): string {
  return value === null ? "-" : String(value);
}
