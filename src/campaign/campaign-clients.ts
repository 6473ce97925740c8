import type { Consumer, Producer } from "kafkajs";
import type { BrokerInfo } from "../broker/started-broker.js";
import { CONSUMER_SETTINGS, kafkaClient } from "../harness/client-settings.js";
import { HostLink, type HostEvent } from "../harness/java/host-link.js";
import { HostProcess, type HostLocation } from "../harness/java/host-process.js";
import { endFetchersOfStoppedConsumers } from "../harness/kafkajs-stopped-fetchers.js";
import { SeverableConnections } from "../harness/severable-connections.js";
import { withTimeout } from "../harness/wait.js";
import type { HistoryRecorder } from "./history.js";

/**
 * The campaign's clients, each writing what it invoked and saw complete into the history, as it happens: producers
 * that record every write and its acknowledged offset, and members of three kinds of group — kafkajs on the classic
 * protocol, Kafka's Java consumer on the consumer protocol, Kafka's Java share consumer — that record every delivery
 * and every commit or acknowledgement with the broker's answer. Members commit (or acknowledge) only what they have
 * finished, which here is everything they were handed, a commit round every `COMMIT_EVERY_MS`.
 */

// Members here are cut off and stopped while brokers die, which leaves kafkajs' fetchers spinning without this.
endFetchersOfStoppedConsumers();

/** ms since the campaign started: every operation's time. */
export type Clock = () => number;

/** A member's commit round: often enough that a crash re-delivers little, seldom enough not to flood the coordinator. */
const COMMIT_EVERY_MS = 250;
/** How long a dead member holds its partitions: short, so a crash is noticed within a fault's window. */
export const MEMBER_SESSION_TIMEOUT_MS = 6_000;
/** A share member releases every so many first deliveries, so delivery counts above one occur without any fault. */
const RELEASE_EVERY = 50;
/** The producer's write: a few records to one partition, one request. */
const BATCH = 5;
/** Longer than kafkajs' own retries of one send (request timeout 10 s, retries up to 10 × 1 s). */
const SEND_WITHIN_MS = 60_000;

export interface ProducerSpec {
  name: string;
  topic: string;
  partitions: number;
  /** -1 (all) with idempotence on, or 1 for the control. */
  acks: -1 | 1;
  /** Campaign-unique values: every producer draws from one counter. */
  nextValue: () => number;
  /** Pause between two writes of one producer. */
  pauseMs: number;
}

/**
 * A producer writing numbered records to every partition until stopped, each write recorded with its outcome: one
 * loop per partition, so a partition whose leader is paused holds up only its own writes.
 *
 * A failed send is never taken as "not written": kafkajs retries, and an attempt that timed out may have been
 * appended while the last attempt was refused. And after a failed send, kafkajs' idempotent producer may send its next
 * batch with the sequence number of the one that failed: a broker that had appended the failed batch takes the new
 * one for its duplicate, answers with the old batch's offset, and drops it — an acknowledged write that is not in the
 * log (found by a 600 s campaign). So each loop has a producer of its own, replaced (a new producer id) after any
 * failed send, as Kafka's Java producer bumps its epoch.
 */
export class CampaignProducer {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  writes = 0;

  constructor(
    readonly spec: ProducerSpec,
    private readonly broker: BrokerInfo,
    private readonly history: HistoryRecorder,
    private readonly clock: Clock,
  ) {}

