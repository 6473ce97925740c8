import type { Consumer, ConsumerConfig, Kafka } from "kafkajs";
import type { ConsumerEvidence, ReceivedMessage } from "../evidence/proof-result.js";
import type { ConsumerRef, GroupRef } from "../evidence/refs.js";
import { CONSUMER_SETTINGS } from "./client-settings.js";
import { ReceivedRangeLog } from "./received-range-log.js";
import type { SeverableConnections } from "./severable-connections.js";
import type { Timeline } from "./timeline.js";
import { waitFor } from "./wait.js";

export interface RecordingConsumerOptions {
  /** The consumer's name in the story ("A1"); also its client id. */
  name: string;
  /** The group's label in the story ("A"). */
  groupLabel: string;
  groupId: string;
  topics: readonly string[];
  /** Where a group with no committed offset starts. */
  fromBeginning?: boolean;
  config?: Partial<ConsumerConfig>;
  /** False for long runs: each message stays in `received`, but not as a timeline event. */
  recordReceives?: boolean;
  /** Set when the scenario may crash this consumer (see `crash`). */
  connections?: SeverableConnections;
  /**
   * `messages` (the default): a `ReceivedMessage` per delivery, read one by one.
   * `ranges`: runs of consecutive offsets (`ranges`), read a batch at a time —
   * for runs of a million messages, where an object each is too much.
   */
  record?: "messages" | "ranges";
}


/**
 * A group member that records every message it receives, with the member id
 * the broker gave it. It never commits on its own: acknowledgement is always
 * an explicit act of the scenario, so the evidence shows exactly what was committed.
 */
export class RecordingConsumer implements AsyncDisposable {
  readonly received: ReceivedMessage[] = [];
  /** What it received, as ranges, when it records ranges; empty otherwise. */
  readonly ranges: ReceivedRangeLog;
  /** The id the coordinator gave this member at its latest join. */
  memberId = "";
  joins = 0;
  /** The partitions the coordinator assigned at the latest join. */
  assignment: { topic: string; partition: number }[] = [];
  /** Fetch requests completed; proves the consumer had its chance to receive. */
  fetches = 0;
  private firstFetchAt: number | null = null;
  private lastFetchAt: number | null = null;
  private readonly consumer: Consumer;
  private running = false;

  constructor(
    kafka: Kafka,
    readonly options: RecordingConsumerOptions,
    private readonly timeline: Timeline,
  ) {
    this.ranges = new ReceivedRangeLog(options.name);
    this.consumer = kafka.consumer({ groupId: options.groupId, ...CONSUMER_SETTINGS, ...options.config });
    this.consumer.on(this.consumer.events.FETCH, () => {
      this.fetches += 1;
      this.lastFetchAt = this.timeline.now();
      this.firstFetchAt ??= this.lastFetchAt;
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.memberId = payload.memberId;
      this.joins += 1;
      this.assignment = Object.entries(payload.memberAssignment).flatMap(([topic, parts]) => parts.map((partition) => ({ topic, partition })));
      const owned = Object.entries(payload.memberAssignment).map(([topic, parts]) => `${topic}[${parts.join(",")}]`);
      this.timeline.record("join", options.name, `${options.name} joined group ${options.groupLabel}, owns ${owned.join(" ") || "nothing"}`, {
        group: options.groupLabel,
        memberId: payload.memberId,
        assignment: payload.memberAssignment,
      });
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  get name(): string {
    return this.options.name;
  }

  /** The group it is in. */
  get group(): GroupRef {
    return { group: this.options.groupLabel };
  }

  /** The handle checks are given for this consumer. */
  get ref(): ConsumerRef {
    return { consumer: this.name };
  }

  /** That it existed, in which group, and how often it fetched: the record that it had its chance to receive. */
  evidence(): ConsumerEvidence {
    const { name, groupLabel: group } = this.options;
    return { name, group, fetches: this.fetches, firstFetchAt: this.firstFetchAt, lastFetchAt: this.lastFetchAt, received: this.receivedCount };
  }

  /** Deliveries in all, whichever way they are recorded. */
  get receivedCount(): number {
    return this.received.length + this.ranges.count;
  }

  /** Whether it received `offset` of the partition, whichever way it records. */
  hasReceived(topic: string, partition: number, offset: number): boolean {
    return this.ranges.has(topic, partition, offset) || this.received.some((m) => m.topic === topic && m.partition === partition && m.offset === offset);
  }

  /** Joins the group and starts receiving; resolves once the coordinator has admitted it. */
  async start(): Promise<this> {
    const joinsBefore = this.joins;
    await this.consumer.connect();
    this.running = true;
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    if (this.options.record === "ranges") await this.runRecordingRanges();
    else await this.runRecordingMessages();
    // Generous: a join is normally ~100 ms, but a machine busy with other work can stretch a rebalance.
    await waitFor(`${this.name} to join group ${this.options.groupId}`, () => (this.joins > joinsBefore ? true : undefined), {
      timeoutMs: 30_000,
    });
    return this;
  }

  /** A batch at a time: its offsets extend the partition's open range, all timed at the batch's arrival. */
  private runRecordingRanges(): Promise<void> {
    return this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const offsets = new Array<number>(batch.messages.length);
        for (let i = 0; i < offsets.length; i++) offsets[i] = Number(batch.messages[i]!.offset);
        this.ranges.append(batch.topic, batch.partition, offsets, this.timeline.now(), this.memberId, this.joins);
      },
    });
  }

