import type { AssignmentObservation, Check, ScenarioEvidence, TimelineEvent, TopicPartitionRef } from "../evidence/proof-result.js";
import type { GroupRef } from "../evidence/refs.js";
import { changer, describeChange, isMember, partitionKey, partitionList, recorded, when, windowFor, type ChangeWindow, type MembershipChange } from "./change-window.js";
import { judged } from "./outcome.js";

export type { MembershipChange } from "./change-window.js";

/**
 * How a rebalance treats the members it does not concern, judged on the
 * broker's assignment timeline (`assignment` events, see `Scenario.watchAssignments`)
 * over the window of one member joining or leaving (see `changeWindow`).
 *
 * What the broker's description says differs by protocol. For the consumer
 * protocol of KIP-848, each member's assignment is its own: the partitions it
 * owns at its member epoch, which the broker changes member by member as the
 * member acknowledges. A classic group has no such account while it
 * rebalances: in PreparingRebalance and CompletingRebalance the broker makes
 * every member rejoin, and the leader's SyncGroup gives each its assignment
 * anew. What DescribeGroups returns for a member meanwhile is what the
 * previous generation gave it (Kafka 4's coordinator; Kafka 3's returned
 * nothing), held only until the member rejoins — which a member of the
 * eager protocol does by giving up everything.
 */

/** The classic group states in which the broker is making every member rejoin for a new generation. */
const CLASSIC_REBALANCE = new Set(["PreparingRebalance", "CompletingRebalance"]);

function rebuilding(o: AssignmentObservation): boolean {
  return o.protocol === "classic" && CLASSIC_REBALANCE.has(o.state);
}

/**
 * Members that stay through the change keep, in every observation of it, each
 * partition they own both before and after it: nothing that does not move is
 * taken away, even for a moment. A classic group that is rebalancing is
 * rebuilding every member's assignment, so no member keeps anything through
 * it. Judged only with at least `minSamples` answers of the broker during the
 * change (fewer: inconclusive, never a pass), and only if some partition
 * stayed with its owner.
 */
export function keptUnmovedPartitions(evidence: ScenarioEvidence, group: GroupRef, change: MembershipChange, minSamples: number): Check {
  const name = `members of group ${group.group} kept their unmoved partitions throughout while ${describeChange(change)}`;
  const window = windowFor(evidence, group, change, name);
  if ("outcome" in window) return window;
  const { before, after, between } = window;
  const kept = keptPartitions(window, change);
  const violations: string[] = [];
  for (const o of between) {
    if (rebuilding(o) && [...kept.values()].some((keys) => keys.length > 0)) {
      const held = [...kept.keys()].map((c) => `${c} held ${partitionList(recorded(o, c))}`).join(" and ");
      violations.push(`group ${group.group} in ${o.state} at +${o.at} ms, making every member rejoin (${held} only until it did)`);
      continue;
    }
    for (const [consumer, keys] of kept) {
      const missing = keys.filter((k) => !recorded(o, consumer).has(k));
      if (missing.length > 0) violations.push(`${consumer} owning ${partitionList(recorded(o, consumer))}, without ${partitionList(missing)}, at ${when(o)}`);
    }
  }
  const samples = between.reduce((sum, o) => sum + o.samples, 0);
  const span = `between ${when(before)} and ${when(after)}`;
  const expected = toKeep(kept);
  if (violations.length > 0)
    return judged(name, false, `expected ${expected} in every answer ${span}; the broker reported ${violations.slice(0, 3).join("; ")}${more(violations, 3)}`);
  if ([...kept.values()].every((keys) => keys.length === 0)) {
    return { name, outcome: "inconclusive", detail: `cannot be judged: no partition stayed with its owner from ${when(before)} to ${when(after)}` };
  }
  if (samples < minSamples) {
    return {
      name,
      outcome: "inconclusive",
      detail: `cannot be judged: the broker was asked ${samples} time(s) ${span}; at least ${minSamples} are needed to have watched the change`,
    };
  }
  return judged(name, true, `${expected}: so the broker reported in all ${samples} answers ${span}`);
}

/** Each staying member's partitions that are its own both before and after the change. */
function keptPartitions({ before, after }: ChangeWindow, change: MembershipChange): Map<string, string[]> {
  const stayers = before.members.map((m) => m.consumer).filter((c) => c !== changer(change) && isMember(after, c));
  return new Map(stayers.map((c) => [c, [...recorded(before, c)].filter((k) => recorded(after, c).has(k))]));
}

/** "A1 to keep p0,p1 and A2 to keep p3". */
function toKeep(kept: ReadonlyMap<string, readonly string[]>): string {
  return [...kept].map(([consumer, keys]) => `${consumer} to keep ${partitionList(keys)}`).join(" and ");
}