  private async connected(): Promise<Producer> {
    const kafka = kafkaClient(this.broker, this.spec.name, { retry: { initialRetryTime: 100, maxRetryTime: 1_000, retries: 10 } });
    const producer =
      this.spec.acks === -1
        ? kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
        : kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 } });
    await producer.connect();
    return producer;
  }

  async start(): Promise<void> {
    const producers = await Promise.all(Array.from({ length: this.spec.partitions }, () => this.connected()));
    this.running = true;
    this.loop = Promise.all(producers.map((producer, partition) => this.writeTo(partition, producer))).then(() => undefined);
  }

  private async writeTo(partition: number, first: Producer): Promise<void> {
    const { name, topic, acks } = this.spec;
    let producer: Producer | undefined = first;
    while (this.running) {
      const values = Array.from({ length: BATCH }, () => this.spec.nextValue());
      for (const value of values) this.history.produceInvoke(this.clock(), { producer: name, topic, partition, value });
      try {
        producer ??= await this.connected();
        // A send whose error escaped kafkajs (see scripts/campaign.ts) never settles: given up after a while, it is
        // unknown as any failed send is, and the loop goes on instead of waiting for ever on nothing that is running.
        const sent = producer.send({ topic, acks, timeout: 10_000, messages: values.map((value) => ({ partition, value: String(value) })) });
        const [meta] = await withTimeout(`${name}'s write to ${topic}/${partition}`, sent, SEND_WITHIN_MS);
        const base = Number(meta?.baseOffset ?? Number.NaN);
        const at = this.clock();
        values.forEach((value, i) => {
          if (Number.isFinite(base)) this.history.produceAck(at, { producer: name, topic, partition, value, offset: base + i });
          else this.history.produceFail(at, { producer: name, topic, partition, value }, false);
        });
      } catch {
        const at = this.clock();
        for (const value of values) this.history.produceFail(at, { producer: name, topic, partition, value }, false);
        if (producer) await withTimeout("a kafkajs producer to disconnect", producer.disconnect(), SEND_WITHIN_MS).catch(() => undefined);
        producer = undefined;
      }
      this.writes += values.length;
      await new Promise((resolve) => setTimeout(resolve, this.spec.pauseMs));
    }
    if (producer) await withTimeout("a kafkajs producer to disconnect", producer.disconnect(), SEND_WITHIN_MS).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

/** A member of one of the campaign's groups, as the nemesis and the heal handle it. */
export interface CampaignMember {
  readonly name: string;
  /** The group's id, as the history names it. */
  readonly group: string;
  readonly kind: "kafkajs" | "java" | "share";
  readonly isRunning: boolean;
  /** Joins (again); records the join. */
  start(): Promise<void>;
  /** Leaves cleanly, after a last commit; records the leave. */
  stop(): Promise<void>;
  /** Dies without a word; records the crash. */
  crash(): Promise<void>;
  /** Cuts its connections without a goodbye and keeps them cut, the process running; resolves with why not, when it cannot be. */
  sever?(): Promise<{ refused: string } | undefined>;
  /** Lets it connect again; a member that gave up meanwhile is started anew. */
  reconnect?(): Promise<void>;
}

interface MemberSpec {
  name: string;
  group: string;
  topic: string;
}

/** What a consumer-group member has finished and what it has committed, per partition, for its commit rounds. */
class CommitBook {
  finished = new Map<number, number>();
  committed = new Map<number, number>();
  owned = new Set<number>();

  due(): { partition: number; offset: number }[] {
    const due: { partition: number; offset: number }[] = [];
    for (const [partition, offset] of this.finished) if (this.owned.has(partition) && offset > (this.committed.get(partition) ?? -1)) due.push({ partition, offset });
    return due;
  }

  /** A new assignment: what it no longer owns it must not commit, as another member may have moved past it. */
  assigned(partitions: readonly number[]): void {
    this.owned = new Set(partitions);
    for (const p of [...this.finished.keys()]) if (!this.owned.has(p)) this.finished.delete(p);
  }
}

/** A consumer-group member of either client: records each delivery, and commits what it finished in rounds, each commit recorded with its outcome. */
abstract class CommittingMember {
  protected book = new CommitBook();
  protected running = false;
  private committing: NodeJS.Timeout | undefined;

  constructor(
    protected readonly spec: MemberSpec,
    protected readonly history: HistoryRecorder,
    protected readonly clock: Clock,
  ) {}

  get name(): string {
    return this.spec.name;
  }
  get group(): string {
    return this.spec.group;
  }

  /** Sends one commit of `due` to the broker; rejects when the broker refused it or did not answer. */
  protected abstract sendCommit(due: readonly { partition: number; offset: number }[]): Promise<unknown>;

  /** `finished`: false for a delivery to a client the member no longer counts as its own (one told to stop): recorded, never committed. */
  protected received(partition: number, offset: number, value: number, finished = true): void {
    const { group, name, topic } = this.spec;
    this.history.consume(this.clock(), { group, consumer: name, topic, partition, offset, value });
    if (finished) this.book.finished.set(partition, offset + 1);
  }

  protected startCommitting(): void {
    this.running = true;
    // A round that fails records its commits as refused, itself; nothing is left to catch.
    this.committing = setInterval(() => {
      this.commitRound().catch(() => undefined);
    }, COMMIT_EVERY_MS);
  }

  /** Stops the rounds; `last`: one more round first, as a member leaving cleanly commits what it finished. */
  protected async stopCommitting(last: boolean): Promise<void> {
    clearInterval(this.committing);
    if (last) await this.commitRound().catch(() => undefined);
    this.running = false;
  }

  private async commitRound(): Promise<void> {
    const due = this.book.due();
    if (due.length === 0) return;
    const { group, name, topic } = this.spec;
    for (const d of due) this.book.committed.set(d.partition, d.offset);
    let ok = true;
    try {
      await this.sendCommit(due);
    } catch {
      ok = false;
      for (const d of due) this.book.committed.delete(d.partition);
    }
    const at = this.clock();
    for (const d of due) this.history.commit(at, { group, consumer: name, topic, partition: d.partition, offset: d.offset, ok });
  }
}

/** How long a supervisor waits before starting again a member whose client gave up, as a service manager's restart delay. */
const REVIVE_AFTER_MS = 1_000;
/** A started member that has not joined its group by then is taken for hung, and started anew: longer than a broker's longest pause. */
const JOIN_WITHIN_MS = 40_000;

/**
 * kafkajs on the classic protocol, in this process: its connections can be cut (`SeverableConnections`), as a crash or
 * a cable pulled would. kafkajs gives up on errors it does not count as retriable, and its consumer then stays stopped;
 * a service would be started again by its supervisor, and so is this member: the give-up is recorded as a crash, and
 * the start anew joins the group as any start does. Cut off, it is started anew only once its connections are back.
 * Starts, stops, crashes, reconnections and revivals run one at a time, so none of them sees another half done.
 */
export class KafkajsMember extends CommittingMember implements CampaignMember {
  readonly kind = "kafkajs";
  private consumer: Consumer | undefined;
  private connections = new SeverableConnections();
  /** kafkajs gave up on a crash (it restarts itself on retriable ones). */
  private gaveUp = false;
  /** Started by the campaign and neither stopped nor crashed by it since: the supervisor keeps such a member running. */
  private wanted = false;
  private severed = false;
  /** Which start of the member its kafkajs consumer belongs to. */
  private incarnation = 0;
  private lifecycle: Promise<void> = Promise.resolve();
  /** Times the supervisor started it again after kafkajs gave up. */
  revived = 0;

  constructor(
    spec: MemberSpec,
    private readonly broker: BrokerInfo,
    history: HistoryRecorder,
    clock: Clock,
  ) {
    super(spec, history, clock);
  }

  get isRunning(): boolean {
    return this.running && !this.gaveUp;
  }

  /** Runs `op` after every lifecycle operation before it has finished, failed or not. */
  private serially(op: () => Promise<void>): Promise<void> {
    const done = this.lifecycle.then(op);
    this.lifecycle = done.catch(() => undefined);
    return done;
  }

  start(): Promise<void> {
    return this.serially(async () => {
      this.wanted = true;
      if (!this.isRunning) await this.join();
    });
  }

  /** Starts a kafkajs consumer in the group; one that fails to start is the supervisor's to try again, as a service's would be, and the caller learns of it too. */
  private join(): Promise<void> {
    return this.joinOnce().catch((error: unknown) => {
      this.reviveLater();
      throw error;
    });
  }

  private async joinOnce(): Promise<void> {
    const { name, group, topic } = this.spec;
    this.connections = new SeverableConnections();
    this.severed = false;
    this.book = new CommitBook();
    this.gaveUp = false;
    const kafka = kafkaClient(this.broker, name, { socketFactory: this.connections.factory });
    // kafkajs restarts a crashed consumer after a pause even when it was stopped meanwhile (its coordinator's broker
    // killed while it left): a member stopped or crashed would rejoin, read, and never commit. Only this incarnation,
    // while the member runs, may be restarted; cut off (`sever`), it still runs and reconnects by itself.
    const incarnation = ++this.incarnation;
    const current = () => this.running && this.incarnation === incarnation;
    // kafkajs may rejoin and read on after it was told to stop (a retry already under way): such a consumer is stale.
    const stale = () => this.incarnation !== incarnation || !this.wanted;
    let joined = false;
    const retry = { ...CONSUMER_SETTINGS.retry, restartOnFailure: async () => current() };
    const consumer = kafka.consumer({ groupId: group, ...CONSUMER_SETTINGS, retry, sessionTimeout: MEMBER_SESSION_TIMEOUT_MS, allowAutoTopicCreation: false });
    this.consumer = consumer;
    // Each JoinGroup answer is a new generation, and where the group's partitions may have moved: the membership
    // change a redelivery is allowed across. Recorded then, not when the member was started, long before it joined.
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      joined = true;
      this.history.membership(this.clock(), group, name, "join");
      if (!stale()) return this.book.assigned(e.payload.memberAssignment[topic] ?? []);
      // It did join, and holds partitions no one else will read until it leaves: it is stopped again.
      consumer
        .disconnect()
        .then(() => this.history.membership(this.clock(), group, name, "leave"))
        .catch(() => undefined);
    });
    consumer.on(consumer.events.CRASH, (e) => {
      if (!e.payload.restart && current() && !this.gaveUp) this.gaveUpOnItsOwn();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const finished = !stale();
          for (const m of batch.messages) this.received(batch.partition, Number(m.offset), valueOf(m.value), finished);
          // A stale consumer's failure stops it for good: kafkajs restarts only the current one (`restartOnFailure`).
          if (!finished) throw new Error(`${name}'s consumer was told to stop`);
        },
      });
    } catch (error) {
      await disconnected(consumer);
      throw error;
    }
    this.startCommitting();
    setTimeout(() => {
      if (joined || stale() || this.severed || this.gaveUp) return;
      // Never joined: kafkajs stuck in a retry that goes nowhere; a supervisor's health check would restart it too.
      this.gaveUpOnItsOwn();
    }, JOIN_WITHIN_MS).unref();
  }

  /** kafkajs stopped the consumer for good: a crash, as the group sees it; the supervisor starts it again. */
  private gaveUpOnItsOwn(): void {
    this.gaveUp = true;
    this.history.membership(this.clock(), this.spec.group, this.spec.name, "crash");
    this.reviveLater();
  }

  private reviveLater(): void {
    setTimeout(() => {
      this.serially(async () => {
        // Cut off, it waits for its connections (`reconnect`); stopped or crashed by the campaign, it stays down.
        if (this.isRunning || !this.wanted || this.severed) return;
        await this.startAnew();
      }).catch(() => undefined);
    }, REVIVE_AFTER_MS).unref();
  }

  private async startAnew(): Promise<void> {
    await this.stopCommitting(false);
    await disconnected(this.consumer);
    await this.join();
    this.revived++;
  }

  protected sendCommit(due: readonly { partition: number; offset: number }[]): Promise<unknown> {
    if (!this.consumer) return Promise.reject(new Error(`${this.name} has not started`));
    return this.consumer.commitOffsets(due.map((d) => ({ topic: this.spec.topic, partition: d.partition, offset: String(d.offset) })));
  }

  stop(): Promise<void> {
    return this.serially(async () => {
      this.wanted = false;
      if (!this.running) return;
      await this.stopCommitting(true);
      await disconnected(this.consumer);
      this.history.membership(this.clock(), this.spec.group, this.spec.name, "leave");
    });
  }

  crash(): Promise<void> {
    return this.serially(async () => {
      this.wanted = false;
      await this.stopCommitting(false);
      this.connections.sever();
      this.history.membership(this.clock(), this.spec.group, this.spec.name, "crash");
      // Its LeaveGroup cannot get out: the connections are cut. What it has not committed, another member reads again.
      await disconnected(this.consumer);
    });
  }

  async sever(): Promise<undefined> {
    this.severed = true;
    this.connections.sever();
    return undefined;
  }

  reconnect(): Promise<void> {
    return this.serially(async () => {
      this.severed = false;
      this.connections.restore();
      if (this.wanted && !this.isRunning) await this.startAnew();
    });
  }
}

