import { randomBytes } from "node:crypto";
import type { Admin, Kafka, Producer } from "kafkajs";
import type { BrokerInfo } from "../broker/started-broker.js";
import type { CommittedOffset } from "../evidence/proof-result.js";
import { commitAsAdmin } from "../harness/admin-offsets.js";
import { BrokerWitness } from "../harness/broker-witness.js";
import { kafkaClient } from "../harness/client-settings.js";
import { RecordingConsumer } from "../harness/recording-consumer.js";
import { Timeline } from "../harness/timeline.js";
import { plainProducer } from "../harness/recording-producer.js";
import { createServedTopic, TopicExistsError } from "../harness/topics.js";
import { waitFor } from "../harness/wait.js";
import { GROUP_LABELS, otherGroup, type GroupLabel, type Position, type ResetTarget } from "./command.js";
import { lagOf, type DescribeRow } from "./describe-table.js";
import { InputError } from "./input-error.js";
import { planAck, planReset, type AckPlan, type PartitionLog, type PartitionOffset } from "./offset-rules.js";
import { unacknowledged, type Unacknowledged } from "./unacknowledged.js";

/** How long a consumer may take to receive a message that is already on the broker. */
const RECEIVE_TIMEOUT_MS = 10_000;
/** How long a stopped consumer's LeaveGroup may take to leave its group empty. */
const EMPTY_GROUP_TIMEOUT_MS = 10_000;

export interface GroupStatus {
  label: GroupLabel;
  groupId: string;
  /** The group's state as the coordinator describes it (Stable, Empty...). */
  state: string;
  members: number;
  rows: DescribeRow[];
  pending: Unacknowledged[];
}

export interface ResetOutcome {
  offsets: PartitionOffset[];
  /** The reset group's committed offsets, read back from the broker. */
  committed: CommittedOffset[];
  /** What the restarted consumer has received since it joined again. */
  received: PartitionOffset[];
  other: { label: GroupLabel; before: CommittedOffset[]; after: CommittedOffset[] };
}

/**
 * One walkthrough on a broker: a topic, groups A and B (each with one consumer
 * that never commits on its own), a producer and an admin client, all named
 * with a random suffix so a walkthrough on a shared cluster meets nobody else.
 * Disposing it closes every client; on an external cluster it also deletes
 * the topic and groups it made.
 */
