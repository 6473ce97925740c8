import { randomBytes } from "node:crypto";
import kafkajs from "kafkajs";
import type { Admin, Kafka, Producer } from "kafkajs";
import type { NativeBroker } from "../broker/native/native-broker.js";
import type { BrokerInfo } from "../broker/started-broker.js";
import { formatCommitted } from "../checks/evidence-queries.js";
import type { CommittedOffset, GroupEvidence, ProducedMessage, ScenarioEvidence, TopicEvidence } from "../evidence/proof-result.js";
import { commitAsAdmin } from "./admin-offsets.js";
import { BrokerWitness } from "./broker-witness.js";
import { kafkaClient } from "./client-settings.js";
import { RecordingConsumer, type RecordingConsumerOptions } from "./recording-consumer.js";
import { SeverableConnections } from "./severable-connections.js";
import { Timeline } from "./timeline.js";
import { createServedTopic, waitUntilServed } from "./topics.js";
import { waitFor } from "./wait.js";

const { Partitioners } = kafkajs;

export interface MessageSpec {
  key?: string | null;
  value: string;
  /** Send to this partition instead of letting the key decide. */
  partition?: number;
}

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
  readonly produced: ProducedMessage[] = [];
  private readonly topics: string[] = [];
  private readonly groupIds = new Map<string, string>();
  private readonly groupState = new Map<string, Pick<GroupEvidence, "state" | "members">>();
  private readonly suffix = randomBytes(4).toString("hex");
  private producer: Producer | undefined;
  private assignmentWatch: { stop(): Promise<void> } | undefined;

  private constructor(
    readonly broker: BrokerInfo,
    readonly id: string,
    private readonly kafka: Kafka,
    public admin: Admin,
    private readonly restartable: NativeBroker | undefined,
  ) {
    this.witness = new BrokerWitness(admin);
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

  /** Produces messages in order (one request, acks from the leader) and records each one's partition and offset. */
  async produce(topic: string, messages: readonly MessageSpec[]): Promise<ProducedMessage[]> {
    this.producer ??= this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await this.producer.connect();
    const sent: ProducedMessage[] = [];
    // One message per request keeps each message's offset known exactly, without guessing from base offsets.
    for (const message of messages) {
      const [meta] = await this.producer.send({
        topic,
        acks: -1,
        messages: [{ key: message.key ?? null, value: message.value, partition: message.partition }],
      });
      const record = { topic, partition: meta!.partition, offset: Number(meta!.baseOffset), key: message.key ?? null, value: message.value };
      sent.push(record);
      this.produced.push(record);
      this.timeline.record("produce", "producer", `produced "${message.value}" to ${topic}/${record.partition}@${record.offset}`, {
        topic,
        partition: record.partition,
        offset: record.offset,
        key: record.key,
      });
    }
    return sent;
  }

  /**
   * Produces many messages in batches of one request each, for long runs. Every
   * message names its partition, so each one's offset follows from the batch's
   * base offset on that partition; the timeline gets one event per batch.
   */
  async produceBatches(topic: string, messages: readonly (MessageSpec & { partition: number })[], batchSize = 500): Promise<ProducedMessage[]> {
    this.producer ??= this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await this.producer.connect();
    const sent: ProducedMessage[] = [];
    for (let start = 0; start < messages.length; start += batchSize) {
      const batch = messages.slice(start, start + batchSize);
      const answer = await this.producer.send({
        topic,
        acks: -1,
        messages: batch.map((m) => ({ key: m.key ?? null, value: m.value, partition: m.partition })),
      });
      const next = new Map(answer.map((meta) => [meta.partition, Number(meta.baseOffset)]));
      for (const message of batch) {
        const offset = next.get(message.partition)!;
        next.set(message.partition, offset + 1);
        sent.push({ topic, partition: message.partition, offset, key: message.key ?? null, value: message.value });
      }
      this.timeline.record("produce", "producer", `produced ${batch.length} messages to ${topic} (${answer.map((m) => `p${m.partition} from ${m.baseOffset}`).join(", ")})`, {
        topic,
        count: batch.length,
      });
    }
    this.produced.push(...sent);
    return sent;
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
    let stopped = false;
    let last = "";
    const loop = (async () => {
      while (!stopped) {
        const owners: { group: string; consumer: string; topic: string; partition: number }[] = [];
        const states: Record<string, string> = {};
        for (const [label, groupId] of this.groupIds) {
          const group = await this.witness.describeGroup(groupId).catch(() => undefined);
          if (!group) continue;
          states[label] = group.state;
          for (const m of group.members) for (const a of m.assignment) owners.push({ group: label, consumer: m.clientId, ...a });
        }
        const key = JSON.stringify(owners);
        if (key !== last) {
          last = key;
          const text = owners.map((o) => `${o.consumer}:p${o.partition}`).join(" ") || "nobody owns anything";
          this.timeline.record("observe", "broker", `broker: assignment ${text}`, { role: "assignments", owners, states });
        }
        // A poll interval, not a wait for a condition: the watch samples until told to stop.
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    })();
    this.assignmentWatch = {
      async stop() {
        stopped = true;
        await loop;
      },
    };
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
    await this.producer?.disconnect().catch(() => undefined);
    if (this.broker.mode === "external") {
      await this.admin.deleteGroups([...this.groupIds.values()]).catch(() => undefined);
      await this.admin.deleteTopics({ topics: this.topics }).catch(() => undefined);
    }
    await this.admin.disconnect();
  }
}
