import type {
  AssignmentObservation,
  CommittedOffset,
  ConsumerEvidence,
  GroupEvidence,
  ReceivedMessage,
  ReceivedRange,
  ScenarioEvidence,
  TimelineEvent,
  TopicPartitionRef,
} from "../evidence/proof-result.js";
import { sharedDeliveriesOf } from "./share-queries.js";
import type { CommittedReading, ConsumerRef, CoordinatorReading, GroupRef, ResetAttempt, ServiceRequest, Who } from "../evidence/refs.js";

export { describeWho, type Who } from "../evidence/refs.js";

export function groupOf(evidence: ScenarioEvidence, ref: GroupRef): GroupEvidence | undefined {
  return evidence.groups.find((g) => g.label === ref.group);
}

/**
 * The group, if the scenario made it exist on the broker: a consumer of the
 * scenario was in it, or the broker holds a committed offset for it. A label
 * with neither is no evidence of anything.
 */
export function presentGroup(evidence: ScenarioEvidence, ref: GroupRef): GroupEvidence | undefined {
  const group = groupOf(evidence, ref);
  if (!group) return undefined;
  const used = evidence.consumers.some((c) => c.group === ref.group) || group.committed.some((c) => c.offset !== null);
  return used ? group : undefined;
}

export function consumerOf(evidence: ScenarioEvidence, ref: ConsumerRef): ConsumerEvidence | undefined {
  return evidence.consumers.find((c) => c.name === ref.consumer);
}

/** Whether the evidence has the group or consumer: checks about one it lacks are inconclusive. */
export function isPresent(evidence: ScenarioEvidence, who: Who): boolean {
  return "group" in who ? presentGroup(evidence, who) !== undefined : consumerOf(evidence, who) !== undefined;
}

/** Messages received by the group or consumer, in arrival order per consumer; a share group's member's deliveries too. */
export function receivedBy(evidence: ScenarioEvidence, who: Who): ReceivedMessage[] {
  if ("group" in who) return groupOf(evidence, who)?.received ?? [];
  return [...evidence.groups.flatMap((g) => g.received).filter((m) => m.consumer === who.consumer), ...sharedDeliveriesOf(evidence, who)];
}

/** An "observe" event that read a group's committed offsets: the reading a `CommittedReading` names. */
export interface CommittedObservation extends TimelineEvent {
  reading: number;
  group: string;
  moment: string;
  committed: CommittedOffset[];
  /** Set when the offsets could not be read: no live broker coordinated the group, and this is what was answered instead. */
  unavailable?: string;
}

export function readingOf(evidence: ScenarioEvidence, ref: CommittedReading): CommittedObservation | undefined {
  return evidence.timeline.find((e): e is CommittedObservation => e.event === "observe" && e.reading === ref.reading);
}

/** What the broker said the groups' assignments were while the scenario watched, in order; only `group`'s when given. */
export function assignmentObservations(evidence: ScenarioEvidence, group?: GroupRef): AssignmentObservation[] {
  return evidence.timeline.filter((e): e is AssignmentObservation => e.event === "assignment" && (group === undefined || e.group === group.group));
}

/** An answer to "which node coordinates the group?": a node id, or the broker's error code. */
export type CoordinatorAnswer = { coordinator: number } | { code: string; message: string };

/** An "observe" event that asked a live node which node coordinates a group: the reading a `CoordinatorReading` names. */
export interface CoordinatorObservation extends TimelineEvent {
  coordinatorReading: number;
  group: string;
  moment: string;
  askedNode: number;
  answer: CoordinatorAnswer;
}

export function coordinatorReadingOf(evidence: ScenarioEvidence, ref: CoordinatorReading): CoordinatorObservation | undefined {
  return evidence.timeline.find((e): e is CoordinatorObservation => e.event === "observe" && e.coordinatorReading === ref.coordinatorReading);
}

/** The timeline event that ended a service's request: accepted ("commit", "reset", "observe") or "refused" with the broker's code. */
export function requestOf(evidence: ScenarioEvidence, ref: ServiceRequest): TimelineEvent | undefined {
  return evidence.timeline.find((e) => e.request === ref.request);
}

/** The timeline event that ended a reset attempt: "reset" (accepted) or "refused" (with the broker's error code). */
export function attemptOf(evidence: ScenarioEvidence, ref: ResetAttempt): TimelineEvent | undefined {
  return evidence.timeline.find((e) => (e.event === "reset" || e.event === "refused") && e.attempt === ref.attempt);
}

export function messageKey(m: TopicPartitionRef & { offset: number }): string {
  return `${m.topic}/${m.partition}@${m.offset}`;
}

/** "p0@3, p1@0": a short list for check details, capped so a detail stays one line. */
export function listMessages(messages: readonly (TopicPartitionRef & { offset: number })[], max = 8): string {
  const shown = messages.slice(0, max).map((m) => `p${m.partition}@${m.offset}`);
  return shown.join(", ") + (messages.length > max ? ` and ${messages.length - max} more` : "");
}

export function formatCommitted(committed: readonly CommittedOffset[]): string {
  if (committed.length === 0) return "nothing";
  return committed.map((c) => `p${c.partition}=${c.offset ?? "-"}`).join(", ");
}

/** Log-end offset of a partition, as the broker reported it at the end. */
export function logEndOffset(evidence: ScenarioEvidence, topic: string, partition: number): number | undefined {
  return evidence.topics.find((t) => t.name === topic)?.partitions.find((p) => p.partition === partition)?.logEndOffset;
}

/**
 * Events that change who owns what in a group: a member joining, leaving or
 * crashing, an offset reset of the group, and a broker restart (every group's).
 * Redelivery across one of them is expected; outside them it is not.
 */
const MEMBERSHIP_EVENTS = new Set(["join", "leave", "crash", "reset", "restart"]);

/** When the group's membership changed: ms on the timeline's clock. A share group's members joining and leaving are not its. */
export function membershipMarks(evidence: ScenarioEvidence, label: string): number[] {
  const ours = (e: TimelineEvent) => e.group === label || (e.group === undefined && e.shareGroup === undefined);
  return evidence.timeline.filter((e: TimelineEvent) => MEMBERSHIP_EVENTS.has(e.event) && ours(e)).map((e) => e.at);
}

/** Everything the group received, as ranges: its recorded ranges, and each per-message delivery as a range of one. */
export function rangesOf(group: GroupEvidence): ReceivedRange[] {
  const single = group.received.map((m) => ({
    topic: m.topic,
    partition: m.partition,
    first: m.offset,
    last: m.offset,
    memberId: m.memberId,
    consumer: m.consumer,
    firstAt: m.at,
    lastAt: m.at,
  }));
  return [...(group.receivedRanges ?? []), ...single];
}

/** Whether the group recorded any delivery, per message or as a range. */
export function receivedAnything(group: GroupEvidence): boolean {
  return group.received.length > 0 || (group.receivedRanges?.length ?? 0) > 0;
}