/** A JVM of Kafka's Java clients, over stdin and stdout: killing it is `kill -9` of every member it hosts. */
export class JavaHost {
  private constructor(
    readonly process: HostProcess,
    readonly link: HostLink,
  ) {}

  /** `severable`: its connections can be cut and restored (`link.request("sever")`), for a JVM that hosts one member. */
  static async start(location: HostLocation, label: string, severable = false): Promise<JavaHost> {
    const jvm = new HostProcess(location, "stdio", process.env, severable);
    const link = new HostLink(jvm.child.stdout, jvm.child.stdin, `${label}'s Java host`, (line) => {
      if (line.startsWith("@@ ready")) jvm.onReady(line.slice("@@ ready".length).trim());
    });
    jvm.child.once("exit", () => link.fail(jvm.failure(`${label}'s JVM exited`)));
    await jvm.ready;
    return new JavaHost(jvm, link);
  }

  kill(): Promise<void> {
    return this.process.kill();
  }
  close(): Promise<void> {
    return this.process.close(10_000);
  }
}

/** Where a Java member lives: `own` makes it a JVM of its own (one that can be killed); otherwise the shared one. */
export interface JavaSeat {
  host: () => Promise<JavaHost>;
  /** Set for a member with a JVM of its own: killing it is the crash. */
  own: boolean;
  bootstrap: string;
}

