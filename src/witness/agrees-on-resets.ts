import type { ScenarioEvidence, SecondWitness, TimelineEvent } from "../evidence/proof-result.js";

interface Offset {
  partition: number;
  offset: number;
}

/**
 * The second witness on resets: for every reset the scenario made (accepted, or a dry run), Kafka's own
 * `kafka-consumer-groups --reset-offsets --dry-run` for the same request, asked just before, must name the same
 * partitions with the same new offsets. Undefined when the evidence holds no reset the tool was asked about (a
 * reset made as a service's user has no `kafkaTool`); refused resets are not compared (the tool
 * refuses a group that is not inactive on its own reading, which is no offset to compare), and a dry run of a group
 * with members, which computed nothing, agrees only with a tool that computed nothing either.
 */
export function agreesOnResets(evidence: ScenarioEvidence): SecondWitness | undefined {
  const asked = evidence.timeline.filter((e) => (e.event === "reset" || e.dryRun === true) && typeof e.kafkaTool === "object" && e.kafkaTool !== null);
  if (asked.length === 0) return undefined;
  const disagreements: string[] = [];
  const agreements: string[] = [];
  const notRun: string[] = [];
  for (const event of asked) {
    const word = event.kafkaTool as { rows?: Offset[]; problems?: string[]; notRun?: string };
    const label = `reset #${String(event.attempt)} of group ${String(event.group)}${event.dryRun === true ? " (dry run)" : ""}`;
    if (word.notRun !== undefined) {
      notRun.push(`${label}: ${word.notRun}`);
      continue;
    }
    if (event.live !== undefined) {
      // Our dry run of a group with members computed nothing, as the tool does: it must not have computed offsets either.
      if ((word.rows ?? []).length === 0) agreements.push(`${label} nothing (the group had members)`);
      else disagreements.push(`${label}: expected no new offsets for a group with members; the consumer-groups tool's dry run reported ${list(word.rows ?? [])}`);
      continue;
    }
    const ours = offsetsOf(event);
    const theirs = [...(word.rows ?? [])].sort((a, b) => a.partition - b.partition);
    if (list(ours) === list(theirs)) agreements.push(`${label} ${list(ours)}`);
    else {
      const said = theirs.length > 0 ? list(theirs) : `no new offsets${word.problems && word.problems.length > 0 ? ` (${word.problems.join(" ")})` : ""}`;
      disagreements.push(`${label}: expected ${list(ours)}; the consumer-groups tool's dry run reported ${said}`);
    }
  }
  if (disagreements.length > 0) return { state: "disagreed", detail: disagreements.join("; ") };
  if (notRun.length > 0) return { state: "not-run", detail: `the consumer-groups tool's dry runs were not run: ${notRun.join("; ")}` };
  return { state: "agreed", detail: `expected reset targets ${agreements.join(", ")}; the consumer-groups tool's dry runs reported the same` };
}

function offsetsOf(event: TimelineEvent): Offset[] {
  const offsets = Array.isArray(event.offsets) ? (event.offsets as Offset[]) : [];
  return [...offsets].sort((a, b) => a.partition - b.partition);
}

function list(offsets: readonly Offset[]): string {
  return offsets.length === 0 ? "(none)" : offsets.map((o) => `p${o.partition}=${o.offset}`).join(", ");
}