function more(list: readonly unknown[], shown: number): string {
  return list.length > shown ? ` and ${list.length - shown} more` : "";
}

/** Partition → owner, in one observation. */
function owners(o: AssignmentObservation): Map<string, string> {
  return new Map(o.members.flatMap((m) => m.owns.map((p) => [partitionKey(p), m.consumer] as const)));
}

/**
 * Only what the change needs moved: every partition that changed owner went to
 * the member that joined (which got at least one), or came from the member that
 * left. Judged from the settled group before the change to the settled group after.
 */
export function onlyTheirPartitionsMoved(evidence: ScenarioEvidence, group: GroupRef, change: MembershipChange): Check {
  const who = changer(change);
  const joins = "joined" in change;
  const name = joins
    ? `only the partitions ${who} was given changed owner when ${who} joined group ${group.group}`
    : `only ${who}'s partitions changed owner when ${who} left group ${group.group}`;
  const window = windowFor(evidence, group, change, name);
  if ("outcome" in window) return window;
  const [from, to] = [owners(window.before), owners(window.after)];
  const moves = [...new Set([...from.keys(), ...to.keys()])].filter((k) => from.get(k) !== to.get(k));
  const stray = moves.filter((k) => (joins ? to.get(k) !== who : from.get(k) !== who));
  const gotNothing = joins && recorded(window.after, who).size === 0;
  const reported = moves.map((k) => `${partitionList([k])} from ${from.get(k) ?? "nobody"} to ${to.get(k) ?? "nobody"}`).join(", ") || "no move";
  const span = `from ${when(window.before)} to ${when(window.after)}`;
  const holds = stray.length === 0 && !gotNothing;
  const expected = joins ? `moves only to ${who}, at least one` : `moves only from ${who}`;
  return judged(name, holds, holds ? `the broker reported ${reported} ${span}` : `expected ${expected} ${span}; the broker reported ${reported}`);
}

/**
 * Once the change settled, every partition of the scenario's topics had one
 * owner, and no member owned more than one partition more than another.
 */
export function balancedAfter(evidence: ScenarioEvidence, group: GroupRef, change: MembershipChange): Check {
  const name = `group ${group.group} was balanced once ${describeChange(change)}`;
  const window = windowFor(evidence, group, change, name);
  if ("outcome" in window) return window;
  const { after } = window;
  const problems: string[] = [];
  for (const topic of evidence.topics) {
    for (const { partition } of topic.partitions) {
      const holders = after.members.filter((m) => m.owns.some((p) => p.topic === topic.name && p.partition === partition)).map((m) => m.consumer);
      if (holders.length !== 1) problems.push(`p${partition} owned by ${holders.join(" and ") || "nobody"}`);
    }
  }
  const counts = after.members.map((m) => m.owns.length);
  if (counts.length > 0 && Math.max(...counts) - Math.min(...counts) > 1) problems.push(`uneven shares (${after.members.map((m) => `${m.consumer} ${m.owns.length}`).join(", ")})`);
  const shares = after.members.map((m) => `${m.consumer} ${partitionList(m.owns.map(partitionKey))}`).join(", ");
  const holds = problems.length === 0 && evidence.topics.length > 0;
  return judged(
    name,
    holds,
    holds
      ? `at ${when(after)} the broker reported ${shares}`
      : `expected one owner per partition and shares within one of each other; at ${when(after)} the broker reported ${problems.join(", ") || "no topic"}`,
  );
}

/** A `revoke` event: a consumer reporting the partitions it gave up. */
interface Revocation extends TimelineEvent {
  event: "revoke";
  group: string;
  partitions: TopicPartitionRef[];
}

/**
 * The clients' own word, beside the broker's: during the change, no staying
 * member reported giving up a partition it owned both before and after it.
 */
export function revokedOnlyMoved(evidence: ScenarioEvidence, group: GroupRef, change: MembershipChange): Check {
  const name = `members of group ${group.group} gave up only partitions that moved while ${describeChange(change)}, as they reported`;
  const window = windowFor(evidence, group, change, name);
  if ("outcome" in window) return window;
  const kept = keptPartitions(window, change);
  const revocations = evidence.timeline.filter(
    (e): e is Revocation => e.event === "revoke" && e.group === group.group && e.at > window.before.at && e.at <= window.after.at && kept.has(e.actor),
  );
  const wrong = revocations.filter((r) => r.partitions.some((p) => kept.get(r.actor)!.includes(partitionKey(p))));
  const reported = revocations.map((r) => `${r.actor} gave up ${partitionList(r.partitions.map(partitionKey))} at +${r.at} ms`).join("; ") || "no member gave anything up";
  return judged(name, wrong.length === 0, wrong.length === 0 ? reported : `expected ${toKeep(kept)}; ${reported}`);
}
