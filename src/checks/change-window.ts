import type { AssignmentObservation, Check, ScenarioEvidence } from "../evidence/proof-result.js";
import type { ConsumerRef, GroupRef } from "../evidence/refs.js";
import { assignmentObservations, consumerOf, presentGroup } from "./evidence-queries.js";
import { inconclusive } from "./outcome.js";

/** A member joining or leaving a group: the consumer that did. */
export type MembershipChange = { joined: ConsumerRef } | { left: ConsumerRef };

/**
 * A membership change as the broker's assignment timeline shows it: the last
 * observation of the settled (Stable) group before it, the first after it,
 * and the observations in between, which are the rebalance as the broker
 * described it while it happened.
 */
export interface ChangeWindow {
  before: AssignmentObservation;
  after: AssignmentObservation;
  between: AssignmentObservation[];
}

export function changer(change: MembershipChange): string {
  return "joined" in change ? change.joined.consumer : change.left.consumer;
}

export function describeChange(change: MembershipChange): string {
  return "joined" in change ? `${change.joined.consumer} joined` : `${change.left.consumer} left`;
}

export const isMember = (o: AssignmentObservation, consumer: string): boolean => o.members.some((m) => m.consumer === consumer);

/** "+2333 ms (PreparingRebalance)": an observation as a check's detail names it. */
export const when = (o: AssignmentObservation): string => `+${o.at} ms (${o.state})`;

/**
 * The change's window in the group's observations, or what the evidence lacks
 * for one: an observation showing the change, a settled group before it, or one after it.
 */
export function changeWindow(observations: readonly AssignmentObservation[], change: MembershipChange): ChangeWindow | string {
  const name = changer(change);
  const joins = "joined" in change;
  const present = observations.findIndex((o) => isMember(o, name));
  // A join shows where the member first appears; a leave, where it is first gone after it was there.
  const shows = joins || present < 0 ? present : observations.findIndex((o, i) => i > present && !isMember(o, name));
  if (shows < 0) return `observation showing ${describeChange(change)}`;
  let before = shows - 1;
  while (before >= 0 && observations[before]!.state !== "Stable") before -= 1;
  if (before < 0) return `Stable observation of the group before ${describeChange(change)}`;
  const after = observations.findIndex((o, i) => i >= shows && o.state === "Stable" && isMember(o, name) === joins);
  if (after < 0) return `Stable observation of the group after ${describeChange(change)}`;
  return { before: observations[before]!, after: observations[after]!, between: observations.slice(before + 1, after) };
}

/** The window, or the inconclusive check (named `name`) saying what the evidence lacks for one. */
export function windowFor(evidence: ScenarioEvidence, group: GroupRef, change: MembershipChange, name: string): ChangeWindow | Check {
  if (!presentGroup(evidence, group)) return inconclusive(name, `group ${group.group}`);
  if (!consumerOf(evidence, "joined" in change ? change.joined : change.left)) return inconclusive(name, `consumer ${changer(change)}`);
  const window = changeWindow(assignmentObservations(evidence, group), change);
  return typeof window === "string" ? inconclusive(name, window) : window;
}

/** Partitions as "topic\u0000partition" keys, to compare sets. */
export function partitionKey(p: { topic: string; partition: number }): string {
  return `${p.topic}\u0000${p.partition}`;
}

/** "p0,p2" for keys, or "nothing". */
export function partitionList(keys: Iterable<string>): string {
  return [...keys].map((k) => `p${k.slice(k.indexOf("\u0000") + 1)}`).join(",") || "nothing";
}

/** The partitions a member owns in an observation, as the broker records it. */
export function recorded(o: AssignmentObservation, consumer: string): Set<string> {
  return new Set(o.members.find((m) => m.consumer === consumer)?.owns.map(partitionKey) ?? []);
}
