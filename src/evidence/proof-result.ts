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
  /** The member's address as the coordinator saw it (`/127.0.0.1`), the tool's HOST; absent from results recorded before it was kept. */
  host?: string;
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
  /**
   * Set when the group could not be asked about at the end: the broker's answer
   * instead (COORDINATOR_NOT_AVAILABLE: no live broker coordinates it). `state`,
   * `members` and `committed` then hold nothing the broker said.
   */
  unavailable?: string;
}

/** A node of a scenario's own cluster. */
export interface BrokerNodeEvidence {
  nodeId: number;
  /** `host:port` of its client listener. */
  address: string;
  /** When the scenario killed it (ms on the timeline's clock); null when it ran to the end. */
  killedAt: number | null;
}

/**
 * A share group (KIP-932): its members share the records of every partition, each record
 * delivered to one member at a time and acknowledged on its own. Kept apart from `groups`:
 * a share group has no committed offset, and a redelivery there is the protocol, not an anomaly.
 */
export interface ShareGroupEvidence {
  /** The group's role in the story: "A", "S1"... */
  label: string;
  groupId: string;
  /** The group's state as the broker described it when the evidence was read (Stable, Empty...). */
  state: string;
  /** When the broker was asked: milliseconds on the timeline's clock. */
  describedAt: number;
  /** The group configs the scenario set before any member joined (`share.auto.offset.reset`...). */
  configs: Record<string, string>;
  members: MemberEvidence[];
  /** The share-group state of each partition, as the broker reported it when the evidence was read. */
  partitions: SharePartitionState[];
  /** Every delivery to the group's members, in arrival order per member. */
  deliveries: ShareDelivery[];
}

/** What the broker holds for one partition of a share group (Admin listShareGroupOffsets). */
export interface SharePartitionState extends TopicPartitionRef {
  /** The share-partition start offset as last written to the share-group state: every record below it is acknowledged or archived; null where the broker holds none. */
  startOffset: number | null;
  /** Records at or above the start offset that are neither acknowledged nor archived; null where the broker gives none. */
  lag: number | null;
}

/** How a share consumer settles a record: done with it (accept), give it back for another delivery (release), or never again (reject). */
export type AcknowledgeType = "accept" | "release" | "reject";

/** One delivery of a record to a member of a share group. */
export interface ShareDelivery extends ReceivedMessage {
  /** The delivery's number as the broker counts them for the group (ConsumerRecord.deliveryCount()): 1 the first time. */
  deliveryCount: number;
  /** How the consumer acknowledged this delivery, when, and the broker's answer (null: taken); absent while it held it unacknowledged. */
  acknowledgement?: { type: AcknowledgeType; at: number; error: string | null };
}

export type TimelineEventKind =
  | "produce"
  | "receive"
  | "acknowledge"
  | "commit"
  | "join"
  | "leave"
  | "reset"
  | "refused"
  | "restart"
  | "crash"
  | "observe"
  | "assignment"
  | "revoke"
  | "acl"
  | "stall"
  | "resume"
  | "finish";

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

/** One group's assignment as the broker described it at one moment. */
export interface GroupAssignment {
  /** The group's label in the story. */
  group: string;
  /** The group's state as the broker described it (Stable, PreparingRebalance, Reconciling...). */
  state: string;
  /** The group's type as the broker reports it: `classic`, or `consumer` for the consumer protocol of KIP-848. */
  protocol: string;
  /** The assignor the broker names: the client-side one the members chose (classic), or the broker's own (consumer). */
  assignor?: string;
  /** The consumer protocol's group epoch and the epoch of its target assignment; absent for classic groups. */
  groupEpoch?: number;
  assignmentEpoch?: number;
  members: ObservedMember[];
}

/**
 * What the broker said one group's assignment was, sampled while the scenario
 * watched (`ScenarioGroups.watchAssignments`): an `assignment` event. Consecutive
 * samples that said the same are one observation, from `at` to `lastAt`.
 */
export interface AssignmentObservation extends TimelineEvent, GroupAssignment {
  event: "assignment";
  actor: "broker";
  /** The last sample that said the same, and how many did (at least 1). */
  lastAt: number;
  samples: number;
}

/** One member in an `AssignmentObservation`. */
export interface ObservedMember {
  /** Its client id: the consumer's name in the story. */
  consumer: string;
  memberId: string;
  /** The partitions it owns, as the broker holds it (classic: what its last generation gave it, until it rejoins a rebalancing group). */
  owns: TopicPartitionRef[];
  /** The consumer protocol's member epoch, and the partitions the broker's assignor means it to own. */
  memberEpoch?: number;
  target?: TopicPartitionRef[];
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
  /** "share" for a member of a share group (`shareGroups`); absent for a consumer group's. */
  kind?: "share";
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
  /** The share groups of the run; absent when it had none. */
  shareGroups?: ShareGroupEvidence[];
  consumers: ConsumerEvidence[];
  timeline: TimelineEvent[];
  /**
   * Who played this run's consumers, when the proof chose them itself (a consumer's own `cell`)
   * rather than leaving it to the run's cell (`client`); absent when the cell's client played them all.
   */
  clients?: ClientInfo[];
  /** The nodes of the scenario's own cluster; absent on a broker the scenario did not start. */
  brokers?: BrokerNodeEvidence[];
  /** Set when the scenario itself broke off (a timeout, a client error). */
  error?: string;
}

/** A client of Kafka and the group protocol it spoke. */
export interface ClientInfo {
  name: string;
  version: string;
  protocol?: "classic" | "consumer";
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
  /** Who played the consumers (the run's cell): kafkajs or Kafka's Java client (kafka-clients), and the group protocol it spoke. */
  client: ClientInfo;
  node: string;
  startedAt: string;
  durationMs: number;
  /** Why the verdict is not "pass", one plain sentence each; empty for a pass. */
  reasons: string[];
  control: ControlResult;
}
