import type { ScenarioEvidence, SecondWitness } from "../evidence/proof-result.js";
import type { ShareToolRow } from "./describe-output.js";

/**
 * The second witness on share groups (KIP-932): Kafka's own `kafka-share-groups
 * --describe`, asked at the moment the evidence was read, must print the same
 * share-group state. For every share group in the evidence and every partition in
 * its `partitions`: START-OFFSET is our start offset and LAG our lag (`-` where we
 * read none); and the tool shows no state for a partition the evidence lacks.
 */
export function agreesOnShareGroups(evidence: ScenarioEvidence, rows: readonly ShareToolRow[]): SecondWitness {
  const disagreements: string[] = [];
  const agreements: string[] = [];
  for (const group of evidence.shareGroups ?? []) {
    for (const p of group.partitions) {
      const label = `${group.label} p${p.partition}`;
      const found = rows.filter((r) => r.group === group.groupId && r.topic === p.topic && r.partition === p.partition);
      const row = found[0];
      if (found.length > 1) disagreements.push(`${label}: expected one row; the share-groups tool reported ${found.length}`);
      else if (!row) {
        if (p.startOffset === null && p.lag === null) agreements.push(`${label} - (no row)`);
        else disagreements.push(`${label}: expected START-OFFSET ${show(p.startOffset)} and LAG ${show(p.lag)}; the share-groups tool reported no row for it`);
      } else if (row.startOffset !== p.startOffset || row.lag !== p.lag) {
        disagreements.push(
          `${label}: expected START-OFFSET ${show(p.startOffset)} and LAG ${show(p.lag)}; the share-groups tool reported ${show(row.startOffset)} and ${show(row.lag)}`,
        );
      } else agreements.push(`${label} start ${show(p.startOffset)} lag ${show(p.lag)}`);
    }
    const ours = new Set(group.partitions.map((p) => `${p.topic}/${p.partition}`));
    for (const row of rows.filter((r) => r.group === group.groupId && !ours.has(`${r.topic}/${r.partition}`) && (r.startOffset !== null || r.lag !== null))) {
      disagreements.push(
        `${group.label} ${row.topic}/${row.partition}: expected no state (the evidence has none there); the share-groups tool reported START-OFFSET ${show(row.startOffset)}`,
      );
    }
  }
  if (disagreements.length > 0) return { state: "disagreed", detail: disagreements.join("; ") };
  if (agreements.length === 0) return { state: "not-run", detail: "the evidence has no share-group state to compare" };
  return { state: "agreed", detail: `expected share-group start offsets and lag ${agreements.join(", ")}; the share-groups tool reported the same` };
}

/**
 * One word from the witness on a run with both kinds of group: it disagreed if
 * it disagreed on either; it agreed only if it agreed on both; otherwise it did
 * not witness the run, and says on what.
 */
export function bothWitnessed(parts: readonly SecondWitness[]): SecondWitness {
  const [only] = parts;
  if (parts.length === 1 && only) return only;
  const of = (state: SecondWitness["state"]) => parts.filter((p) => p.state === state).map((p) => p.detail);
  if (of("disagreed").length > 0) return { state: "disagreed", detail: of("disagreed").join("; ") };
  if (of("agreed").length === parts.length) return { state: "agreed", detail: of("agreed").join("; ") };
  return { state: "not-run", detail: parts.map((p) => `${p.state}: ${p.detail}`).join("; ") };
}

function show(value: number | null): string {
  return value === null ? "-" : String(value);
}
