import { randomBytes } from "node:crypto";
import type { Admin, Kafka } from "kafkajs";
import type { NativeBroker } from "../broker/native/native-broker.js";
import type { BrokerInfo } from "../broker/started-broker.js";
import { formatCommitted } from "../checks/evidence-queries.js";
import type { CommittedOffset, GroupEvidence, ProducedMessage, ScenarioEvidence, TopicEvidence } from "../evidence/proof-result.js";
import { commitAsAdmin } from "./admin-offsets.js";
import { BrokerWitness } from "./broker-witness.js";
import { kafkaClient } from "./client-settings.js";
import { AssignmentWatch } from "./assignment-watch.js";
import { RecordingConsumer, type RecordingConsumerOptions } from "./recording-consumer.js";
import { RecordingProducer, type MessageSpec } from "./recording-producer.js";
import { SeverableConnections } from "./severable-connections.js";
import { Timeline } from "./timeline.js";
import { createServedTopic, waitUntilServed } from "./topics.js";
import { waitFor } from "./wait.js";

export type { MessageSpec } from "./recording-producer.js";

/**
 * Owns everything one run of a proof creates on the broker: clients, consumers,
 * topics and groups, each with a name unique to this run so runs never meet.
 * Disposing it closes every client; on an external cluster it also deletes
 * the topics and groups it made.
 */
export class Scenario implements AsyncDisposable {
  readonly timeline = new Timeline();
  witness: BrokerWitness;
  readonly consumers: RecordingConsumer[] = [];
  private readonly topics: string[] = [];
  private readonly groupIds = new Map<string, string>();
  private readonly groupState = new Map<string, Pick<GroupEvidence, "state" | "members">>();
  private readonly suffix = randomBytes(4).toString("hex");
  private readonly producer: RecordingProducer;
  private assignmentWatch: AssignmentWatch | undefined;

  private constructor(
    readonly broker: BrokerInfo,
    readonly id: string,
    private readonly kafka: Kafka,
    public admin: Admin,
    private readonly restartable: NativeBroker | undefined,
  ) {
    this.witness = new BrokerWitness(admin);
    this.producer = new RecordingProducer(kafka, this.timeline);
  }

  /** Everything produced so far, with the partition and offset the broker gave each message. */
  get produced(): ProducedMessage[] {
    return this.producer.produced;
  }

  /** `restartable`: the scenario's own broker, for proofs that restart it. */
  static async open(broker: BrokerInfo, id: string, restartable?: NativeBroker): Promise<Scenario> {
    const kafka = kafkaClient(broker, `${id}-admin`);
    const admin = kafka.admin();
    await admin.connect();
    return new Scenario(broker, id, kafka, admin, restartable);
  }

  /** Restarts the scenario's own broker (see `NativeBroker.restart`) and records it. */
  async restartBroker(options: { freshStorage?: boolean } = {}): Promise<void> {
    if (!this.restartable) throw new Error(`scenario ${this.id} has no broker of its own to restart; give its proof dedicatedBroker: true`);
    const partitions = new Map<string, number>();
    for (const topic of this.topics) partitions.set(topic, (await this.witness.logEndOffsets(topic)).length);
    await this.restartable.restart(options);
    // A restarted broker logs that it started before it leads every partition again.
    if (!options.freshStorage) for (const [topic, count] of partitions) await waitUntilServed(this.admin, topic, count);
    else await this.renewAdmin();
    this.timeline.record(
      "restart",
      "broker",
      options.freshStorage ? "broker restarted on freshly formatted storage" : "broker stopped cleanly and started again on the same data",
      { freshStorage: options.freshStorage ?? false },
    );
  }

  /** This run's group id for a label; the same label always gives the same group. */
  groupId(label: string): string {
    let id = this.groupIds.get(label);
    if (!id) {
      id = `${this.id}-${label}-${this.suffix}`;
      this.groupIds.set(label, id);
    }
    return id;
  }

  /** Creates a topic named for this run and waits until the broker serves it (see `createServedTopic`). */
  async createTopic(name: string, partitions: number): Promise<string> {
    const topic = `${this.id}-${name}-${this.suffix}`;
    await createServedTopic(this.admin, topic, partitions);
    // A topic made again (after a broker lost its storage) is still one topic of the scenario.
    if (!this.topics.includes(topic)) this.topics.push(topic);
    return topic;
  }

