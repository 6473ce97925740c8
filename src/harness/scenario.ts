import { randomBytes } from "node:crypto";
import kafkajs, { type Admin, type Kafka } from "kafkajs";
import type { NativeCluster } from "../broker/native/native-cluster.js";
import type { BrokerInfo } from "../broker/started-broker.js";
import type { GroupEvidence, ProducedMessage, ProducedRange, ScenarioEvidence, TopicEvidence } from "../evidence/proof-result.js";
import type { ConsumerRef, GroupRef, LogEndReading } from "../evidence/refs.js";
import { brokerErrorCode } from "./broker-errors.js";
import { BrokerWitness } from "./broker-witness.js";
import { BulkProduction } from "./bulk-production.js";
import { ClusterActions } from "./cluster-actions.js";
import { GroupOffsets, type KafkaToolDryRuns } from "./group-offsets.js";
import { kafkaClient } from "./client-settings.js";
import { KafkajsClients, type ConsumerClients } from "./consumer-clients.js";
import type { ConsumerSpec, GroupConsumer } from "./consumer.js";
import { RecordingProducer, type MessageSpec } from "./recording-producer.js";
import type { Restartable } from "./restart-rounds.js";
import { ScenarioGroups } from "./scenario-groups.js";
import { ScenarioServices } from "./scenario-services.js";
import type { ServiceUser } from "./service-user.js";
import { ScenarioHostSession, type HostAccess } from "./java/host-session.js";
import { ShareGroups } from "./share-groups.js";
import type { Cell } from "./cell.js";
import { Timeline } from "./timeline.js";
import { Transactions } from "./transactions.js";
import { createServedTopic, waitUntilServed } from "./topics.js";
import { withTimeout } from "./wait.js";

const { KafkaJSDeleteGroupsError } = kafkajs;

export type { MessageSpec } from "./recording-producer.js";

/**
 * Owns everything one run of a proof creates on the broker: clients, consumers,
 * topics and groups, each with a name unique to this run so runs never meet.
 * Disposing it closes every client; on an external cluster it also deletes
 * the topics and groups it made.
 */
export class Scenario implements AsyncDisposable {
  readonly timeline: Timeline;
  witness: BrokerWitness;
  readonly consumers: GroupConsumer[] = [];
  /** The scenario's share groups and their members (Kafka's Java KafkaShareConsumer, whatever the cell). */
  readonly share: ShareGroups;
  /** The scenario's transactional producers (kafkajs, whatever the cell). */
  readonly transactions: Transactions;
  /** An administrator's acts on a group's offsets: resets of every kind, dry runs, deleting a topic's offsets or the group. */
  readonly offsets: GroupOffsets;
  /** The scenario's consumer groups as the broker sees them: waits, the assignment timeline, readings of members and commits. */
  readonly groups: ScenarioGroups;
  /** Services with SCRAM users of their own on the scenario's cluster, and the ACLs granted to them. */
  readonly services: ScenarioServices;
  private readonly topics: string[] = [];
  private readonly groupIds = new Map<string, string>();
  private logReadings = 0;
  private attempts = 0;
  private requests = 0;
  private readonly clusterActions: ClusterActions | undefined;
  private readonly suffix = randomBytes(4).toString("hex");
  private readonly producer: RecordingProducer;
  private readonly bulk: BulkProduction;
  /** The scenario's session of the run's Java host (share consumers, bulk writes), opened on first use. */
  private readonly host: ScenarioHostSession;