/**
 * What the nemesis does to a Java member's JVM: `kill -9`, or its connections cut and kept cut from inside it
 * (SeverableSelectorProvider.java), as Kafka's Java clients take no socket factory to cut them with; only a member
 * with a JVM of its own can be cut off without its neighbours.
 */
class JavaFaults {
  private cut: JavaHost | undefined;

  async sever(name: string, seat: JavaSeat, host: JavaHost | undefined): Promise<{ refused: string } | undefined> {
    if (!seat.own) return { refused: `${name} shares its JVM with other members; only a member with a JVM of its own can be cut off alone` };
    if (!host) return { refused: `${name} has no JVM running` };
    await host.link.request("sever", {});
    this.cut = host;
    return undefined;
  }

  async restore(): Promise<void> {
    await this.cut?.link.request("restore", {}).catch(() => undefined);
    this.cut = undefined;
  }

  /** `kill -9` of the member's JVM, its crash: a JVM that is gone has no connections to restore. */
  async kill(host: JavaHost | undefined): Promise<void> {
    await host?.kill();
    this.cut = undefined;
  }
}

/** Kafka's Java KafkaConsumer on the consumer group protocol (KIP-848). */
export class JavaMember extends CommittingMember implements CampaignMember {
  readonly kind = "java";
  private host: JavaHost | undefined;
  private failed = false;
  private readonly faults = new JavaFaults();

