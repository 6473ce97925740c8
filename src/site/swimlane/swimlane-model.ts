import type { ScenarioEvidence, TimelineEvent, TopicPartitionRef } from "../../evidence/proof-result.js";
import { byPartitionThenOffset } from "../render/partition-order.js";
import { joinAssignment, membershipEvents, ownershipChanges, partitionKey } from "./ownership-changes.js";

/** A stretch of time during which one member owned the partition; `dead`: it had crashed and the broker had not yet noticed. */
export interface Segment {
  member: string;
  from: number;
  to: number;
  dead: boolean;
}

/** A commit on the lane's partition: the group's next offset to read became `offset`. */
export interface CommitMark {
  at: number;
  member: string;
  offset: number;
}

export interface Lane extends TopicPartitionRef {
  segments: Segment[];
  commits: CommitMark[];
}

/** A member entering or leaving the group: its first assignment, a clean leave, a crash. */
export interface MemberMark {
  at: number;
  member: string;
  kind: "join" | "leave" | "crash";
}

/** One group's partitions over the run: a lane each, coloured by owner. */
export interface Swimlane {
  group: string;
  /** The run's end: ms on the timeline's clock; ownership nobody gave up lasts until then. */
  end: number;
  lanes: Lane[];
  /** The group's members in the run's order; `owned`: whether it ever owned a partition. */
  members: { name: string; owned: boolean }[];
  marks: MemberMark[];
}

export interface SwimlaneInput {
  group: string;
  /** The lanes, in order. */
  partitions: readonly TopicPartitionRef[];
  /** The group's members in the order to list them; members that appear only in the timeline are added after them. */
  members: readonly string[];
  end: number;
}

/** Timeline events → lanes of ownership segments, with commits and membership changes marked. */
export function swimlane(timeline: readonly TimelineEvent[], input: SwimlaneInput): Swimlane {
  const lanes = new Map(input.partitions.map((p) => [partitionKey(p), { topic: p.topic, partition: p.partition, segments: [] as Segment[], commits: [] as CommitMark[] }]));
  const open = new Map<string, Segment>();
  const close = (key: string, at: number) => {
    const segment = open.get(key);
    open.delete(key);
    // An owner for no time at all (handed a partition and relieved of it in the same millisecond) draws nothing.
    if (segment && at > segment.from) lanes.get(key)?.segments.push({ ...segment, to: at });
  };
  for (const change of ownershipChanges(timeline, input.group)) {
    const key = partitionKey(change);
    close(key, change.at);
    if (change.owner !== null) open.set(key, { member: change.owner, from: change.at, to: change.at, dead: change.dead });
  }
  for (const key of [...open.keys()]) close(key, Math.max(input.end, open.get(key)!.from));

  for (const e of timeline) {
    if (e.event !== "commit" || e.group !== input.group || typeof e.topic !== "string" || typeof e.partition !== "number" || typeof e.offset !== "number") continue;
    lanes.get(partitionKey({ topic: e.topic, partition: e.partition }))?.commits.push({ at: e.at, member: e.actor, offset: e.offset });
  }

  const marks = memberMarks(timeline, input.group);
  const names = [...new Set([...input.members, ...marks.map((m) => m.member)])];
  const owners = new Set([...lanes.values()].flatMap((lane) => lane.segments.map((s) => s.member)));
  return {
    group: input.group,
    end: input.end,
    lanes: [...lanes.values()],
    members: names.map((name) => ({ name, owned: owners.has(name) })),
    marks,
  };
}

/** Each member's arrival (its first assignment, or its first after it left or crashed), leave and crash. */
function memberMarks(timeline: readonly TimelineEvent[], group: string): MemberMark[] {
  const inGroup = new Set<string>();
  const marks: MemberMark[] = [];
  for (const e of membershipEvents(timeline, group)) {
    if (e.event === "join") {
      if (!inGroup.has(e.actor)) marks.push({ at: e.at, member: e.actor, kind: "join" });
      inGroup.add(e.actor);
    } else {
      inGroup.delete(e.actor);
      marks.push({ at: e.at, member: e.actor, kind: e.event as "leave" | "crash" });
    }
  }
  return marks;
}

/** Whether the run had a group with more than one member, the runs whose ownership is worth drawing. */
export function hasSeveralMembers(evidence: ScenarioEvidence): boolean {
  const perGroup = new Map<string, number>();
  for (const c of evidence.consumers) perGroup.set(c.group, (perGroup.get(c.group) ?? 0) + 1);
  return [...perGroup.values()].some((count) => count > 1);
}

/** A swimlane for every group of the run that had a member. */
export function runSwimlanes(evidence: ScenarioEvidence): Swimlane[] {
  const end = runEnd(evidence);
  return evidence.groups
    .map((group) => ({ group: group.label, members: evidence.consumers.filter((c) => c.group === group.label).map((c) => c.name) }))
    .filter(({ group, members }) => members.length > 0 || membershipEvents(evidence.timeline, group).length > 0)
    .map(({ group, members }) => swimlane(evidence.timeline, { group, members, end, partitions: lanePartitions(evidence, group) }));
}

/** When the run's record ends: its last event, the last fetch, or the broker's final description of a group. */
export function runEnd(evidence: ScenarioEvidence): number {
  return Math.max(
    0,
    ...evidence.timeline.map((e) => e.at),
    ...evidence.groups.map((g) => g.describedAt),
    ...evidence.consumers.flatMap((c) => (c.lastFetchAt === null ? [] : [c.lastFetchAt])),
  );
}

/** Every partition of the topics the group was assigned from (every topic of the run if it never was), in the CLI's order. */
function lanePartitions(evidence: ScenarioEvidence, group: string): TopicPartitionRef[] {
  const joins = membershipEvents(evidence.timeline, group).filter((e) => e.event === "join");
  const assignedTopics = new Set(joins.flatMap((e) => joinAssignment(e).map((p) => p.topic)));
  const topics = evidence.topics.filter((t) => assignedTopics.size === 0 || assignedTopics.has(t.name));
  const all = new Map<string, TopicPartitionRef>();
  for (const t of topics) for (const p of t.partitions) all.set(partitionKey({ topic: t.name, partition: p.partition }), { topic: t.name, partition: p.partition });
  // A partition assigned but missing from the run's topics (it cannot be, but then the lane says so rather than vanishing).
  for (const e of joins) for (const p of joinAssignment(e)) all.set(partitionKey(p), p);
  return [...all.values()].sort(byPartitionThenOffset);
}
