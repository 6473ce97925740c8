import { randomBytes } from "node:crypto";
import type { Admin, Kafka, Producer } from "kafkajs";
import type { BrokerInfo } from "../broker/started-broker.js";
import type { CommittedOffset, ReceivedMessage } from "../evidence/proof-result.js";
import { commitAsAdmin } from "../harness/admin-offsets.js";
import { BrokerWitness } from "../harness/broker-witness.js";
import { kafkaClient } from "../harness/client-settings.js";
import type { RecordingConsumer } from "../harness/recording-consumer.js";
import { plainProducer } from "../harness/recording-producer.js";
import { timestampOf, type PartitionFacts, type ResetTarget as PlannedTarget } from "../harness/reset-targets.js";
import { createServedTopic, TopicExistsError } from "../harness/topics.js";
import { waitFor } from "../harness/wait.js";
import { GROUP_LABELS, type Position, type ResetTarget } from "./command.js";
import { GroupConsumers } from "./group-consumers.js";
import { groupStatus, type GroupStatus } from "./group-status.js";
import { InputError } from "./input-error.js";
import { planAck, planReset, type AckPlan, type PartitionLog, type PartitionOffset } from "./offset-rules.js";
import { refuseForeignMembers } from "./foreign-members.js";

export type { GroupStatus, StatusRow } from "./group-status.js";

/** How long a stopped consumer's LeaveGroup may take to leave its group empty. */
const EMPTY_GROUP_TIMEOUT_MS = 10_000;
/** How long a consumer that went on after a stall may take to be handed its message again. */
const RECEIVE_TIMEOUT_MS = 15_000;

export interface SessionOptions {
  partitions: number;
  /** Begins every topic and group id (`walkthrough-topic-…`, `walkthrough-A-…`). */
  prefix?: string;
  /** The groups opened with one consumer each; more can join later (`addConsumer`). */
  groups?: readonly string[];
}

/** What a stall came to, as the broker and the stalled consumer told it. */
export interface StallOutcome {
  /** The message the consumer held. */
  held: PartitionOffset;
  /** Seconds into the stall at which the broker no longer listed the consumer in its group; null if it always did. */
  removedAfter: number | null;
  /** Whether the consumer, once it went on, was handed the message it held again (it had not committed it). */
  handedAgain: boolean;
}

export interface ResetOutcome {
  /** Where the reset moved (or, in a dry run, would move) each partition; `clamped` where the log's edge stopped it. */
  offsets: PlannedTarget[];
  /** A dry run: nothing was stopped or committed, and `committed` is what the group still holds. */
  dryRun: boolean;
  /** The reset group's committed offsets, read back from the broker. */
  committed: CommittedOffset[];
  /** What the restarted consumers have received since they joined again. */
  received: PartitionOffset[];
  /** Every other group's committed offsets, read from the broker before the reset and after. */
  others: { label: string; before: CommittedOffset[]; after: CommittedOffset[] }[];
}

/**
 * One walkthrough on a broker: a topic, labelled groups (A and B, each with one
 * consumer that never commits on its own, and more members or groups on
 * request), a producer and an admin client, all named with a random suffix so
 * a walkthrough on a shared cluster meets nobody else. Disposing it closes
 * every client; on an external cluster it also deletes the topic and groups it made.
 */
