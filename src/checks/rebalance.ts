import type { AssignmentObservation, Check, ScenarioEvidence, TimelineEvent, TopicPartitionRef } from "../evidence/proof-result.js";
import type { ConsumerRef, GroupRef } from "../evidence/refs.js";
import { changer, describeChange, isMember, partitionKey, partitionList, recorded, when, windowFor, type ChangeWindow, type MembershipChange } from "./change-window.js";
import { assignmentObservations, consumerOf, presentGroup } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

export type { MembershipChange } from "./change-window.js";

/**
 * How a rebalance treats the members it does not concern, judged on the
 * broker's assignment timeline (`assignment` events, see `ScenarioGroups.watchAssignments`)
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
 *
 * A classic group whose members chose a cooperative assignor (KIP-429) settles
 * a join in two generations, both Stable: the first only takes the moving
 * partitions from their owners, the second gives them to the newcomer. Each
 * check here judges the change up to the group settled (see `settledWindowFor`).
 */

/** The classic group states in which the broker is making every member rejoin for a new generation. */
const CLASSIC_REBALANCE = new Set(["PreparingRebalance", "CompletingRebalance"]);

function rebuilding(o: AssignmentObservation): boolean {
  return o.protocol === "classic" && CLASSIC_REBALANCE.has(o.state);
}

/**
 * The change's window (see `windowFor`), ending at the group settled: the first
 * Stable observation after the change in which every partition the group owned
 * before it has an owner again. A cooperative classic group's first generation
 * of a join is Stable with the moving partitions owned by nobody; the window
 * spans it and ends at the generation that hands them over. Where no later
 * observation owns them all, it ends at the first Stable one, as `windowFor`'s does.
 */