  constructor(
    spec: MemberSpec,
    private readonly seat: JavaSeat,
    history: HistoryRecorder,
    clock: Clock,
  ) {
    super(spec, history, clock);
  }

  get isRunning(): boolean {
    return this.running && !this.failed;
  }

  async start(): Promise<void> {
    const { name, group, topic } = this.spec;
    this.book = new CommitBook();
    this.failed = false;
    this.host = await this.seat.host();
    this.host.link.listen(name, (event) => this.onEvent(event));
    this.history.membership(this.clock(), group, name, "join");
    await this.host.link.request("create", {
      consumer: name,
      bootstrap: this.seat.bootstrap,
      groupId: group,
      protocol: "consumer",
      topics: [topic],
      reset: "earliest",
      offsetsOnly: false,
      readUncommitted: false,
      sessionTimeoutMs: MEMBER_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: 250,
    });
    this.startCommitting();
  }

  private onEvent(event: HostEvent): void {
    if (event.event === "polled") {
      for (const r of event.records) if (r.topic === this.spec.topic) this.received(r.partition, r.offset, valueOf(r.value));
    } else if (event.event === "assigned" || event.event === "revoked") {
      // What it owns after the change: a revocation's `assignment` is what it keeps.
      this.book.assigned(event.assignment.filter((tp) => tp.topic === this.spec.topic).map((tp) => tp.partition));
      // Lost, not revoked: the group had fenced it (its session expired) and given its partitions away meanwhile.
      const change = event.event === "revoked" && event.how === "lost" ? "lost" : "assigned";
      this.history.membership(this.clock(), this.spec.group, this.spec.name, change);
    } else if (event.event === "failed") this.failed = true;
  }