  /**
   * A fresh admin client: kafkajs refreshes metadata for every topic a client
   * has used before creating one, and fails while any of them no longer exists.
   */
  private async renewAdmin(): Promise<void> {
    await this.admin.disconnect();
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.witness = new BrokerWitness(this.admin);
  }

  /** Produces messages in order, recording each one's partition and offset (see `RecordingProducer.send`). */
  produce(topic: string, messages: readonly MessageSpec[]): Promise<ProducedMessage[]> {
    return this.producer.send(topic, messages);
  }

  /** Produces many messages in batches, for long runs (see `RecordingProducer.sendBatches`). */
  produceBatches(topic: string, messages: readonly (MessageSpec & { partition: number })[], batchSize?: number): Promise<ProducedMessage[]> {
    return this.producer.sendBatches(topic, messages, batchSize);
  }

  /** A recording consumer in the group with this label; not started. */
  consumer(options: Omit<RecordingConsumerOptions, "groupId" | "connections"> & { groupId?: string; crashable?: boolean }): RecordingConsumer {
    const connections = options.crashable ? new SeverableConnections() : undefined;
    const clientKafka = kafkaClient(this.broker, options.name, connections ? { socketFactory: connections.factory } : {});
    const consumer = new RecordingConsumer(
      clientKafka,
      { ...options, connections, groupId: options.groupId ?? this.groupId(options.groupLabel) },
      this.timeline,
    );
    this.consumers.push(consumer);
    return consumer;
  }

  /**
   * Waits until each of these groups, all its members together, has received
   * every message produced so far (counting distinct partition/offset pairs).
   */
  async waitUntilGroupsReceivedAll(labels: readonly string[], timeoutMs = 10_000): Promise<void> {
    const wanted = this.produced.length;
    for (const label of new Set(labels)) {
      const groupId = this.groupId(label);
      await waitFor(
        `group ${label} to receive all ${wanted} produced messages`,
        (note) => {
          const distinct = new Set(
            this.consumers.filter((c) => c.options.groupId === groupId).flatMap((c) => c.received.map((m) => `${m.topic}/${m.partition}@${m.offset}`)),
          ).size;
          note(`${distinct} distinct received`);
          return distinct >= wanted ? true : undefined;
        },
        { timeoutMs },
      );
    }
  }

  /**
   * Waits until each group has received the last message of every partition,
   * as the broker's log-end offsets say — caught up, whether or not it received
   * everything before (a group that skipped messages still catches up).
   */
  async waitUntilGroupsCaughtUp(labels: readonly string[], timeoutMs = 15_000): Promise<void> {
    for (const label of new Set(labels)) {
      const groupId = this.groupId(label);
      await waitFor(
        `group ${label} to receive the last message of every partition`,
        async (note) => {
          const got = this.consumers.filter((c) => c.options.groupId === groupId).flatMap((c) => c.received);
          const behind: string[] = [];
          for (const topic of this.topics) {
            for (const { partition, logEndOffset } of await this.witness.logEndOffsets(topic)) {
              if (logEndOffset > 0 && !got.some((m) => m.topic === topic && m.partition === partition && m.offset === logEndOffset - 1)) behind.push(`p${partition}`);
            }
          }
          note(`behind on ${behind.join(", ") || "nothing"}`);
          return behind.length === 0 ? true : undefined;
        },
        { timeoutMs, intervalMs: 50 },
      );
    }
  }

  /** Waits until the broker describes the group as Stable with `members` members that own every partition of `topic`. */
  async waitForStableGroup(label: string, members: number, topic: string, timeoutMs = 15_000): Promise<void> {
    const groupId = this.groupId(label);
    const partitions = (await this.witness.logEndOffsets(topic)).length;
    await waitFor(
      `group ${label} (${groupId}) to be Stable with ${members} members owning all ${partitions} partitions`,
      async (note) => {
        const group = await this.witness.describeGroup(groupId);
        const owned = group.members.flatMap((m) => m.assignment).filter((tp) => tp.topic === topic).length;
        note(`${group.state}, ${group.members.length} members, ${owned} partitions owned`);
        return group.state === "Stable" && group.members.length === members && owned === partitions ? group : undefined;
      },
      { timeoutMs },
    );
    await this.observeGroup(label);
  }