function settledWindowFor(evidence: ScenarioEvidence, group: GroupRef, change: MembershipChange, name: string): ChangeWindow | Check {
  const window = windowFor(evidence, group, change, name);
  if ("outcome" in window) return window;
  const observations = assignmentObservations(evidence, group);
  const [from, first] = [observations.indexOf(window.before), observations.indexOf(window.after)];
  const owned = [...owners(window.before).keys()];
  const joins = "joined" in change;
  const settled = observations.findIndex((o, i) => i >= first && o.state === "Stable" && isMember(o, changer(change)) === joins && owned.every((k) => owners(o).has(k)));
  if (settled <= first) return window;
  return { before: window.before, after: observations[settled]!, between: observations.slice(from + 1, settled) };
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
  const window = settledWindowFor(evidence, group, change, name);
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

/**
 * The classic protocol's cooperative hand-over (KIP-429), in the broker's
 * word: while `joined` joined, the broker listed a generation, between the
 * settled group before and after, in which every member that stays owned each
 * partition it keeps while each partition that changed owner was owned by
 * nobody: given up first, handed over a generation later. A classic group is
 * described, in every state, with the latest generation's assignment, so such
 * a listing is a generation of its own, neither the one before (where the
 * moving partitions had owners) nor the one after. An eager join goes from one
 * generation to the next in one step, and no listing of it is one of these.
 * A Stable generation during the join without a kept partition fails it too.
 * A pass needs that generation seen; a fail, at least `minSamples` answers of
 * the broker during the join. Judged only if some partition stayed with its
 * owner and some moved.
 */
export function handedOverInTwoGenerations(evidence: ScenarioEvidence, group: GroupRef, joined: ConsumerRef, minSamples: number): Check {
  const change: MembershipChange = { joined };
  const name = `while ${joined.consumer} joined group ${group.group}, the broker gave it a generation in which the others kept their unmoved partitions and the moving ones had no owner`;
  const window = settledWindowFor(evidence, group, change, name);
  if ("outcome" in window) return window;
  const { before, after, between } = window;
  const kept = keptPartitions(window, change);
  const [from, to] = [owners(before), owners(after)];
  const moved = [...from.keys()].filter((k) => to.get(k) !== from.get(k));
  const span = `between ${when(before)} and ${when(after)}`;
  if ([...kept.values()].every((keys) => keys.length === 0)) {
    return { name, outcome: "inconclusive", detail: `cannot be judged: no partition stayed with its owner from ${when(before)} to ${when(after)}` };
  }
  if (moved.length === 0) return { name, outcome: "inconclusive", detail: `cannot be judged: no partition changed owner from ${when(before)} to ${when(after)}` };
  const keeps = (o: AssignmentObservation) => [...kept].every(([consumer, keys]) => keys.every((k) => recorded(o, consumer).has(k)));
  const withoutMoved = (o: AssignmentObservation) => moved.every((k) => !owners(o).has(k));
  const owning = [...kept].map(([consumer, keys]) => `${consumer} owned ${partitionList(keys)}`).join(" and ");
  const expected = `${owning} while ${partitionList(moved)} had no owner`;
  const lapses = between.filter((o) => o.state === "Stable" && !keeps(o));
  if (lapses.length > 0) {
    const reported = lapses.map((o) => `${listing(o)} at ${when(o)}`);
    return judged(name, false, `expected ${toKeep(kept)} in every generation ${span}; the broker reported ${reported.slice(0, 3).join("; ")}${more(reported, 3)}`);
  }
  const middle = between.find((o) => keeps(o) && withoutMoved(o));
  if (middle) return judged(name, true, `${expected}: so the broker listed the group at ${when(middle)}, ${span}: ${listing(middle)}`);
  const samples = between.reduce((sum, o) => sum + o.samples, 0);
  if (samples < minSamples) {
    return {
      name,
      outcome: "inconclusive",
      detail: `cannot be judged: the broker was asked ${samples} time(s) ${span}; at least ${minSamples} are needed to have watched the change`,
    };
  }
  const listings = [...new Set(between.map((o) => `${listing(o)} (${o.state})`))];
  return judged(
    name,
    false,
    `expected a generation ${span} in which ${expected}; in all ${samples} answers the broker listed ${listings.slice(0, 3).join(", then ")}${more(listings, 3)}: one step from one generation to the next`,
  );
}

/** "A1 p0,p1; A2 p3; A3 nothing": each member's partitions in one observation. */
function listing(o: AssignmentObservation): string {
  return o.members.map((m) => `${m.consumer} ${partitionList(m.owns.map(partitionKey))}`).join("; ") || "no members";
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
  const window = settledWindowFor(evidence, group, change, name);
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
  const window = settledWindowFor(evidence, group, change, name);
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
  const window = settledWindowFor(evidence, group, change, name);
  if ("outcome" in window) return window;
  const kept = keptPartitions(window, change);
  const revocations = evidence.timeline.filter(
    (e): e is Revocation => e.event === "revoke" && e.group === group.group && e.at > window.before.at && e.at <= window.after.at && kept.has(e.actor),
  );
  const wrong = revocations.filter((r) => r.partitions.some((p) => kept.get(r.actor)!.includes(partitionKey(p))));
  const reported = revocations.map((r) => `${r.actor} gave up ${partitionList(r.partitions.map(partitionKey))} at +${r.at} ms`).join("; ") || "no member gave anything up";
  return judged(name, wrong.length === 0, wrong.length === 0 ? reported : `expected ${toKeep(kept)}; ${reported}`);
}

/**
 * Static membership (KIP-345): a member with a `group.instance.id` that closes
 * without leaving, and whose successor comes back with the same instance id,
 * takes its old place. The broker gives the successor a member id of its own;
 * on the classic protocol it keeps listing the member under the first one's
 * client id, so the successor is known by the member id it reported joining with.
 */

/** A consumer's member ids, as it reported them joining (`join` events). */
function memberIdsOf(evidence: ScenarioEvidence, consumer: ConsumerRef): Set<string> {
  return new Set(evidence.timeline.filter((e) => e.event === "join" && e.actor === consumer.consumer && typeof e.memberId === "string").map((e) => e.memberId as string));
}

/** When the consumer closed (`leave` events), in order. */
function closesOf(evidence: ScenarioEvidence, consumer: ConsumerRef): number[] {
  return evidence.timeline.filter((e) => e.event === "leave" && e.actor === consumer.consumer).map((e) => e.at);
}

const listsAny = (o: AssignmentObservation, memberIds: ReadonlySet<string>) => o.members.some((m) => memberIds.has(m.memberId));

/** "A2 (…x1y2) p2,p3 at epoch 3": a member as the checks below compare it. */
function standing(m: AssignmentObservation["members"][number]): string {
  return `${m.consumer} ${partitionList(m.owns.map(partitionKey))}${m.memberEpoch === undefined ? "" : ` at epoch ${m.memberEpoch}`}`;
}

/**
 * A restart the group did not rebalance for: from the last description of the
 * group before `stopped` closed to the first that lists `restarted` (by the
 * member id it joined with), the broker described no new generation — a
 * classic group stayed Stable; a group of the consumer protocol kept its group
 * epoch — and every other member kept its member id, its partitions (and, on
 * the consumer protocol, its member epoch) in every description.
 */
export function restartedWithoutRebalance(evidence: ScenarioEvidence, group: GroupRef, stopped: ConsumerRef, restarted: ConsumerRef): Check {
  const name = `group ${group.group} did not rebalance while ${stopped.consumer} was restarted as ${restarted.consumer}`;
  const window = restartWindow(evidence, group, stopped, restarted, name);
  if ("outcome" in window) return window;
  const { before, after, during, stoppedIds } = window;
  const others = before.members.filter((m) => !stoppedIds.has(m.memberId));
  const span = `from ${when(before)} to ${when(after)}`;
  const classic = before.protocol === "classic";
  const problems: string[] = [];
  for (const o of [...during, after]) {
    if (classic ? o.state !== "Stable" : o.groupEpoch !== before.groupEpoch)
      problems.push(`${classic ? `group ${group.group} rebalancing` : `group epoch ${o.groupEpoch}`} at ${when(o)}`);
    for (const m of others) {
      const now = o.members.find((n) => n.memberId === m.memberId);
      if (!now || standing(now) !== standing(m)) problems.push(`${now ? standing(now) : `${m.consumer} gone`} at ${when(o)}`);
    }
  }
  const kept = others.map(standing).join(", ") || "no other member";
  const expected = classic ? `group ${group.group} Stable` : `group ${group.group} at group epoch ${before.groupEpoch}`;
  if (others.length === 0) return { name, outcome: "inconclusive", detail: `cannot be judged: group ${group.group} had no other member at ${when(before)}` };
  return judged(
    name,
    problems.length === 0,
    problems.length === 0
      ? `${expected}, with ${kept}, in every answer ${span}`
      : `expected ${expected}, with ${kept}, ${span}; the broker reported ${problems.slice(0, 3).join("; ")}${more(problems, 3)}`,
  );
}

/**
 * The restarted member took its predecessor's place: in the first Stable
 * description that lists it, it owns exactly what the stopped member owned
 * in the last description before it closed.
 */
export function restartedTookItsPlace(evidence: ScenarioEvidence, group: GroupRef, stopped: ConsumerRef, restarted: ConsumerRef): Check {
  const name = `${restarted.consumer} was given the partitions ${stopped.consumer} owned`;
  const window = restartWindow(evidence, group, stopped, restarted, name);
  if ("outcome" in window) return window;
  const { before, settled, stoppedIds, restartedIds } = window;
  if (!settled) return inconclusive(name, `Stable description of group ${group.group} listing ${restarted.consumer}`);
  const owned = (o: AssignmentObservation, ids: ReadonlySet<string>) => partitionList(o.members.filter((m) => ids.has(m.memberId)).flatMap((m) => m.owns.map(partitionKey)));
  const [had, got] = [owned(before, stoppedIds), owned(settled, restartedIds)];
  const holds = had === got && had !== "nothing";
  const reported = `the broker reported ${restarted.consumer} owning ${got} at ${when(settled)}`;
  return judged(
    name,
    holds,
    holds ? `${reported}, as ${stopped.consumer} did at ${when(before)}` : `expected ${had}, as ${stopped.consumer} owned at ${when(before)}; ${reported}`,
  );
}

/** The clients' word: while the member was restarted, no other member reported giving anything up or being assigned anew. */
export function othersUndisturbedByRestart(evidence: ScenarioEvidence, group: GroupRef, stopped: ConsumerRef, restarted: ConsumerRef): Check {
  const name = `no other member of group ${group.group} gave up or was given partitions while ${stopped.consumer} was restarted, as they reported`;
  const window = restartWindow(evidence, group, stopped, restarted, name);
  if ("outcome" in window) return window;
  const { settled } = window;
  if (!settled) return inconclusive(name, `Stable description of group ${group.group} listing ${restarted.consumer}`);
  const changers = new Set([stopped.consumer, restarted.consumer]);
  const disturbed = evidence.timeline.filter(
    (e) => (e.event === "revoke" || e.event === "join") && e.group === group.group && !changers.has(e.actor) && e.at > window.stoppedAt && e.at <= settled.at,
  );
  const span = `from +${window.stoppedAt} ms to ${when(settled)}`;
  return judged(
    name,
    disturbed.length === 0,
    disturbed.length === 0
      ? `no other member reported a revocation or an assignment ${span}`
      : `expected no revocation or assignment of another member ${span}; ${disturbed.map((e) => `${e.summary} at +${e.at} ms`).join("; ")}`,
  );
}

interface RestartWindow {
  /** When `stopped` closed. */
  stoppedAt: number;
  before: AssignmentObservation;
  during: AssignmentObservation[];
  after: AssignmentObservation;
  /** The first Stable description listing the restarted member: the group settled. */
  settled: AssignmentObservation | undefined;
  stoppedIds: Set<string>;
  restartedIds: Set<string>;
}

/** The last description before the stopped consumer closed, the first listing the restarted one, and those between. */
function restartWindow(evidence: ScenarioEvidence, group: GroupRef, stopped: ConsumerRef, restarted: ConsumerRef, name: string): RestartWindow | Check {
  if (!presentGroup(evidence, group)) return inconclusive(name, `group ${group.group}`);
  for (const c of [stopped, restarted]) if (!consumerOf(evidence, c)) return inconclusive(name, `consumer ${c.consumer}`);
  const stoppedAt = closesOf(evidence, stopped)[0];
  if (stoppedAt === undefined) return inconclusive(name, `record of ${stopped.consumer} closing`);
  const [stoppedIds, restartedIds] = [memberIdsOf(evidence, stopped), memberIdsOf(evidence, restarted)];
  const observations = assignmentObservations(evidence, group);
  const before = observations.filter((o) => o.at < stoppedAt && listsAny(o, stoppedIds)).at(-1);
  if (!before) return inconclusive(name, `description of group ${group.group} listing ${stopped.consumer} before it closed`);
  const from = observations.indexOf(before);
  const to = observations.findIndex((o, i) => i > from && listsAny(o, restartedIds));
  if (to < 0) return inconclusive(name, `description of group ${group.group} listing ${restarted.consumer}`);
  const settled = observations.slice(to).find((o) => o.state === "Stable" && listsAny(o, restartedIds));
  return { stoppedAt, before, during: observations.slice(from + 1, to), after: observations[to]!, settled, stoppedIds, restartedIds };
}

/**
 * A static member that stays away is removed at its session timeout, not when
 * it closes: after `consumer` closed (its last close), the broker still listed
 * it at least `keptAtLeastMs` later, and then described the group Stable
 * without it, the others owning every partition it had.
 */
export function removedAfterSessionTimeout(evidence: ScenarioEvidence, group: GroupRef, consumer: ConsumerRef, keptAtLeastMs: number): Check {
  const name = `${consumer.consumer} stayed a member of group ${group.group} for at least ${keptAtLeastMs} ms after it closed, and was then removed`;
  if (!presentGroup(evidence, group)) return inconclusive(name, `group ${group.group}`);
  if (!consumerOf(evidence, consumer)) return inconclusive(name, `consumer ${consumer.consumer}`);
  const closedAt = closesOf(evidence, consumer).at(-1);
  if (closedAt === undefined) return inconclusive(name, `record of ${consumer.consumer} closing`);
  const ids = memberIdsOf(evidence, consumer);
  const observations = assignmentObservations(evidence, group);
  const last = observations.filter((o) => o.at < closedAt && listsAny(o, ids)).at(-1);
  if (!last) return inconclusive(name, `description of group ${group.group} listing ${consumer.consumer} before it closed`);
  const had = last.members.filter((m) => ids.has(m.memberId)).flatMap((m) => m.owns.map(partitionKey));
  const later = observations.slice(observations.indexOf(last) + 1);
  const listedUntil = later.filter((o) => listsAny(o, ids)).reduce((until, o) => Math.max(until, o.lastAt), Math.max(closedAt, last.lastAt));
  const removed = later.find((o) => o.at > listedUntil && o.state === "Stable" && !listsAny(o, ids) && had.every((k) => owners(o).has(k)));
  if (!removed && later.every((o) => listsAny(o, ids))) return inconclusive(name, `description of group ${group.group} after ${consumer.consumer}'s session could have ended`);
  const kept = listedUntil - closedAt;
  const holds = kept >= keptAtLeastMs && removed !== undefined;
  const gone = removed ? `, and at ${when(removed)} without it: ${listing(removed)}` : ", and never Stable without it, its partitions owned by the others";
  return judged(
    name,
    holds,
    `${holds ? "" : `expected it listed until at least +${closedAt + keptAtLeastMs} ms and then removed; `}the broker listed it until +${listedUntil} ms, ${kept} ms after it closed at +${closedAt} ms${gone}`,
  );
}