  protected sendCommit(due: readonly { partition: number; offset: number }[]): Promise<unknown> {
    if (!this.host) return Promise.reject(new Error(`${this.name} has not started`));
    return this.host.link.request("commit", { consumer: this.spec.name, offsets: due.map((d) => ({ topic: this.spec.topic, partition: d.partition, offset: d.offset })) });
  }

  async stop(): Promise<void> {
    await this.faults.restore();
    if (!this.running) return;
    await this.stopCommitting(true);
    await this.host?.link.request("close", { consumer: this.spec.name }).catch(() => undefined);
    if (this.seat.own) await this.host?.close();
    this.history.membership(this.clock(), this.spec.group, this.spec.name, "leave");
  }

  async crash(): Promise<void> {
    if (!this.seat.own) throw new Error(`${this.spec.name} shares its JVM with other members; only a member with a JVM of its own can be killed`);
    await this.stopCommitting(false);
    await this.faults.kill(this.host);
    this.history.membership(this.clock(), this.spec.group, this.spec.name, "crash");
  }

  sever(): Promise<{ refused: string } | undefined> {
    return this.faults.sever(this.spec.name, this.seat, this.host);
  }

  reconnect(): Promise<void> {
    return this.faults.restore();
  }
}

/** Kafka's Java KafkaShareConsumer (KIP-932) in explicit mode: accepts what it is given, releasing a few first deliveries. */
export class ShareMember implements CampaignMember {
  readonly kind = "share";
  private host: JavaHost | undefined;
  private running = false;
  private failed = false;
  private readonly faults = new JavaFaults();
  /** Acknowledgements in flight, one after another: the member polls again only once its last poll is settled. */
  private acknowledging: Promise<void> = Promise.resolve();

  constructor(
    private readonly spec: MemberSpec,
    private readonly seat: JavaSeat,
    private readonly history: HistoryRecorder,
    private readonly clock: Clock,
    /** Per "partition/offset": the record was accepted; for the heal's wait. */
    private readonly accepted: (partition: number, offset: number) => void,
  ) {}

  get name(): string {
    return this.spec.name;
  }
  get group(): string {
    return this.spec.group;
  }
  get isRunning(): boolean {
    return this.running && !this.failed;
  }

