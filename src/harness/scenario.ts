import { randomBytes } from "node:crypto";
import type { Admin, Kafka } from "kafkajs";
import type { NativeBroker } from "../broker/native/native-broker.js";
import type { BrokerInfo } from "../broker/started-broker.js";
import { formatCommitted } from "../checks/evidence-queries.js";
import type { GroupEvidence, MemberEvidence, ProducedMessage, ProducedRange, ScenarioEvidence, TopicEvidence } from "../evidence/proof-result.js";
import type { CommittedReading, ConsumerRef, GroupRef, ResetAttempt } from "../evidence/refs.js";
import { commitAsAdmin } from "./admin-offsets.js";
import { BrokerWitness } from "./broker-witness.js";
import { BulkProduction } from "./bulk-production.js";
import { kafkaClient } from "./client-settings.js";
import { AssignmentWatch } from "./assignment-watch.js";
import { partitionsBehind } from "./partitions-behind.js";
import { KafkajsClients, type ConsumerClients } from "./consumer-clients.js";
import type { ConsumerSpec, GroupConsumer } from "./consumer.js";
import { RecordingProducer, type MessageSpec } from "./recording-producer.js";
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
  readonly consumers: GroupConsumer[] = [];
  private readonly topics: string[] = [];
  private readonly groupIds = new Map<string, string>();
  private readings = 0;
  private attempts = 0;
  private readonly suffix = randomBytes(4).toString("hex");
  private readonly producer: RecordingProducer;
  private readonly bulk: BulkProduction;
  private assignmentWatch: AssignmentWatch | undefined;

  private constructor(
    readonly broker: BrokerInfo,
    readonly id: string,
    private readonly kafka: Kafka,
    public admin: Admin,
    private readonly restartable: NativeBroker | undefined,
    private readonly clients: ConsumerClients,
  ) {
    this.witness = new BrokerWitness(admin, clients.describeGroup);
    this.producer = new RecordingProducer(kafka, this.timeline);
    this.bulk = new BulkProduction(broker, kafka, this.timeline);
  }

  /** Everything produced so far, with the partition and offset the broker gave each message. */
  get produced(): ProducedMessage[] {
    return this.producer.produced;
  }

  /**
   * `restartable`: the scenario's own broker, for proofs that restart it. `clients`: who
   * plays the consumers (the run's cell; kafkajs on the classic protocol by default).
   */
  static async open(broker: BrokerInfo, id: string, restartable?: NativeBroker, clients: ConsumerClients = new KafkajsClients(broker)): Promise<Scenario> {
    const kafka = kafkaClient(broker, `${id}-admin`);
    const admin = kafka.admin();
    await admin.connect();
    return new Scenario(broker, id, kafka, admin, restartable, clients);
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

  /** A group of this run, by its label in the story; the same label always gives the same group. */
  group(label: string): GroupRef {
    if (!this.groupIds.has(label)) this.groupIds.set(label, `${this.id}-${label}-${this.suffix}`);
    return { group: label };
  }

  /** This run's group id for a group. */
  groupId(ref: GroupRef): string {
    this.group(ref.group);
    return this.groupIds.get(ref.group)!;
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
    this.witness = new BrokerWitness(this.admin, this.clients.describeGroup);
  }

  /** Produces messages in order, recording each one's partition and offset (see `RecordingProducer.send`). */
  produce(topic: string, messages: readonly MessageSpec[]): Promise<ProducedMessage[]> {
    return this.producer.send(topic, messages);
  }

  /** Produces many messages in batches, for long runs (see `RecordingProducer.sendBatches`). */
  produceBatches(topic: string, messages: readonly (MessageSpec & { partition: number })[], batchSize?: number): Promise<ProducedMessage[]> {
    return this.producer.sendBatches(topic, messages, batchSize);
  }

  /**
   * Produces `count` orders of 100 bytes spread over the topic's `partitions`,
   * recorded as offset ranges per partition, not a message each (see `BulkProduction`).
   */
  produceBulk(topic: string, count: number, partitions: number): Promise<ProducedRange[]> {
    return this.bulk.produce(this.witness, topic, count, partitions);
  }

  /**
   * Where does the group resume? Starts a new consumer in `group` (set to
   * `fromBeginning` for a group without commits), lets it read through
   * `lastOffset` of the topic's partition 0, stops it, and returns its handle.
   */
  async readOnceMore(name: string, group: GroupRef, topic: string, lastOffset: number, { fromBeginning = true } = {}): Promise<ConsumerRef> {
    const again = await this.consumer({ name, group, topics: [topic], fromBeginning }).start();
    await again.waitForOffset(topic, 0, lastOffset);
    await again.stop();
    return again.ref;
  }

  /**
   * A recording consumer in `group`, of the run's client and protocol; not started.
   * Its name is its identity in the evidence, so it must be new.
   */
  consumer(options: ScenarioConsumerOptions): GroupConsumer {
    const { group, ...rest } = options;
    if (this.consumers.some((c) => c.name === rest.name)) {
      throw new Error(`scenario ${this.id} already has a consumer named "${rest.name}"; give each consumer its own name`);
    }
    const consumer = this.clients.consumer({ ...rest, groupLabel: group.group, groupId: this.groupId(group) }, this.timeline);
    this.consumers.push(consumer);
    return consumer;
  }

  private membersOf(ref: GroupRef): GroupConsumer[] {
    const groupId = this.groupId(ref);
    return this.consumers.filter((c) => c.spec.groupId === groupId);
  }

  /**
   * Waits until each of these groups, all its members together, has received
   * every message produced so far (counting distinct partition/offset pairs).
   */
  async waitUntilGroupsReceivedAll(groups: readonly GroupRef[], timeoutMs = 10_000): Promise<void> {
    const wanted = this.produced.length;
    for (const ref of uniqueGroups(groups)) {
      await waitFor(
        `group ${ref.group} to receive all ${wanted} produced messages`,
        (note) => {
          const distinct = new Set(this.membersOf(ref).flatMap((c) => c.received.map((m) => `${m.topic}/${m.partition}@${m.offset}`))).size;
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
  async waitUntilGroupsCaughtUp(groups: readonly GroupRef[], timeoutMs = 15_000): Promise<void> {
    for (const ref of uniqueGroups(groups)) {
      await waitFor(
        `group ${ref.group} to receive the last message of every partition`,
        async (note) => {
          const behind = await partitionsBehind(this.witness, this.topics, this.membersOf(ref));
          note(`behind on ${behind.join(", ") || "nothing"}`);
          return behind.length === 0 ? true : undefined;
        },
        { timeoutMs, intervalMs: 50 },
      );
    }
  }

  /**
   * Waits until each group has nothing left to read: on every partition, a
   * member received the last message, or the broker holds the group's
   * committed offset at the log end (acknowledged, whether or not received).
   */
  async waitUntilGroupsDrained(groups: readonly GroupRef[], timeoutMs = 15_000): Promise<void> {
    for (const ref of uniqueGroups(groups)) {
      await waitFor(
        `group ${ref.group} to have received or committed the last message of every partition`,
        async (note) => {
          const committed = await this.witness.committedOffsets(this.groupId(ref), this.topics);
          const behind = await partitionsBehind(this.witness, this.topics, this.membersOf(ref), committed);
          note(`behind on ${behind.join(", ") || "nothing"}`);
          return behind.length === 0 ? true : undefined;
        },
        { timeoutMs, intervalMs: 100 },
      );
    }
  }

  /** Waits until the broker describes the group as Stable with `members` members that own every partition of `topic`. */
  async waitForStableGroup(ref: GroupRef, members: number, topic: string, timeoutMs = 15_000): Promise<void> {
    const groupId = this.groupId(ref);
    const partitions = (await this.witness.logEndOffsets(topic)).length;
    await waitFor(
      `group ${ref.group} (${groupId}) to be Stable with ${members} members owning all ${partitions} partitions`,
      async (note) => {
        const group = await this.witness.describeGroup(groupId);
        const owned = group.members.flatMap((m) => m.assignment).filter((tp) => tp.topic === topic).length;
        note(`${group.state}, ${group.members.length} members, ${owned} partitions owned`);
        return group.state === "Stable" && group.members.length === members && owned === partitions ? group : undefined;
      },
      { timeoutMs },
    );
    await this.observeGroup(ref);
  }

  /**
   * For every group that has running consumers, waits until the broker says it is
   * Stable with all of them as members, owning every partition of `topic`.
   */
  async waitForStableGroups(topic: string): Promise<void> {
    for (const label of this.groupIds.keys()) {
      const members = this.membersOf({ group: label }).filter((c) => c.isRunning).length;
      if (members > 0) await this.waitForStableGroup({ group: label }, members, topic);
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

  /** Asks the broker who is in the group and what each member owns now, and records it on the timeline. */
  async observeGroup(ref: GroupRef): Promise<{ state: string; members: MemberEvidence[] }> {
    const group = await this.witness.describeGroup(this.groupId(ref));
    this.timeline.record("observe", "broker", `broker: group ${ref.group} is ${group.state} with ${group.members.length} member(s)`, {
      group: ref.group,
      state: group.state,
      members: group.members.map((m) => ({ clientId: m.clientId, assignment: m.assignment })),
    });
    return group;
  }

  /**
   * Reads the group's committed offsets from the broker now and records the
   * reading; `moment` says when, in the story's words. Checks are given the
   * returned reading, never the words.
   */
  async observeCommitted(ref: GroupRef, moment: string): Promise<CommittedReading> {
    // Retried while the coordinator is still being elected (a broker that has just started).
    const committed = await waitFor(`the committed offsets of group ${ref.group}`, () => this.witness.committedOffsets(this.groupId(ref), this.topics), {
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    const reading = ++this.readings;
    this.timeline.record("observe", "broker", `broker: group ${ref.group} has committed ${formatCommitted(committed)} (${moment})`, {
      reading,
      group: ref.group,
      moment,
      committed,
    });
    return { reading, group: ref.group };
  }

  /**
   * Resets the group's committed offsets on `topic` to the earliest offsets the
   * log still holds, through the broker (see `commitAsAdmin`). A refusal by the
   * broker, with its error code, is recorded as evidence, not thrown: it is part
   * of the story. Anything else (a timeout, a lost connection) is no refusal
   * and breaks off the scenario.
   */
  async resetToEarliest(ref: GroupRef, topic: string): Promise<ResetAttempt> {
    const attempt = ++this.attempts;
    const earliest = await this.witness.logStartOffsets(topic);
    try {
      await commitAsAdmin(this.kafka, this.groupId(ref), topic, earliest);
    } catch (error) {
      const code = brokerErrorCode(error);
      if (code === undefined) throw error;
      const message = error instanceof Error ? error.message : String(error);
      this.timeline.record("refused", "admin", `broker refused to reset group ${ref.group}: ${code} (${message})`, { attempt, group: ref.group, code, error: message });
      return { attempt, group: ref.group };
    }
    this.timeline.record("reset", "admin", `admin reset group ${ref.group} to the earliest offsets (${earliest.map((e) => `p${e.partition}=${e.offset}`).join(", ")})`, {
      attempt,
      group: ref.group,
      topic,
      offsets: earliest,
    });
    return { attempt, group: ref.group };
  }

  /**
   * Reads the final evidence from the broker: log-end offsets, each group's
   * committed offsets, state and members (asked now, with the time asked), and
   * what each consumer received.
   */
  async evidence(): Promise<ScenarioEvidence> {
    const topics: TopicEvidence[] = [];
    for (const name of this.topics) topics.push({ name, partitions: await this.witness.logEndOffsets(name) });
    const groups: GroupEvidence[] = [];
    for (const [label, groupId] of this.groupIds) {
      const describedAt = this.timeline.now();
      const { state, members } = await this.witness.describeGroup(groupId);
      const ranged = this.membersOf({ group: label }).filter((c) => c.spec.record === "ranges");
      groups.push({
        label,
        groupId,
        state,
        describedAt,
        members,
        committed: await this.witness.committedOffsets(groupId, this.topics),
        // Arrival order per consumer is kept: checks look for offsets going backwards.
        received: this.membersOf({ group: label }).flatMap((c) => c.received),
        ...(ranged.length > 0 ? { receivedRanges: ranged.flatMap((c) => c.ranges.ranges.map((r) => ({ ...r }))) } : {}),
      });
    }
    const consumers = this.consumers.map((c) => c.evidence());
    const bulk = this.bulk.record();
    return { topics, produced: [...this.produced], ...(bulk.length > 0 ? { producedRanges: bulk } : {}), groups, consumers, timeline: [...this.timeline.events] };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stopWatchingAssignments();
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
    await this.clients[Symbol.asyncDispose]();
    await this.producer[Symbol.asyncDispose]();
    await this.bulk[Symbol.asyncDispose]();
    if (this.broker.mode === "external") await this.removeFromCluster();
    await this.admin.disconnect();
  }

  /**
   * On someone's cluster, deletes the groups and topics this run made (only
   * those: a topic that already existed is never adopted, see `createServedTopic`),
   * and says plainly what it could not delete.
   */
  private async removeFromCluster(): Promise<void> {
    const left: string[] = [];
    await this.admin.deleteGroups([...this.groupIds.values()]).catch((error: unknown) => {
      left.push(`groups ${[...this.groupIds.values()].join(", ")} (${error instanceof Error ? error.message : String(error)})`);
    });
    if (this.topics.length > 0) {
      await this.admin.deleteTopics({ topics: this.topics }).catch((error: unknown) => {
        left.push(`topics ${this.topics.join(", ")} (${error instanceof Error ? error.message : String(error)})`);
      });
    }
    if (left.length > 0) {
      console.warn(`scenario ${this.id}: could not delete from the cluster: ${left.join("; ")}. Delete them by hand; this run created them.`);
    }
  }
}

export interface ScenarioConsumerOptions extends Omit<ConsumerSpec, "groupId" | "groupLabel"> {
  group: GroupRef;
}

function uniqueGroups(groups: readonly GroupRef[]): GroupRef[] {
  return [...new Set(groups.map((g) => g.group))].map((group) => ({ group }));
}

/** The broker's error code (e.g. UNKNOWN_MEMBER_ID), which kafkajs puts in a protocol error's `type`; undefined for any other error. */
function brokerErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== "KafkaJSProtocolError") return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === "string" ? type : undefined;
}
