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

/**
 * A run of consecutive offsets one consumer received from one partition, while
 * it kept one member id and one join: the compact record of a large run, in
 * place of a `ReceivedMessage` each. A gap, a repeat or a new join starts a new range.
 */
export interface ReceivedRange extends TopicPartitionRef {
  /** The first and last offset of the run, both received. */
  first: number;
  last: number;
  memberId: string;
  /** The consumer's name in the scenario. */
  consumer: string;
  /** When the first and the last offset of the run arrived: ms on the timeline's clock. */
  firstAt: number;
  lastAt: number;
}

/** Offsets `first`–`last` of a partition, acknowledged by the broker to the producer: the compact record of a large run's produce. */
export interface ProducedRange extends TopicPartitionRef {
  first: number;
  last: number;
}

export interface GroupEvidence {
  /** The group's role in the story: "A", "B"... */
  label: string;
  groupId: string;
  /** The group's state as the broker described it when the evidence was read (Stable, Empty...). */
  state: string;
  /** When the broker was asked for `state` and `members`: milliseconds on the timeline's clock. */
  describedAt: number;
  committed: CommittedOffset[];
  members: MemberEvidence[];
  received: ReceivedMessage[];
  /** What consumers recording ranges (`record: "ranges"`) received; absent when none of the group's did. */
  receivedRanges?: ReceivedRange[];
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

/**
 * A check's outcome. `inconclusive`: the evidence lacks what the check is about
 * (a group, consumer or observation the scenario never created), so it can
 * neither hold nor fail: it is never counted as a pass, nor as a control's break.
 */
export type Outcome = "pass" | "fail" | "inconclusive";

export interface Check {
  name: string;
  outcome: Outcome;
  /** What was expected and what the evidence shows. */
  detail: string;
}

/** A consumer the scenario started, and the evidence that it had its chance to receive. */
export interface ConsumerEvidence {
  /** Its name in the story ("A1", "B restarted"); unique in a scenario. */
  name: string;
  /** The label of the group it was in. */
  group: string;
  /** Fetch requests it completed, and over how long (first to last, ms on the timeline's clock). */
  fetches: number;
  firstFetchAt: number | null;
  lastFetchAt: number | null;
  received: number;
}

/** The second witness: Kafka's own consumer-groups tool, asked about the same groups at the same moment. */
export interface SecondWitness {
  /** `not-run`: the tool could not be asked here; that is said, never counted as agreement. */
  state: "agreed" | "disagreed" | "not-run";
  detail: string;
}

/** What one run of a scenario left as evidence. */
export interface ScenarioEvidence {
  topics: TopicEvidence[];
  produced: ProducedMessage[];
  /** What was produced in bulk, as offset ranges from the broker's acknowledgements; absent when nothing was. */
  producedRanges?: ProducedRange[];
  groups: GroupEvidence[];
  consumers: ConsumerEvidence[];
  timeline: TimelineEvent[];
  /** Set when the scenario itself broke off (a timeout, a client error). */
  error?: string;
}

/** One scenario's run as judged: its evidence, its checks, and what the second witness said. */
export interface JudgedRun extends ScenarioEvidence {
  checks: Check[];
  secondWitness: SecondWitness;
}

export interface ControlResult extends JudgedRun {
  /** The claim's precondition, inverted: what this run does differently. */
  precondition: string;
  /** The names of the checks the control must break: at least one must fail on it with its evidence present. */
  mustBreak: string[];
  /** Those of `mustBreak` that failed on the control, with evidence present. */
  broke: string[];
}

export interface ProofResult extends JudgedRun {
  id: string;
  title: string;
  claim: string;
  /** "skipped" when the proof cannot run against this kind of broker; `skipReason` says why. */
  verdict: "pass" | "fail" | "skipped";
  skipReason?: string;
  kafka: { version: string; mode: string };
  /** Who played the consumers: kafkajs or Kafka's Java client (kafka-clients), and the group protocol it spoke. */
  client: { name: string; version: string; protocol?: "classic" | "consumer" };
  node: string;
  startedAt: string;
  durationMs: number;
  /** Why the verdict is not "pass", one plain sentence each; empty for a pass. */
  reasons: string[];
  control: ControlResult;
}
