import type { Consumer, Kafka } from "kafkajs";
import { brokerErrorCode } from "./broker-errors.js";
import { CONSUMER_SETTINGS } from "./client-settings.js";
import type { ConsumerSpec, TopicPartitionOffset } from "./consumer.js";
import { RecordingBase } from "./recording-base.js";
import type { SeverableConnections } from "./severable-connections.js";
import type { Timeline } from "./timeline.js";

export interface RecordingConsumerOptions extends ConsumerSpec {
  /** Set when the scenario may crash this consumer (see `crash`). */
  connections?: SeverableConnections;
}

/**
 * A kafkajs group member (the classic protocol) that records every message it
 * receives, with the member id the broker gave it. It never commits on its own
 * unless its spec sets `autoCommitIntervalMs`: acknowledgement is otherwise an
 * explicit act of the scenario, so the evidence shows exactly what was committed.
 */
export class RecordingConsumer extends RecordingBase {
  private readonly consumer: Consumer;
  private stallArmed = false;
  /** Lets the handler that holds a record go on; set while it holds one. */
  private release: (() => void) | undefined;

  constructor(
    kafka: Kafka,
    readonly options: RecordingConsumerOptions,
    timeline: Timeline,
  ) {
    super(options, timeline);
    const sessionTimeout = options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs };
    const heartbeat = options.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: options.heartbeatIntervalMs };
    const fetch = options.fetchBytes === undefined ? {} : { maxBytesPerPartition: options.fetchBytes.perPartition, maxBytes: options.fetchBytes.total };
    // kafkajs restarts a crashed consumer after a pause, even when it was stopped while the crash was being handled
    // (seen when its coordinator's broker is killed): the stopped member would rejoin the group. Once stopped, it stays stopped.
    const retry = { ...CONSUMER_SETTINGS.retry, restartOnFailure: async () => this.running };
    const isolation = options.readUncommitted ? { readUncommitted: true } : {};
    this.consumer = kafka.consumer({ groupId: options.groupId, ...CONSUMER_SETTINGS, retry, ...sessionTimeout, ...heartbeat, ...fetch, ...isolation });
    this.consumer.on(this.consumer.events.FETCH, () => this.noteFetch());
    // Emitted once the broker has accepted a commit (offsetManager.commitOffsets); with auto-commit on, the client makes most of them.
    // Its partitions and offsets are strings, whatever the types say: the offset manager keys its offsets by partition.
    if (options.autoCommitIntervalMs !== undefined) {
      this.consumer.on(this.consumer.events.COMMIT_OFFSETS, ({ payload }) =>
        this.noteClientCommit(
          payload.topics.flatMap(({ topic, partitions }) => partitions.map(({ partition, offset }) => ({ topic, partition: Number(partition), offset: Number(offset) }))),
        ),
      );
    }
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const assignment = Object.entries(payload.memberAssignment).flatMap(([topic, parts]) => parts.map((partition) => ({ topic, partition })));
      this.noteAssignment(payload.memberId, assignment);
    });
    // kafkajs is eager: told of a rebalance, it stops fetching and rejoins, giving up everything it owned.
    this.consumer.on(this.consumer.events.REBALANCING, () => this.noteRevocation(this.assignment, "given up to rejoin the rebalancing group"));
  }

  /** Joins the group and starts receiving; resolves once the coordinator has admitted it. */
  async start(): Promise<this> {
    const joinsBefore = this.joins;
    await this.consumer.connect();
    this.running = true;
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    if (this.options.record === "ranges") await this.runRecordingRanges();
    else await this.runRecordingMessages();
    await this.waitForJoin(joinsBefore);
    return this;
  }

  /** A batch at a time: its offsets extend the partition's open range, all timed at the batch's arrival. */
  private runRecordingRanges(): Promise<void> {
    return this.consumer.run({
      ...this.autoCommit(),
      eachBatch: async ({ batch }) => {
        const offsets = new Array<number>(batch.messages.length);
        for (let i = 0; i < offsets.length; i++) offsets[i] = Number(batch.messages[i]!.offset);
        this.noteOffsets(batch.topic, batch.partition, offsets);
      },
    });
  }

  private runRecordingMessages(): Promise<void> {
    return this.consumer.run({
      ...this.autoCommit(),
      eachMessage: async ({ topic, partition, message }) => {
        const offset = Number(message.offset);
        this.noteMessage({ topic, partition, offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null });
        if (this.stallArmed && this.release === undefined) await this.stall({ topic, partition, offset });
      },
    });
  }

  /**
   * The handler holds the record: kafkajs heartbeats from its fetch loop, after each message a handler returns and
   * after an empty fetch, so while it holds one the member sends no heartbeat at all.
   */
  private async stall(record: { topic: string; partition: number; offset: number }): Promise<void> {
    this.stallArmed = false;
    const released = new Promise<void>((resolve) => (this.release = resolve));
    this.noteStalled(record);
    await released;
    this.release = undefined;
    this.noteResumed();
  }

  async stallOnNextRecord(): Promise<void> {
    if (this.stallArmed || this.release !== undefined) throw new Error(`${this.name} has been told to stall already`);
    if (this.options.record === "ranges") throw new Error(`${this.name} records ranges, a batch at a time; a stall is on a record of its own`);
    this.stallArmed = true;
  }

  async resume(): Promise<void> {
    this.release?.();
  }

  /** kafkajs commits with the member id and generation it holds, which a member stalled in its handler has not updated since. */
  protected async commitAsLastKnownIdentity(offsets: TopicPartitionOffset[]): Promise<string | undefined> {
    try {
      await this.commitOffsets(offsets);
      return undefined;
    } catch (error) {
      const code = brokerErrorCode(error);
      if (code === undefined) throw error;
      return code;
    }
  }

  /**
   * kafkajs commits an offset once the handler given it has resolved: with `autoCommit`, at the end of every
   * batch and, within one, once `autoCommitInterval` has passed since its last commit (runner.js, offsetManager).
   */
  private autoCommit(): { autoCommit: boolean; autoCommitInterval?: number } {
    const interval = this.options.autoCommitIntervalMs;
    return interval === undefined ? { autoCommit: false } : { autoCommit: true, autoCommitInterval: interval };
  }

  protected async commitOffsets(offsets: TopicPartitionOffset[]): Promise<void> {
    await this.consumer.commitOffsets(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: String(offset) })));
  }

  /** Stops fetching (the member stays in its group and keeps its partitions). */
  async pause(): Promise<void> {
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
    await this.resume();
    this.running = false;
    await this.consumer.disconnect();
    this.timeline.record("leave", this.name, `${this.name} left group ${this.options.groupLabel}`, { group: this.options.groupLabel });
  }
}
