import type { ConsumerEvidence, ReceivedMessage } from "../evidence/proof-result.js";
import type { ConsumerRef, GroupRef, MemberCommitAttempt } from "../evidence/refs.js";
import type { ConsumerSpec, GroupConsumer, TopicPartitionOffset } from "./consumer.js";
import { ReceivedRangeLog } from "./received-range-log.js";
import type { Timeline } from "./timeline.js";
import { waitFor } from "./wait.js";

/**
 * What every recording consumer does the same way, whatever its client: it
 * records each message (or, recording ranges, each offset), fetch and
 * assignment it is told of, waits on them, and commits only when asked.
 * Subclasses connect a client to `noteMessage` (or `noteOffsets`),
 * `noteFetch` and `noteAssignment`, and commit with `commitOffsets`.
 */
export abstract class RecordingBase implements GroupConsumer {
  readonly received: ReceivedMessage[] = [];
  readonly ranges: ReceivedRangeLog;
  memberId = "";
  assignment: { topic: string; partition: number }[] = [];
  /** Assignments received; a start waits for the first. */
  protected joins = 0;
  /** Fetch requests (or polls) completed; proves the consumer had its chance to receive. */
  fetches = 0;
  protected running = false;
  private firstFetchAt: number | null = null;
  private lastFetchAt: number | null = null;
  /** Set once the member has stalled on a record (see `stallOnNextRecord`), until it resumes. */
  protected stalled = false;
  private memberCommits = 0;
  /** What the client last reported committing on each partition (auto-commit): a report that changes nothing is not recorded. */
  private readonly reportedCommits = new Map<string, number>();

  constructor(
    readonly spec: ConsumerSpec,
    protected readonly timeline: Timeline,
  ) {
    this.ranges = new ReceivedRangeLog(spec.name);
  }

  abstract start(): Promise<this>;
  abstract stop(): Promise<void>;
  abstract crash(): Promise<void>;
  abstract pause(): Promise<void>;
  protected abstract commitOffsets(offsets: TopicPartitionOffset[]): Promise<void>;
  abstract stallOnNextRecord(): Promise<void>;
  abstract resume(): Promise<void>;
  /**
   * Sends the commit as the member last knew itself to be and returns the broker's answer: undefined when it
   * accepted every partition, else its error code. Anything the broker did not answer throws.
   */
  protected abstract commitAsLastKnownIdentity(offsets: TopicPartitionOffset[]): Promise<string | undefined>;

  get isRunning(): boolean {
    return this.running;
  }

  get name(): string {
    return this.spec.name;
  }

  get group(): GroupRef {
    return { group: this.spec.groupLabel };
  }

  get ref(): ConsumerRef {
    return { consumer: this.name };
  }

  /** That it existed, in which group, and how often it fetched: the record that it had its chance to receive. */
  evidence(): ConsumerEvidence {
    const { name, groupLabel: group } = this.spec;
    return { name, group, fetches: this.fetches, firstFetchAt: this.firstFetchAt, lastFetchAt: this.lastFetchAt, received: this.receivedCount };
  }

  get receivedCount(): number {
    return this.received.length + this.ranges.count;
  }

  hasReceived(topic: string, partition: number, offset: number): boolean {
    return this.ranges.has(topic, partition, offset) || this.received.some((m) => m.topic === topic && m.partition === partition && m.offset === offset);
  }

  protected noteFetch(): void {
    this.fetches += 1;
    this.lastFetchAt = this.timeline.now();
    this.firstFetchAt ??= this.lastFetchAt;
  }

  protected noteAssignment(memberId: string, assignment: { topic: string; partition: number }[]): void {
    this.memberId = memberId;
    this.joins += 1;
    this.assignment = assignment;
    const byTopic: Record<string, number[]> = {};
    for (const { topic, partition } of assignment) (byTopic[topic] ??= []).push(partition);
    const owned = Object.entries(byTopic).map(([topic, parts]) => `${topic}[${parts.join(",")}]`);
    this.timeline.record("join", this.name, `${this.name} joined group ${this.spec.groupLabel}, owns ${owned.join(" ") || "nothing"}`, {
      group: this.spec.groupLabel,
      memberId,
      assignment: byTopic,
    });
  }

  /** The client reports giving up partitions (`how`, in the story's words); it owns the rest of its assignment. */
  protected noteRevocation(partitions: readonly { topic: string; partition: number }[], how: string): void {
    const given = new Set(partitions.map((p) => `${p.topic}\u0000${p.partition}`));
    this.assignment = this.assignment.filter((a) => !given.has(`${a.topic}\u0000${a.partition}`));
    const list = partitions.map((p) => `p${p.partition}`).join(",") || "nothing";
    this.timeline.record("revoke", this.name, `${this.name} gave up ${list} (${how}); it still owns ${this.assignment.map((a) => `p${a.partition}`).join(",") || "nothing"}`, {
      group: this.spec.groupLabel,
      partitions: partitions.map(({ topic, partition }) => ({ topic, partition })),
      how,
    });
  }

  /** Offsets received from one partition in arrival order, recorded as ranges, all at this moment. */
  protected noteOffsets(topic: string, partition: number, offsets: readonly number[]): void {
    this.ranges.append(topic, partition, offsets, this.timeline.now(), this.memberId, this.joins);
  }