  async start(): Promise<void> {
    const { name, group, topic } = this.spec;
    this.failed = false;
    this.acknowledging = Promise.resolve();
    this.host = await this.seat.host();
    this.host.link.listen(name, (event) => this.onEvent(event));
    this.history.membership(this.clock(), group, name, "join");
    await this.host.link.request("share-create", { consumer: name, bootstrap: this.seat.bootstrap, groupId: group, topics: [topic] });
    this.running = true;
  }

  private onEvent(event: HostEvent): void {
    if (event.event === "failed") {
      this.failed = true;
      return;
    }
    if (event.event !== "share-polled" || event.records.length === 0) return;
    const { name, group } = this.spec;
    const settle = event.records.map((r) => {
      this.history.shareDeliver(this.clock(), { group, consumer: name, topic: r.topic, partition: r.partition, offset: r.offset, deliveryCount: r.deliveryCount });
      const type = r.deliveryCount === 1 && valueOf(r.value) % RELEASE_EVERY === 0 ? ("release" as const) : ("accept" as const);
      return { topic: r.topic, partition: r.partition, offset: r.offset, type };
    });
    const host = this.host!;
    this.acknowledging = this.acknowledging.then(async () => {
      let results: { topic: string; partition: number; error: string | null }[] = [];
      try {
        results = (await host.link.request("share-acknowledge", { consumer: name, acknowledgements: settle })).results as typeof results;
      } catch {
        // No answer at all (the JVM died, the request timed out): every outcome below is unknown.
      }
      const at = this.clock();
      for (const s of settle) {
        const result = results.find((r) => r.topic === s.topic && r.partition === s.partition);
        const outcome = result === undefined ? "unknown" : result.error === null ? "taken" : REFUSED_ACKNOWLEDGEMENT.has(errorClass(result.error)) ? "refused" : "unknown";
        this.history.shareAck(at, { group, consumer: name, ...s, outcome });
        if (outcome === "taken" && s.type === "accept") this.accepted(s.partition, s.offset);
      }
    });
  }

  async stop(): Promise<void> {
    await this.faults.restore();
    if (!this.running) return;
    this.running = false;
    await this.acknowledging;
    await this.host?.link.request("share-close", { consumer: this.spec.name }).catch(() => undefined);
    if (this.seat.own) await this.host?.close();
    this.history.membership(this.clock(), this.spec.group, this.spec.name, "leave");
  }

  async crash(): Promise<void> {
    if (!this.seat.own) throw new Error(`${this.spec.name} shares its JVM with other members; only a member with a JVM of its own can be killed`);
    this.running = false;
    await this.faults.kill(this.host);
    this.history.membership(this.clock(), this.spec.group, this.spec.name, "crash");
  }

  sever(): Promise<{ refused: string } | undefined> {
    return this.faults.sever(this.spec.name, this.seat, this.host);
  }

  reconnect(): Promise<void> {
    return this.faults.restore();
  }
}

/**
 * The broker's answers to a share acknowledgement that mean it settled nothing: the record was no longer acquired by
 * this member (its lock had passed, INVALID_RECORD_STATE). The Java client reports each error code as its exception
 * class, which the host passes on before its message; any other (a lost connection, a leader gone) leaves it unknown.
 */
const REFUSED_ACKNOWLEDGEMENT = new Set(["InvalidRecordStateException"]);
const errorClass = (error: string): string => error.split(":")[0]!.trim();

/** A kafkajs consumer disconnected, or given up on: a disconnect whose error escaped kafkajs never settles. */
function disconnected(consumer: Consumer | undefined): Promise<unknown> {
  return consumer ? withTimeout("a kafkajs consumer to disconnect", consumer.disconnect(), SEND_WITHIN_MS).catch(() => undefined) : Promise.resolve();
}

/** The campaign writes integers; anything else in its topics is not its record. */
function valueOf(value: Buffer | string | null): number {
  const n = Number(value === null ? Number.NaN : String(value));
  return Number.isInteger(n) ? n : -1;
}
