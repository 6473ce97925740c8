/**
 * The evidence a proof records: `results/<id>.json`. Everything in it was
 * either said by the broker (offsets, members, assignments) or seen by a
 * client (what was produced and received, when), never computed to look right.
 */

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

export interface PartitionEnd {
  partition: number;
  /** The broker's log-end offset (high watermark): the offset the next message will get. */
  logEndOffset: number;
}

export interface TopicEvidence {
  name: string;
  partitions: PartitionEnd[];
}

export interface CommittedOffset extends TopicPartitionRef {
  /** The group's next offset to read, as the broker holds it; null when it holds none. */
  offset: number | null;
}

export interface MemberEvidence {
  memberId: string;
  clientId: string;
  assignment: TopicPartitionRef[];
}

export interface ReceivedMessage extends TopicPartitionRef {
  offset: number;
  key: string | null;
  value: string | null;
  memberId: string;
  /** The consumer's name in the scenario ("A1", "B"...). */
  consumer: string;
  /** Milliseconds since the scenario started, on the same clock as the timeline. */
  at: number;
}

export interface ProducedMessage extends TopicPartitionRef {
  offset: number;
  key: string | null;
  value: string | null;
}

export interface GroupEvidence {
  /** The group's role in the story: "A", "B"... */
  label: string;
  groupId: string;
  /** The group's state as the broker last described it (Stable, Empty...). */
  state: string;
  committed: CommittedOffset[];
  members: MemberEvidence[];
  received: ReceivedMessage[];
}

export type TimelineEventKind =
  | "produce"
  | "receive"
  | "commit"
  | "join"
  | "leave"
  | "reset"
  | "refused"
  | "restart"
  | "crash"
  | "observe";

export interface TimelineEvent {
  /** Milliseconds since the scenario started. */
  at: number;
  event: TimelineEventKind;
  /** Who did it: a consumer or group label, or "producer"/"admin". */
  actor: string;
  /** One line a reader understands without the rest. */
  summary: string;
  [detail: string]: unknown;
}

export interface Check {
  name: string;
  ok: boolean;
  /** What was expected and what the evidence shows. */
  detail: string;
}

/** What one run of a scenario left as evidence. */
export interface ScenarioEvidence {
  topics: TopicEvidence[];
  produced: ProducedMessage[];
  groups: GroupEvidence[];
  timeline: TimelineEvent[];
  /** Set when the scenario itself broke off (a timeout, a client error). */
  error?: string;
}

export interface ControlResult extends ScenarioEvidence {
  /** The claim's precondition, inverted: what this run does differently. */
  precondition: string;
  checks: Check[];
  /** True when at least one of the claim's checks fails on the control, as it must. */
  differs: boolean;
}

export interface ProofResult extends ScenarioEvidence {
  id: string;
  title: string;
  claim: string;
  /** "skipped" when the proof cannot run against this kind of broker; `skipReason` says why. */
  verdict: "pass" | "fail" | "skipped";
  skipReason?: string;
  kafka: { version: string; mode: string };
  client: { name: string; version: string };
  node: string;
  startedAt: string;
  durationMs: number;
  checks: Check[];
  control: ControlResult;
}