  protected noteMessage(message: { topic: string; partition: number; offset: number; key: string | null; value: string | null }): void {
    if (this.spec.record === "ranges") return this.noteOffsets(message.topic, message.partition, [message.offset]);
    // Field by field, never by spreading `message`: a record copied from a parsed JSON line that way
    // is a slow object, and the anomaly checks over thousands of them took twenty times as long.
    const { topic, partition, offset, key, value } = message;
    const record: ReceivedMessage = { topic, partition, offset, key, value, memberId: this.memberId, consumer: this.name, at: this.timeline.now() };
    this.received.push(record);
    if (this.spec.recordReceives === false) return;
    this.timeline.record("receive", this.name, `${this.name} received ${message.topic}/${message.partition}@${message.offset}`, {
      group: this.spec.groupLabel,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
    });
  }

  /** Waits for the coordinator's first assignment after `joinsBefore`. */
  protected async waitForJoin(joinsBefore: number): Promise<void> {
    // Generous: a join is normally ~100 ms, but a machine busy with other work can stretch a rebalance.
    await waitFor(`${this.name} to join group ${this.spec.groupId}`, () => (this.joins > joinsBefore ? true : undefined), { timeoutMs: 30_000 });
  }

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
   * Waits until the member's own client says it owns `topic`/`partition`. The broker may list a
   * partition as the member's before the member has learnt so (on the consumer protocol, it learns
   * from its next heartbeat), and its fetches until then are not fetches of that partition.
   */
  async waitUntilOwns(topic: string, partition: number, timeoutMs = 10_000): Promise<void> {
    await waitFor(
      `${this.name} to be told it owns ${topic}/${partition}`,
      (note) => {
        note(`it owns ${this.assignment.map((a) => `${a.topic}/${a.partition}`).join(", ") || "nothing"}`);
        return this.assignment.some((a) => a.topic === topic && a.partition === partition) ? true : undefined;
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
  async commit(offsets: TopicPartitionOffset[]): Promise<void> {
    await this.commitOffsets(offsets);
    // With auto-commit on, the client reports every commit it makes, this one too (`noteClientCommit`).
    if (this.spec.autoCommitIntervalMs !== undefined) return;
    for (const { topic, partition, offset } of offsets) {
      this.timeline.record("commit", this.name, `${this.name} committed ${topic}/${partition} at ${offset} (acknowledges offsets < ${offset})`, {
        group: this.spec.groupLabel,
        topic,
        partition,
        offset,
      });
    }
  }

  /** The member has stalled on `record`: it received it, and its application holds on to it. */
  protected noteStalled(record: { topic: string; partition: number; offset: number }, identity?: string): void {
    this.stalled = true;
    const as = identity === undefined ? "" : `; it last knew itself as ${identity}`;
    this.timeline.record("stall", this.name, `${this.name} stalled on ${record.topic}/${record.partition}@${record.offset}: it polls no more until it resumes${as}`, {
      group: this.spec.groupLabel,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
    });
  }

  protected noteResumed(): void {
    if (!this.stalled) return;
    this.stalled = false;
    this.timeline.record("resume", this.name, `${this.name} resumed`, { group: this.spec.groupLabel });
  }

  async waitUntilStalled(timeoutMs = 10_000): Promise<void> {
    await waitFor(`${this.name} to stall on a record`, () => (this.stalled ? true : undefined), { timeoutMs });
  }

  async commitAsLastKnown(offsets: TopicPartitionOffset[]): Promise<MemberCommitAttempt> {
    const ref: MemberCommitAttempt = { memberCommit: ++this.memberCommits, consumer: this.name };
    const code = await this.commitAsLastKnownIdentity(offsets);
    const list = offsets.map((o) => `${o.topic}/${o.partition} at ${o.offset}`).join(", ");
    const tags = { ...ref, group: this.spec.groupLabel, offsets: offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset })) };
    const refusal =
      code === undefined
        ? undefined
        : { summary: `the broker refused ${this.name}'s commit of ${list}, sent as the member it last knew itself to be: ${code}`, details: { ...tags, code } };
    this.timeline.answered(this.name, refusal, () => {
      for (const { topic, partition, offset } of offsets) {
        const summary = `${this.name} committed ${topic}/${partition} at ${offset}, as the member it last knew itself to be (acknowledges offsets < ${offset})`;
        this.timeline.record("commit", this.name, summary, { ...tags, topic, partition, offset });
      }
    });
    return ref;
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
    const next = new Map<string, TopicPartitionOffset>();
    const owned = (topic: string, partition: number) => this.assignment.some((a) => a.topic === topic && a.partition === partition);
    // Ranges: only what it received since its latest assignment — an older position on a partition it got back may be behind the group's commit.
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

  /**
   * A commit the client reports the broker accepted, with auto-commit on: its own, made when it chose, or one
   * the scenario asked for. The Java client commits every position at each interval, moved or not; only a
   * change is recorded.
   */
  protected noteClientCommit(offsets: readonly TopicPartitionOffset[]): void {
    for (const { topic, partition, offset } of offsets) {
      const key = `${topic}\u0000${partition}`;
      if (this.reportedCommits.get(key) === offset) continue;
      this.reportedCommits.set(key, offset);
      this.timeline.record(
        "commit",
        this.name,
        `${this.name}'s client committed ${topic}/${partition} at ${offset} (auto-commit on; acknowledges ${offset > 0 ? `offsets < ${offset}` : "nothing yet"})`,
        {
          group: this.spec.groupLabel,
          topic,
          partition,
          offset,
          auto: true,
        },
      );
    }
  }

  /**
   * The application's own progress, which no client reports: what it has finished, as opposed to what it was
   * handed. Recorded for the checks to hold the broker's commit against; nothing is sent to the broker.
   */
  finishedThrough(topic: string, partition: number, lastOffset: number): void {
    this.timeline.record("finish", this.name, `${this.name}'s application finished its work on ${topic}/${partition} through offset ${lastOffset}`, {
      group: this.spec.groupLabel,
      topic,
      partition,
      lastOffset,
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