  /**
   * For every group that has running consumers, waits until the broker says it is
   * Stable with all of them as members, owning every partition of `topic`.
   */
  async waitForStableGroups(topic: string): Promise<void> {
    for (const [label, groupId] of this.groupIds) {
      const members = this.consumers.filter((c) => c.options.groupId === groupId && c.isRunning).length;
      if (members > 0) await this.waitForStableGroup(label, members, topic);
    }
  }

  /**
   * Polls the broker's description of every group in this scenario and records
   * each change of who owns which partition: the assignment timeline. Runs
   * until `stopWatchingAssignments` or disposal.
   */
  watchAssignments(intervalMs = 50): void {
    this.assignmentWatch = new AssignmentWatch(this.witness, () => this.groupIds, this.timeline, intervalMs);
  }

  async stopWatchingAssignments(): Promise<void> {
    await this.assignmentWatch?.stop();
    this.assignmentWatch = undefined;
  }

  /** Asks the broker who is in the group and what each member owns, and keeps that as the group's evidence. */
  async observeGroup(label: string): Promise<void> {
    const group = await this.witness.describeGroup(this.groupId(label));
    this.groupState.set(label, group);
    this.timeline.record("observe", "broker", `broker: group ${label} is ${group.state} with ${group.members.length} member(s)`, {
      group: label,
      state: group.state,
      members: group.members.map((m) => ({ clientId: m.clientId, assignment: m.assignment })),
    });
  }

  /**
   * Reads the group's committed offsets from the broker now and records them as
   * an observation of `role` at `moment`, for checks that compare two moments.
   */
  async observeCommitted(role: string, label: string, moment: string): Promise<CommittedOffset[]> {
    // Retried while the coordinator is still being elected (a broker that has just started).
    const committed = await waitFor(`the committed offsets of group ${label}`, () => this.witness.committedOffsets(this.groupId(label), this.topics), {
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    this.timeline.record("observe", "broker", `broker: ${role}'s group ${label} has committed ${formatCommitted(committed)} (${moment})`, {
      role,
      group: label,
      moment,
      committed,
    });
    return committed;
  }

  /**
   * Resets the group's committed offsets on `topic` to the earliest offsets the
   * log still holds, through the broker (see `commitAsAdmin`). A refusal is
   * recorded as evidence and returned, not thrown: it is part of the story.
   */
  async resetToEarliest(label: string, topic: string): Promise<{ refused?: string }> {
    const groupId = this.groupId(label);
    const earliest = await this.witness.logStartOffsets(topic);
    try {
      await commitAsAdmin(this.kafka, groupId, topic, earliest);
    } catch (error) {
      // kafkajs puts the broker's error code (e.g. UNKNOWN_MEMBER_ID) in `type`.
      const code = (error as { type?: string }).type;
      const reason = error instanceof Error ? `${code ?? error.name}: ${error.message}` : String(error);
      this.timeline.record("refused", `admin:${label}`, `broker refused to reset group ${label}: ${reason}`, { group: label, error: reason });
      return { refused: reason };
    }
    this.timeline.record("reset", `admin:${label}`, `admin reset group ${label} to the earliest offsets (${earliest.map((e) => `p${e.partition}=${e.offset}`).join(", ")})`, {
      group: label,
      topic,
      offsets: earliest,
    });
    return {};
  }

  /** Reads the final evidence from the broker: log-end offsets, committed offsets, and what each consumer received. */
  async evidence(): Promise<ScenarioEvidence> {
    const topics: TopicEvidence[] = [];
    for (const name of this.topics) topics.push({ name, partitions: await this.witness.logEndOffsets(name) });
    const groups: GroupEvidence[] = [];
    for (const [label, groupId] of this.groupIds) {
      const seen = this.groupState.get(label) ?? (await this.witness.describeGroup(groupId));
      groups.push({
        label,
        groupId,
        state: seen.state,
        members: seen.members,
        committed: await this.witness.committedOffsets(groupId, this.topics),
        received: this.consumers
          .filter((c) => c.options.groupId === groupId)
          // Arrival order per consumer is kept: checks look for offsets going backwards.
          .flatMap((c) => c.received),
      });
    }
    return { topics, produced: [...this.produced], groups, timeline: [...this.timeline.events] };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stopWatchingAssignments();
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
    await this.producer[Symbol.asyncDispose]();
    if (this.broker.mode === "external") {
      await this.admin.deleteGroups([...this.groupIds.values()]).catch(() => undefined);
      await this.admin.deleteTopics({ topics: this.topics }).catch(() => undefined);
    }
    await this.admin.disconnect();
  }
}
