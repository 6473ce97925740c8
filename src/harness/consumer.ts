import type { ConsumerEvidence, ReceivedMessage } from "../evidence/proof-result.js";
import type { ConsumerRef, GroupRef, MemberCommitAttempt } from "../evidence/refs.js";
import type { CellName } from "./cell.js";
import type { ReceivedRangeLog } from "./received-range-log.js";

/**
 * What a scenario asks for: a consumer in a group. Which client and protocol serve it is the
 * run's cell's choice, unless `cell` names one.
 */
export interface ConsumerSpec {
  /** The consumer's name in the story ("A1"); also its client id. */
  name: string;
  /** The group's label in the story ("A"). */
  groupLabel: string;
  groupId: string;
  topics: readonly string[];
  /** Where a group with no committed offset starts: the earliest offset (default) or the latest. */
  fromBeginning?: boolean;
  /** How long the broker waits for a silent member before dropping it (the client's default when unset). */
  sessionTimeoutMs?: number;
  /**
   * How often the member heartbeats, and so how soon it learns of a rebalance (100 ms for
   * proofs when unset; 250 ms on the consumer protocol, where it is the group's setting).
   */
  heartbeatIntervalMs?: number;
  /** False for long runs: each message stays in `received`, but not as a timeline event. */
  recordReceives?: boolean;
  /** Set when the scenario may crash this consumer (see `crash`). */
  crashable?: boolean;
  /**
   * `messages` (the default): a `ReceivedMessage` per delivery. `ranges`: runs
   * of consecutive offsets per partition (`ranges`), for runs of a million
   * messages, where an object each is too much.
   */
  record?: "messages" | "ranges";
  /**
   * Bounds on one fetch, where the client decodes it in this process (kafkajs
   * turns a whole fetch into message objects before handing it over); the Java
   * client fetches in its own JVM and keeps its defaults.
   */
  fetchBytes?: { perPartition: number; total: number };
  /**
   * Set: the client commits on its own, at this interval, the offsets it has handed to the application
   * (Java `enable.auto.commit` with `auto.commit.interval.ms`; kafkajs `autoCommit` with `autoCommitInterval`,
   * which also commits at the end of every batch). Unset: it commits only when the scenario asks.
   */
  autoCommitIntervalMs?: number;
  /**
   * The classic protocol's partition assignor, which the members choose (Kafka's Java client's
   * `partition.assignment.strategy`): `range`, eager, has every member give up all it owns at each
   * rebalance; `cooperative-sticky` (KIP-429) has members give up only what moves. Unset: the
   * client's default (range). On the consumer protocol the broker assigns, and kafkajs has
   * assigners of its own, so neither takes it.
   */
  assignor?: "range" | "cooperative-sticky";
  /**
   * A static member's identity (`group.instance.id`, KIP-345): a member that comes back with it
   * within the session timeout takes its old place, and its partitions, without a rebalance.
   * Kafka's Java client, on both protocols; kafkajs has no static membership (kafkajs issue #884).
   */
  groupInstanceId?: string;
  /**
   * The client and protocol of this consumer whatever the run's cell, for a proof that compares
   * them (see `CellClients`); every member of one group must share one.
   */
  cell?: CellName;
  /**
   * Reads what transactions have written but not committed (`isolation.level=read_uncommitted`; kafkajs
   * `readUncommitted`) instead of stopping at the last stable offset. Unset, every client reads committed
   * (kafkajs' default; the Java client, whose default is read_uncommitted, is told so).
   */
  readUncommitted?: boolean;
  /**
   * Kafka's Java client's `max.poll.interval.ms`: a member that does not poll again within it leaves
   * its group (the client's own heartbeat thread sends the leave). kafkajs has no such setting: it
   * heartbeats from its fetch loop, so a handler that does not return stops its heartbeats, and the
   * broker removes the member after `sessionTimeoutMs`.
   */
  maxPollIntervalMs?: number;
}

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** A group member as scenarios use it, whatever client it is. */
export interface GroupConsumer extends AsyncDisposable {
  readonly spec: ConsumerSpec;
  readonly name: string;
  readonly group: GroupRef;
  readonly ref: ConsumerRef;
  readonly isRunning: boolean;
  /** What it received, a message each; empty when it records ranges. */
  readonly received: readonly ReceivedMessage[];
  /** What it received as runs of offsets, when it records ranges; empty otherwise. */
  readonly ranges: ReceivedRangeLog;
  /** Deliveries in all, whichever way they are recorded. */
  readonly receivedCount: number;
  /** Whether it received `offset` of the partition, whichever way it records. */
  hasReceived(topic: string, partition: number, offset: number): boolean;
  /** The id the coordinator gave this member at its latest assignment. */
  readonly memberId: string;
  /** The partitions it owns since its latest assignment. */
  readonly assignment: readonly { topic: string; partition: number }[];
  /** Joins the group and starts receiving; resolves once the coordinator has given it an assignment. */
  start(): Promise<this>;
  /** Leaves the group cleanly and closes. */
  stop(): Promise<void>;
  /** Dies without a word: no commit, no LeaveGroup; the broker must notice by its session timeout. */
  crash(): Promise<void>;
  /** Stops fetching; the member stays in its group and keeps its partitions. */
  pause(): Promise<void>;
  /**
   * The application stops in the middle of its work: the next record the member is handed, it holds on
   * to until `resume` — kafkajs inside its eachMessage handler, the Java client in its poll loop. The
   * member polls no more meanwhile; what it received is recorded.
   */
  stallOnNextRecord(): Promise<void>;
  /** Waits until the member has stalled on a record (see `stallOnNextRecord`). */
  waitUntilStalled(timeoutMs?: number): Promise<void>;
  /** Lets a stalled member go on. */
  resume(): Promise<void>;
  /**
   * Commits as the member last knew itself to be, whatever the group did meanwhile: kafkajs with the
   * member id and generation it holds; for the Java client, the identity it reported when it stalled,
   * sent straight to the coordinator (the Java client checks its own membership first and may send nothing).
   * Recorded either way: accepted, or refused with the broker's error code.
   */
  commitAsLastKnown(offsets: TopicPartitionOffset[]): Promise<MemberCommitAttempt>;
  /** Commits "next offset to read" per partition; cumulative. */
  commit(offsets: TopicPartitionOffset[]): Promise<void>;
  acknowledgeThrough(topic: string, partition: number, lastOffset: number): Promise<void>;
  commitReceived(): Promise<void>;
  /** Records that the application has finished its work on the records through `lastOffset`; tells the broker nothing. */
  finishedThrough(topic: string, partition: number, lastOffset: number): void;
  waitForMessages(count: number, timeoutMs?: number): Promise<readonly ReceivedMessage[]>;
  waitForOffset(topic: string, partition: number, offset: number, timeoutMs?: number): Promise<void>;
  waitForFetches(count: number, timeoutMs?: number): Promise<void>;
  /** Waits until the member's own client (not only the broker) says it owns the partition. */
  waitUntilOwns(topic: string, partition: number, timeoutMs?: number): Promise<void>;
  evidence(): ConsumerEvidence;
}