export class WalkthroughSession implements AsyncDisposable {
  readonly witness: BrokerWitness;
  private readonly timeline = new Timeline();
  /** The running consumer of each group; absent while a reset has it stopped. */
  private readonly running = new Map<GroupLabel, RecordingConsumer>();
  /** Every consumer ever started, so disposing stops even one whose start failed half-way. */
  private readonly started: RecordingConsumer[] = [];
  private producer: Producer | undefined;
  private topicCreated = false;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly broker: BrokerInfo,
    readonly topic: string,
    readonly groupIds: Readonly<Record<GroupLabel, string>>,
    private readonly kafka: Kafka,
    private readonly admin: Admin,
  ) {
    this.witness = new BrokerWitness(admin);
  }

  /** Creates the topic and starts both consumers; resolves once both have joined their groups. */
  static async open(broker: BrokerInfo, options: { partitions: number }): Promise<WalkthroughSession> {
    const suffix = randomBytes(4).toString("hex");
    const kafka = kafkaClient(broker, "walkthrough-admin");
    const admin = kafka.admin();
    const groupIds = { A: `walkthrough-A-${suffix}`, B: `walkthrough-B-${suffix}` };
    const session = new WalkthroughSession(broker, `walkthrough-topic-${suffix}`, groupIds, kafka, admin);
    try {
      await admin.connect();
      await session.createTopic(options.partitions);
      session.producer = plainProducer(kafka);
      await session.producer.connect();
      for (const label of GROUP_LABELS) await session.startConsumer(label);
    } catch (error) {
      await session[Symbol.asyncDispose]();
      throw error;
    }
    return session;
  }

  /** The name the broker knows each consumer by (its client id). */
  clientId(label: GroupLabel): string {
    return `consumer-${label}`;
  }

  /** Where each partition's log starts and ends, from the broker. */
  async logs(): Promise<PartitionLog[]> {
    const [starts, ends] = await Promise.all([this.witness.logStartOffsets(this.topic), this.witness.logEndOffsets(this.topic)]);
    return ends.map(({ partition, logEndOffset }) => ({
      partition,
      logStart: starts.find((s) => s.partition === partition)?.offset ?? 0,
      logEnd: logEndOffset,
    }));
  }

  /** Sends one message (acknowledged by every in-sync replica) and returns where the broker put it. */
  async send(text: string, key: string | null): Promise<PartitionOffset> {
    const [meta] = await this.producer!.send({ topic: this.topic, acks: -1, messages: [{ key, value: text }] });
    if (meta?.baseOffset === undefined) throw new Error(`the broker's reply to the produce request for ${this.topic} named no offset`);
    return { partition: meta.partition, offset: Number(meta.baseOffset) };
  }

  /** Waits until every running consumer has received the message at `at`. */
  async waitUntilReceived(at: PartitionOffset): Promise<void> {
    await Promise.all([...this.running.values()].map((c) => c.waitForOffset(this.topic, at.partition, at.offset, RECEIVE_TIMEOUT_MS)));
  }

  /** The group as `kafka-consumer-groups --describe` would show it, plus what its consumer holds unacknowledged. */
  async status(label: GroupLabel): Promise<GroupStatus> {
    const groupId = this.groupIds[label];
    const [committed, ends, group] = await Promise.all([
      this.committed(label),
      this.witness.logEndOffsets(this.topic),
      this.witness.describeGroup(groupId),
    ]);
    const rows = ends.map(({ partition, logEndOffset }) => {
      const owner = group.members.find((m) => m.assignment.some((tp) => tp.topic === this.topic && tp.partition === partition));
      const currentOffset = committed.find((c) => c.partition === partition)?.offset ?? null;
      return {
        group: groupId,
        topic: this.topic,
        partition,
        currentOffset,
        logEndOffset,
        lag: lagOf({ currentOffset, logEndOffset }),
        consumerId: owner?.memberId ?? null,
        clientId: owner?.clientId ?? null,
      };
    });
    const received = this.running.get(label)?.received ?? [];
    return { label, groupId, state: group.state, members: group.members.length, rows, pending: unacknowledged(received, committed) };
  }

  /** The group's committed offsets on the topic, from the broker. */
  committed(label: GroupLabel): Promise<CommittedOffset[]> {
    return this.witness.committedOffsets(this.groupIds[label], [this.topic]);
  }

  /** Commits `offset + 1` for the group, through its own consumer; returns the plan and what the broker then holds. */
  async ack(label: GroupLabel, position: Position): Promise<AckPlan & { committedNow: number | null }> {
    const consumer = this.consumerOf(label);
    const [logs, committed] = await Promise.all([this.logs(), this.committed(label)]);
    const plan = planAck(label, position, { logs, committed, received: consumer.received });
    if ("error" in plan) throw new InputError(plan.error);
    await consumer.acknowledgeThrough(this.topic, plan.partition, plan.lastOffset);
    return { ...plan, committedNow: await this.witness.committedOffset(this.groupIds[label], this.topic, plan.partition) };
  }

  /**
   * Stops the group's consumer (the broker refuses a reset while the group has
   * members), sets its committed offsets as Kafka's AdminClient does, and
   * starts a consumer again, which resumes from the new offsets. The other
   * group's committed offsets are read before and after, from the broker.
   */
  async reset(label: GroupLabel, target: ResetTarget, onProgress: (message: string) => void = () => undefined): Promise<ResetOutcome> {
    const groupId = this.groupIds[label];
    const logs = await this.logs();
    const offsets = planReset(target, logs);
    if ("error" in offsets) throw new InputError(offsets.error);
    const other = otherGroup(label);
    const before = await this.committed(other);

    const consumer = this.running.get(label);
    this.running.delete(label);
    // Whatever happens to the reset, the group gets its consumer back.
    let failure: unknown;
    try {
      await consumer?.stop();
      onProgress(`consumer ${label} stopped: the broker refuses a reset while group ${label} has members`);
      await waitFor(
        `group ${label} (${groupId}) to have no members, so the broker accepts a reset`,
        async (note) => {
          const group = await this.witness.describeGroup(groupId);
          note(`${group.state} with ${group.members.length} member(s)`);
          return group.members.length === 0 ? true : undefined;
        },
        { timeoutMs: EMPTY_GROUP_TIMEOUT_MS },
      );
      await commitAsAdmin(this.kafka, groupId, this.topic, offsets);
    } catch (error) {
      failure = error;
    }
    const restarted = await this.startConsumer(label);
    if (failure !== undefined) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      throw new Error(`group ${label} was not reset: ${reason}; its consumer was started again, from its old offsets`);
    }
    // The restarted consumer resumes every partition from its group's commit; wait until it has caught up on all of them.
    const committed = await this.committed(label);
    for (const { partition, logStart, logEnd } of logs) {
      const from = committed.find((c) => c.partition === partition)?.offset ?? logStart;
      if (from < logEnd) await restarted.waitForOffset(this.topic, partition, logEnd - 1, RECEIVE_TIMEOUT_MS);
    }
    return {
      offsets,
      committed,
      received: restarted.received.map(({ partition, offset }) => ({ partition, offset })),
      other: { label: other, before, after: await this.committed(other) },
    };
  }

  private consumerOf(label: GroupLabel): RecordingConsumer {
    const consumer = this.running.get(label);
    if (!consumer) throw new InputError(`consumer ${label} is not running (its restart after a reset failed); quit and start again`);
    return consumer;
  }

  private async createTopic(partitions: number): Promise<void> {
    this.topicCreated = true;
    try {
      await createServedTopic(this.admin, this.topic, partitions);
    } catch (error) {
      // It was there before us: not ours to delete.
      if (error instanceof TopicExistsError) this.topicCreated = false;
      throw error;
    }
  }

  private async startConsumer(label: GroupLabel): Promise<RecordingConsumer> {
    const consumer = new RecordingConsumer(
      kafkaClient(this.broker, this.clientId(label)),
      { name: this.clientId(label), groupLabel: label, groupId: this.groupIds[label], topics: [this.topic], fromBeginning: true },
      this.timeline,
    );
    this.started.push(consumer);
    await consumer.start();
    this.running.set(label, consumer);
    return consumer;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return (this.closing ??= this.close());
  }

  private async close(): Promise<void> {
    this.running.clear();
    await Promise.allSettled(this.started.map((c) => c.stop()));
    await this.producer?.disconnect().catch(() => undefined);
    if (this.broker.mode === "external") {
      // Our own brokers vanish with their data; on someone's cluster, leave nothing behind.
      await this.admin.deleteGroups(Object.values(this.groupIds)).catch(() => undefined);
      if (this.topicCreated) await this.admin.deleteTopics({ topics: [this.topic] }).catch(() => undefined);
    }
    await this.admin.disconnect().catch(() => undefined);
  }
}