  private constructor(
    readonly broker: BrokerInfo,
    readonly id: string,
    private readonly kafka: Kafka,
    public admin: Admin,
    private readonly restartable: Restartable | NativeCluster | undefined,
    private readonly clients: ConsumerClients,
    host: HostAccess,
    kafkaTool: KafkaToolDryRuns,
    swallowRefusals: boolean,
  ) {
    this.timeline = new Timeline(swallowRefusals);
    this.witness = new BrokerWitness(admin, clients.describeGroup, kafka);
    this.offsets = new GroupOffsets({
      kafka,
      // Read at each use: a broker restarted on fresh storage gives the scenario a new admin client and witness.
      admin: () => this.admin,
      witness: () => this.witness,
      timeline: this.timeline,
      groupId: (ref) => this.groupId(ref),
      nextAttempt: () => ++this.attempts,
      kafkaTool,
    });
    if (restartable && "killNode" in restartable) this.clusterActions = new ClusterActions(restartable, this.timeline, (ref) => this.groupId(ref));
    this.producer = new RecordingProducer(kafka, this.timeline);
    this.services = new ScenarioServices({
      id,
      own: restartable,
      admin: () => this.admin,
      timeline: this.timeline,
      groupId: (ref) => this.groupId(ref),
      logStartOffsets: (topic) => this.witness.logStartOffsets(topic),
      nextRequest: () => ++this.requests,
    });
    this.groups = new ScenarioGroups({
      witness: () => this.witness,
      timeline: this.timeline,
      groupIds: () => this.groupIds,
      groupId: (ref) => this.groupId(ref),
      consumers: () => this.consumers,
      topics: () => this.topics,
      produced: () => this.produced,
      cluster: this.clusterActions,
    });
    this.host = new ScenarioHostSession(host);
    this.bulk = new BulkProduction(kafka, this.timeline, broker, this.host);
    this.share = new ShareGroups({
      host: this.host,
      bootstrap: broker.bootstrapServers.join(","),
      timeline: this.timeline,
      groupId: (label) => {
        if (this.groupIds.has(label)) throw new Error(`"${label}" is a consumer group of this scenario; give the share group another label`);
        return `${this.id}-${label}-${this.suffix}`;
      },
      nameTaken: (name) => this.consumers.some((c) => c.name === name) || this.share.consumers.some((c) => c.name === name),
      produced: () => this.produced,
    });
    this.transactions = new Transactions({
      kafka,
      timeline: this.timeline,
      transactionalId: (label) => `${this.id}-${label}-${this.suffix}`,
      nameTaken: (name) => this.consumers.some((c) => c.name === name) || this.share.consumers.some((c) => c.name === name),
      produced: this.producer.produced,
      logEnd: async (topic) => (await this.witness.logEndOffsets(topic)).find((end) => end.partition === 0)?.logEndOffset ?? 0,
    });
  }

  /** Who plays the scenario's consumers, on which protocol: the run's cell. */
  get cell(): Cell {
    return this.clients.cell;
  }

  /** Everything produced so far, with the partition and offset the broker gave each message. */
  get produced(): ProducedMessage[] {
    return this.producer.produced;
  }

  /**
   * `restartable`: the scenario's own broker, for proofs that restart it, or its own
   * cluster, for proofs that kill a node or need SASL users. `clients`: who
   * plays the consumers (the run's cell; kafkajs on the classic protocol by default). `host`:
   * the run's Java host (where share consumers run and bulk orders are written), or why there is none. `kafkaTool`:
   * how `s.offsets` asks Kafka's consumer-groups tool for a dry run of each reset, or why it cannot.
   */
  static async open(
    broker: BrokerInfo,
    id: string,
    restartable?: Restartable | NativeCluster,
    clients: ConsumerClients = new KafkajsClients(broker),
    host: HostAccess = { absent: "the scenario was opened without the run's Java consumer host" },
    kafkaTool: KafkaToolDryRuns = { absent: "the scenario was opened without Kafka's consumer-groups tool" },
    /** See `ProofEnvironment.swallowRefusals`. */
    swallowRefusals = false,
  ): Promise<Scenario> {
    const kafka = kafkaClient(broker, `${id}-admin`);
    const admin = kafka.admin();
    await admin.connect();
    return new Scenario(broker, id, kafka, admin, restartable, clients, host, kafkaTool, swallowRefusals);
  }