  private runRecordingMessages(): Promise<void> {
    return this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const record: ReceivedMessage = {
          topic,
          partition,
          offset: Number(message.offset),
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          memberId: this.memberId,
          consumer: this.name,
          at: this.timeline.now(),
        };
        this.received.push(record);
        if (this.options.recordReceives === false) return;
        this.timeline.record("receive", this.name, `${this.name} received ${topic}/${partition}@${record.offset}`, {
          group: this.options.groupLabel,
          topic,
          partition,
          offset: record.offset,
        });
      },
    });
  }

  /** Waits until this consumer has received at least `count` messages in all. */
  waitForMessages(count: number, timeoutMs = 10_000): Promise<ReceivedMessage[]> {
    return waitFor(
      `${this.name} to receive ${count} messages`,
      (note) => {
        note(`${this.receivedCount} received`);
        return this.receivedCount >= count ? this.received : undefined;
      },
      { timeoutMs },
    );
  }

  /** Waits until this consumer has received the message at `offset` of the partition. */
  async waitForOffset(topic: string, partition: number, offset: number, timeoutMs = 10_000): Promise<void> {
    await waitFor(
      `${this.name} to receive ${topic}/${partition}@${offset}`,
      (note) => {
        note(`${this.receivedCount} received`);
        return this.hasReceived(topic, partition, offset) ? true : undefined;
      },
      { timeoutMs },
    );
  }

  /**
   * Waits for `count` more completed fetches: a consumer that received nothing
   * across them had the chance to, and got nothing from the broker.
   */
  async waitForFetches(count: number, timeoutMs = 10_000): Promise<void> {
    const target = this.fetches + count;
    await waitFor(`${this.name} to complete ${count} fetches`, () => (this.fetches >= target ? true : undefined), { timeoutMs });
  }

  /**
   * Commits "next offset to read" for each partition: committing 5 acknowledges
   * every offset below 5 on that partition at once (Kafka's acknowledgement is cumulative).
   */
  async commit(offsets: { topic: string; partition: number; offset: number }[]): Promise<void> {
    await this.consumer.commitOffsets(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: String(offset) })));
    for (const { topic, partition, offset } of offsets) {
      this.timeline.record("commit", this.name, `${this.name} committed ${topic}/${partition} at ${offset} (acknowledges offsets < ${offset})`, {
        group: this.options.groupLabel,
        topic,
        partition,
        offset,
      });
    }
  }

  /** Acknowledges everything up to and including `lastOffset`: commits `lastOffset + 1`. */
  acknowledgeThrough(topic: string, partition: number, lastOffset: number): Promise<void> {
    return this.commit([{ topic, partition, offset: lastOffset + 1 }]);
  }

  /**
   * Acknowledges everything this consumer has received on the partitions it owns
   * now; a partition that moved to another member is that member's to commit.
   */
  async commitReceived(): Promise<void> {
    const next = new Map<string, { topic: string; partition: number; offset: number }>();
    const owned = (topic: string, partition: number) => this.assignment.some((a) => a.topic === topic && a.partition === partition);
    // Ranges: only what it received since its latest join — an older position on a partition it got back may be behind the group's commit.
    for (const { topic, partition } of this.assignment) {
      const last = this.ranges.lastSince(topic, partition, this.joins);
      if (last !== undefined) next.set(`${topic}\u0000${partition}`, { topic, partition, offset: last + 1 });
    }
    for (const { topic, partition, offset } of this.received) {
      if (!owned(topic, partition)) continue;
      const key = `${topic}\u0000${partition}`;
      if ((next.get(key)?.offset ?? -1) < offset + 1) next.set(key, { topic, partition, offset: offset + 1 });
    }
    if (next.size > 0) await this.commit([...next.values()]);
  }

  /** Stops fetching (the member stays in its group and keeps its partitions). */
  pause(): void {
    this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
  }

  /**
   * Dies without a word: every connection is cut, so the consumer neither
   * commits nor leaves the group; the broker must notice by its session timeout.
   */
  async crash(): Promise<void> {
    if (!this.options.connections) throw new Error(`${this.name} was not created crashable`);
    this.options.connections.sever();
    this.timeline.record("crash", this.name, `${this.name} crashed: its connections dropped without leaving group ${this.options.groupLabel}`, {
      group: this.options.groupLabel,
    });
    this.running = false;
    // Stopping the dead client's own loops; with its connections refused it cannot reach the broker.
    await this.consumer.disconnect().catch(() => undefined);
  }

  /** Leaves the group cleanly (a LeaveGroup request) and closes the connection. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.consumer.disconnect();
    this.timeline.record("leave", this.name, `${this.name} left group ${this.options.groupLabel}`, { group: this.options.groupLabel });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