export class WalkthroughSession implements AsyncDisposable {
  readonly witness: BrokerWitness;
  private readonly members: GroupConsumers;
  private producer: Producer | undefined;
  private topicCreated = false;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly broker: BrokerInfo,
    readonly topic: string,
    prefix: string,
    suffix: string,
    private readonly kafka: Kafka,
    private readonly admin: Admin,
  ) {
    this.witness = new BrokerWitness(admin);
    this.members = new GroupConsumers(broker, topic, (label) => `${prefix}-${label}-${suffix}`);
  }

  /** Each group's id, by label; a group added later appears here too. */
  get groupIds(): Readonly<Record<string, string>> {
    return this.members.groupIds;
  }

  /** Creates the topic and starts one consumer per group; resolves once each has joined its group. */
  static async open(broker: BrokerInfo, options: SessionOptions): Promise<WalkthroughSession> {
    const prefix = options.prefix ?? "walkthrough";
    const suffix = randomBytes(4).toString("hex");
    const kafka = kafkaClient(broker, `${prefix}-admin`);
    const admin = kafka.admin();
    const session = new WalkthroughSession(broker, `${prefix}-topic-${suffix}`, prefix, suffix, kafka, admin);
    try {
      await admin.connect();
      await session.createTopic(options.partitions);
      session.producer = plainProducer(kafka);
      await session.producer.connect();
      for (const label of options.groups ?? GROUP_LABELS) await session.addConsumer(label);
    } catch (error) {
      await session[Symbol.asyncDispose]();
      throw error;
    }
    return session;
  }

  /** The group labels, in the order the groups were made. */
  labels(): string[] {
    return this.members.labels();
  }

  /** The name the broker knows a group's first consumer by (its client id); later members are `consumer-A2`, `consumer-A3`... */
  clientId(label: string, member = 1): string {
    return this.members.clientId(label, member);
  }

  /** The group's running consumers, in joining order. */
  consumers(label: string): readonly RecordingConsumer[] {
    return this.members.of(label);
  }

  /** Starts one more member of the group (the group's first, if the label is new); resolves once it has joined. */
  addConsumer(label: string): Promise<RecordingConsumer> {
    return this.members.add(label);
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

  /** Sends one message (acknowledged by every in-sync replica), to `partition` or where its key hashes; returns where the broker put it. */
  async send(text: string, key: string | null, partition?: number): Promise<PartitionOffset> {
    const [meta] = await this.producer!.send({ topic: this.topic, acks: -1, messages: [{ key, value: text, ...(partition === undefined ? {} : { partition }) }] });
    if (meta?.baseOffset === undefined) throw new Error(`the broker's reply to the produce request for ${this.topic} named no offset`);
    return { partition: meta.partition, offset: Number(meta.baseOffset) };
  }

  /** Waits until every group with running consumers has received the message at `at` (through whichever member owns it). */
  async waitUntilReceived(at: PartitionOffset): Promise<void> {
    const groups = this.labels().filter((label) => this.consumers(label).length > 0);
    await Promise.all(groups.map((label) => this.members.waitUntilReceived(label, at)));
  }

  /** The group as `kafka-consumer-groups --describe` would show it, plus what its consumers hold unacknowledged. */
  async status(label: string): Promise<GroupStatus> {
    const groupId = this.groupIds[label]!;
    const [committed, ends, group] = await Promise.all([this.committed(label), this.witness.logEndOffsets(this.topic), this.witness.describeGroupWithHosts(groupId)]);
    return groupStatus({ label, groupId, topic: this.topic, committed, ends, group, received: this.received(label) });
  }

  /** Everything the group's running consumers have received. */
  received(label: string): ReceivedMessage[] {
    return this.members.received(label);
  }

  /** The group's committed offsets on the topic, from the broker. */
  committed(label: string): Promise<CommittedOffset[]> {
    return this.witness.committedOffsets(this.groupIds[label]!, [this.topic]);
  }

  /** Commits `offset + 1` for the group, through the member that owns the partition; returns the plan and what the broker then holds. */
  async ack(label: string, position: Position): Promise<AckPlan & { committedNow: number | null }> {
    const consumers = this.consumers(label);
    if (consumers.length === 0) throw new InputError(`consumer ${label} is not running (its restart after a reset failed); quit and start again`);
    const [logs, committed] = await Promise.all([this.logs(), this.committed(label)]);
    const plan = planAck(label, position, { logs, committed, received: this.received(label) });
    if ("error" in plan) throw new InputError(plan.error);
    const owner = consumers.find((c) => c.assignment.some((a) => a.topic === this.topic && a.partition === plan.partition)) ?? consumers[0]!;
    await owner.acknowledgeThrough(this.topic, plan.partition, plan.lastOffset);
    return { ...plan, committedNow: await this.witness.committedOffset(this.groupIds[label]!, this.topic, plan.partition) };
  }

  /**
   * Stops the group's consumers (the broker refuses a reset while the group has
   * members), sets its committed offsets as Kafka's AdminClient does, and
   * starts as many consumers again, which resume from the new offsets. A group
   * with members this session did not start is refused before anything is
   * stopped: those would keep it live. Every other group's committed offsets
   * are read before and after, from the broker.
   */
  async reset(label: string, target: ResetTarget, onProgress: (message: string) => void = () => undefined): Promise<ResetOutcome> {
    const groupId = this.groupIds[label]!;
    const { logs, offsets } = await this.planReset(label, target);
    const others = this.labels().filter((other) => other !== label);
    const before = await Promise.all(others.map((other) => this.committed(other)));
    const compared = async () => {
      const after = await Promise.all(others.map((other) => this.committed(other)));
      return others.map((other, i) => ({ label: other, before: before[i]!, after: after[i]! }));
    };
    if (target.dryRun) {
      // Nothing is stopped or committed: the group's own offsets are read back to show they did not move.
      return { offsets, dryRun: true, committed: await this.committed(label), received: [], others: await compared() };
    }

    // Whatever happens to the reset, the group gets its consumers back.
    let count = this.consumers(label).length;
    let failure: Error | undefined;
    try {
      count = await this.members.stop(label);
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
      await commitAsAdmin(
        this.kafka,
        groupId,
        this.topic,
        offsets.map(({ partition, offset }) => ({ partition, offset })),
      );
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    const restarted = await this.members.restart(label, count);
    if (failure !== undefined) {
      throw new Error(`group ${label} was not reset: ${failure.message}; its consumer was started again, from its old offsets`, { cause: failure });
    }
    // The restarted consumers resume every partition from their group's commit; wait until they have caught up on all of them.
    const committed = await this.committed(label);
    for (const { partition, logStart, logEnd } of logs) {
      const from = committed.find((c) => c.partition === partition)?.offset ?? logStart;
      if (from < logEnd) await this.members.waitUntilReceived(label, { partition, offset: logEnd - 1 }, restarted);
    }
    return {
      offsets,
      dryRun: false,
      committed,
      received: restarted.flatMap((c) => c.received.map(({ partition, offset }) => ({ partition, offset }))),
      others: await compared(),
    };
  }

  /** Whether the group's consumers commit on their own. */
  autoCommits(label: string): boolean {
    return this.members.autoCommits(label);
  }

  /** Turns the group's auto-commit on or off (its consumers leave and join again); resolves once they have joined. */
  async setAutoCommit(label: string, on: boolean): Promise<void> {
    await this.members.setAutoCommit(label, on);
  }

  /**
   * The group's first consumer is handed a message sent for it (to a partition it owns) and holds on to it for
   * `seconds`, as an application whose work on it takes that long. kafkajs heartbeats between messages only, so
   * meanwhile the broker hears nothing from it: past its session timeout it removes it from the group. The
   * broker's description of the group is reported whenever it changes; then the consumer goes on, and the outcome
   * says whether it was handed the message again.
   */
  async stall(label: string, seconds: number, onProgress: (message: string) => void = () => undefined): Promise<StallOutcome> {
    const consumer = this.consumers(label)[0];
    if (!consumer) throw new InputError(`consumer ${label} is not running (its restart after a reset failed); quit and start again`);
    const partition = consumer.assignment.find((a) => a.topic === this.topic)?.partition;
    if (partition === undefined) throw new InputError(`${consumer.name} owns no partition of the topic now, so no message would reach it`);
    await consumer.stallOnNextRecord();
    const held = await this.send(`stall ${label}: a message that takes ${seconds} s`, null, partition);
    await consumer.waitUntilStalled();
    const groupId = this.groupIds[label]!;
    const memberBefore = consumer.memberId;
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    let removedAfter: number | null = null;
    let last = "";
    try {
      onProgress(`${consumer.name} was handed offset ${held.offset} of partition ${partition} and is holding it; it heartbeats no more until it lets go`);
      while (elapsed() < seconds) {
        const group = await this.witness.describeGroup(groupId);
        const listed = group.members.some((m) => m.clientId === consumer.name);
        const said = `group ${label} is ${group.state} with ${group.members.map((m) => m.clientId).join(", ") || "no member"}`;
        if (said !== last) onProgress(`${elapsed().toFixed(1)} s: broker: ${said}`);
        last = said;
        if (!listed && removedAfter === null) removedAfter = elapsed();
        await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(0, (seconds - elapsed()) * 1000))));
      }
    } finally {
      await consumer.resume();
    }
    onProgress(`${seconds} s: ${consumer.name} lets go of offset ${held.offset} and goes on`);
    const copies = () => consumer.received.filter((m) => m.partition === held.partition && m.offset === held.offset).length;
    let handedAgain = false;
    if (removedAfter !== null) {
      // A member the broker removed learns it at its next heartbeat, joins again as a new member and reads from the group's commit.
      await waitFor(`${consumer.name} to join group ${label} again and be handed offset ${held.offset} again`, () => (copies() > 1 ? true : undefined), {
        timeoutMs: RECEIVE_TIMEOUT_MS,
      }).then(
        () => (handedAgain = true),
        () => undefined,
      );
      onProgress(`${consumer.name} joined group ${label} again as member ${consumer.memberId === memberBefore ? "(the same id)" : consumer.memberId}`);
    }
    return { held, removedAfter, handedAgain };
  }

  /**
   * The offsets a reset would set, computed as Kafka's tool computes them from what the broker says now (log start
   * and end, the group's committed offsets, the offset at the reset's time), or an `InputError` saying why it cannot
   * be done now; changes nothing.
   */
  async planReset(label: string, target: ResetTarget): Promise<{ logs: PartitionLog[]; offsets: PlannedTarget[] }> {
    const [logs, committed] = await Promise.all([this.logs(), this.committed(label)]);
    const timestamp = timestampOf(target.request.spec, Date.now());
    // kafkajs answers a time later than every record with the log end, where the tool resets to then.
    const atTime = timestamp === undefined ? undefined : await this.admin.fetchTopicOffsetsByTimestamp(this.topic, timestamp);
    const facts: PartitionFacts[] = logs.map((log) => {
      const at = atTime?.find((a) => a.partition === log.partition);
      return {
        ...log,
        committed: committed.find((c) => c.partition === log.partition)?.offset ?? null,
        ...(atTime === undefined ? {} : { atTime: at === undefined ? null : Number(at.offset) }),
      };
    });
    const offsets = planReset(target.request, facts);
    if ("error" in offsets) throw new InputError(offsets.error);
    const ours = this.consumers(label).map((c) => c.memberId);
    refuseForeignMembers(label, (await this.witness.describeGroup(this.groupIds[label]!)).members, ours);
    return { logs, offsets };
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

  [Symbol.asyncDispose](): Promise<void> {
    return (this.closing ??= this.close());
  }

  private async close(): Promise<void> {
    await this.members.close();
    await this.producer?.disconnect().catch(() => undefined);
    if (this.broker.mode === "external") {
      // Our own brokers vanish with their data; on someone's cluster, leave nothing behind.
      await this.admin.deleteGroups(Object.values(this.groupIds)).catch(() => undefined);
      if (this.topicCreated) await this.admin.deleteTopics({ topics: [this.topic] }).catch(() => undefined);
    }
    await this.admin.disconnect().catch(() => undefined);
  }
}