  /** Restarts the scenario's own broker (see `NativeBroker.restart`, `RestartRounds`) and records it. */
  async restartBroker(options: { freshStorage?: boolean } = {}): Promise<void> {
    if (!this.restartable) throw new Error(`scenario ${this.id} has no broker of its own to restart; give its proof dedicatedBroker: true`);
    const partitions = new Map<string, number>();
    for (const topic of this.topics) partitions.set(topic, (await this.witness.logEndOffsets(topic)).length);
    const outcome = await this.restartable.restart(options);
    // The broker is shared with the proof's other scenarios: a restart they asked for while this one waited is part of its story too.
    for (let i = 0; i < (outcome?.sameStorageFirst ?? 0); i++) {
      this.timeline.record("restart", "broker", "broker stopped cleanly and started again on the same data, for another scenario on it, while this one waited", {
        freshStorage: false,
      });
    }
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

  /** The scenario's own cluster: kill a node, ask who coordinates a group (see `ClusterActions`). */
  get cluster(): ClusterActions {
    if (!this.clusterActions) throw new Error(`scenario ${this.id} has no cluster of its own; give its proof ownCluster: { nodes: … }`);
    return this.clusterActions;
  }

  /** A group of this run, by its label in the story; the same label always gives the same group. */
  group(label: string): GroupRef {
    if (this.share.has(label)) throw new Error(`"${label}" is a share group of this scenario; give the consumer group another label`);
    if (!this.groupIds.has(label)) this.groupIds.set(label, `${this.id}-${label}-${this.suffix}`);
    return { group: label };
  }

  /** This run's group id for a group. */
  groupId(ref: GroupRef): string {
    this.group(ref.group);
    return this.groupIds.get(ref.group)!;
  }

  /** Creates a topic named for this run and waits until the broker serves it (see `createServedTopic`); one replica unless asked. */
  async createTopic(name: string, partitions: number, { replicationFactor = 1 } = {}): Promise<string> {
    const topic = `${this.id}-${name}-${this.suffix}`;
    await createServedTopic(this.admin, topic, partitions, replicationFactor);
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
    this.witness = new BrokerWitness(this.admin, this.clients.describeGroup, this.kafka);
  }

  /** Produces messages in order, recording each one's partition and offset (see `RecordingProducer.send`). */
  produce(topic: string, messages: readonly MessageSpec[]): Promise<ProducedMessage[]> {
    return this.producer.send(topic, messages);
  }

  /**
   * Deletes the records of one partition below `offset` (DeleteRecords), so its log starts there: what a retention
   * policy does over time, done at once. Recorded on the timeline.
   */
  async deleteRecordsBefore(topic: string, partition: number, offset: number): Promise<void> {
    await this.admin.deleteTopicRecords({ topic, partitions: [{ partition, offset: String(offset) }] });
    this.timeline.record("observe", "admin", `admin deleted the records of ${topic}/${partition} below offset ${offset}: its log now starts there`, {
      topic,
      partition,
      logStart: offset,
    });
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
    return this.bulk.produce(topic, count, partitions);
  }

  /**
   * Where does the group resume? Starts a new consumer in `group` (set to
   * `fromBeginning` for a group without commits), lets it read through
   * `lastOffset` of the topic's partition 0, stops it, and returns its handle.
   * With `withinMs`, a consumer that cannot join or read that far in time is
   * recorded as such, received whatever it did, and is left to the scenario's
   * clean-up: where a group cannot resume at all, that is the evidence.
   */
  async readOnceMore(
    name: string,
    group: GroupRef,
    topic: string,
    lastOffset: number,
    { fromBeginning = true, withinMs }: { fromBeginning?: boolean; withinMs?: number } = {},
  ): Promise<ConsumerRef> {
    const again = this.consumer({ name, group, topics: [topic], fromBeginning });
    const reading = (async () => {
      await again.start();
      await again.waitForOffset(topic, 0, lastOffset, withinMs);
    })();
    if (withinMs === undefined) {
      await reading;
    } else {
      // Settled here whatever happens, so a start still trying when time runs out rejects into nothing.
      reading.catch(() => undefined);
      try {
        await withTimeout(`${name} to read through offset ${lastOffset} of group ${group.group}`, reading, withinMs);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        this.timeline.record("observe", name, `${name} did not read through offset ${lastOffset} within ${withinMs / 1000} s; it received ${again.receivedCount} (${why})`, {
          group: group.group,
          consumer: name,
        });
        return again.ref;
      }
    }
    await again.stop();
    return again.ref;
  }

  /**
   * A recording consumer in `group`, of the run's client and protocol (or of the
   * cell its `cell` names, for a proof that compares them, or as a service's user); not started.
   * Its name is its identity in the evidence, so it must be new.
   */
  consumer(options: ScenarioConsumerOptions): GroupConsumer {
    const { group, as, ...rest } = options;
    if (this.consumers.some((c) => c.name === rest.name) || this.share.consumers.some((c) => c.name === rest.name)) {
      throw new Error(`scenario ${this.id} already has a consumer named "${rest.name}"; give each consumer its own name`);
    }
    const consumer = (as?.clients ?? this.clients).consumer({ ...rest, groupLabel: group.group, groupId: this.groupId(group) }, this.timeline);
    this.consumers.push(consumer);
    return consumer;
  }

  /**
   * Reads where each partition of `topic` ends now, for a read_uncommitted reader (the high watermark) and for a
   * read_committed one (the last stable offset), and records the reading; `moment` says when, in the story's words.
   */
  async observeLogEnds(topic: string, moment: string): Promise<LogEndReading> {
    const logEnds = await this.witness.logEnds(topic);
    const logReading = ++this.logReadings;
    const shown = logEnds.map((e) => `p${e.partition} high watermark ${e.highWatermark}, last stable offset ${e.lastStable}`).join("; ");
    this.timeline.record("observe", "broker", `broker: ${topic} ends at ${shown} (${moment})`, { logReading, topic, moment, logEnds });
    return { logReading, topic };
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
      const ranged = this.groups.membersOf({ group: label }).filter((c) => c.spec.record === "ranges");
      // Asked once: by now a group whose coordinator is gone has been waited for long enough.
      const availability = await this.clusterActions?.availability(groupId, 0);
      const unavailable = availability && !availability.available ? availability.answer : undefined;
      const { state, members } = unavailable ? { state: "Unknown", members: [] } : await this.witness.describeGroup(groupId);
      groups.push({
        label,
        groupId,
        state,
        describedAt,
        members,
        committed: unavailable ? [] : await this.witness.committedOffsets(groupId, this.topics),
        // Arrival order per consumer is kept: checks look for offsets going backwards.
        received: this.groups.membersOf({ group: label }).flatMap((c) => c.received),
        ...(ranged.length > 0 ? { receivedRanges: ranged.flatMap((c) => c.ranges.ranges.map((r) => ({ ...r }))) } : {}),
        ...(unavailable ? { unavailable } : {}),
      });
    }
    const shareGroups = await this.share.evidence();
    const consumers = [...this.consumers, ...this.share.consumers].map((c) => c.evidence());
    const bulk = this.bulk.record();
    const brokers = this.clusterActions?.evidence();
    return {
      topics,
      produced: [...this.produced],
      ...(bulk.length > 0 ? { producedRanges: bulk } : {}),
      groups,
      ...(shareGroups.length > 0 ? { shareGroups } : {}),
      consumers,
      timeline: [...this.timeline.events],
      ...(brokers ? { brokers } : {}),
    };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.groups.stopWatchingAssignments();
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
    await this.share[Symbol.asyncDispose]();
    await this.clients[Symbol.asyncDispose]();
    await this.services[Symbol.asyncDispose]();
    await this.producer[Symbol.asyncDispose]();
    await this.transactions[Symbol.asyncDispose]();
    await this.bulk[Symbol.asyncDispose]();
    await this.host.close();
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
    // DeleteGroups deletes share groups too (Kafka 4).
    const groupIds = [...this.groupIds.values(), ...this.share.groupIds()];
    await this.admin.deleteGroups(groupIds).catch((error: unknown) => {
      // A group the scenario deleted itself (a proof of deleting groups) is answered GROUP_ID_NOT_FOUND: already gone.
      const failed = error instanceof KafkaJSDeleteGroupsError ? error.groups.filter((g) => brokerErrorCode(g.error) !== "GROUP_ID_NOT_FOUND") : undefined;
      if (failed?.length === 0) return;
      const which = failed ? failed.map((g) => g.groupId) : groupIds;
      left.push(`groups ${which.join(", ")} (${error instanceof Error ? error.message : String(error)})`);
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
  /** The service whose SCRAM user it connects as (kafkajs, whatever the cell); the scenario's broker settings when absent. */
  as?: ServiceUser;
}
