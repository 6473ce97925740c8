import type { AcknowledgeType, ConsumerEvidence, MemberEvidence, ShareDelivery } from "../../evidence/proof-result.js";
import type { ConsumerRef, ShareGroupRef } from "../../evidence/refs.js";
import type { Timeline } from "../timeline.js";
import { waitFor } from "../wait.js";
import type { HostEvent, HostLink } from "./host-link.js";

/** What a share consumer does with a delivery: acknowledge it one of three ways, or hold it unacknowledged until told. */
export type Decision = AcknowledgeType | "hold";

export interface ShareConsumerSpec {
  /** The consumer's name in the story ("S1"); also its client id. */
  name: string;
  /** The share group's label in the story. */
  groupLabel: string;
  groupId: string;
  topics: readonly string[];
  /** Settles each delivery as it arrives (default: accept); "hold" keeps it until `settleHeld`. */
  decide?: (delivery: Readonly<ShareDelivery>) => Decision;
  /** How long it works on a poll's records before acknowledging them, as a slow service would; it does not poll meanwhile. */
  processingMs?: number;
  /** At most this many records acquired for it per fetch (`share.acquire.mode=record_limit`); Kafka's defaults when unset. */
  recordsPerPoll?: number;
}

/** What a share consumer needs from its scenario: the host session it lives in, and the broker's word on its group. */
export interface ShareConsumerSeat {
  link: () => Promise<HostLink>;
  bootstrap: string;
  /** Called once before the first member of the group joins: the group's configs. */
  prepare: () => Promise<void>;
  describe: () => Promise<{ members: MemberEvidence[] }>;
}

/**
 * Kafka's own KafkaShareConsumer (KIP-932), hosted by the run's Java host
 * (ShareMember.java), in explicit acknowledgement mode: it records every
 * delivery with the delivery count the broker sent, settles each as `decide`
 * says, and records each acknowledgement with the broker's answer to it.
 */
export class ShareConsumer implements AsyncDisposable {
  readonly deliveries: ShareDelivery[] = [];
  memberId = "";
  private held: ShareDelivery[] = [];
  private fetches = 0;
  private firstFetchAt: number | null = null;
  private lastFetchAt: number | null = null;
  private joined = false;
  private running = false;
  private failure: string | undefined;
  /** Acknowledgements in flight, in the order they were made. */
  private acknowledging: Promise<void> = Promise.resolve();

  constructor(
    readonly spec: ShareConsumerSpec,
    private readonly timeline: Timeline,
    private readonly seat: ShareConsumerSeat,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get ref(): ConsumerRef {
    return { consumer: this.name };
  }

  get group(): ShareGroupRef {
    return { shareGroup: this.spec.groupLabel };
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Joins the share group; resolves once the broker describes it as a member assigned a partition of its topics. */
  async start(): Promise<this> {
    await this.seat.prepare();
    const link = await this.seat.link();
    link.listen(this.name, (event) => this.onEvent(event));
    const { groupId, topics, recordsPerPoll } = this.spec;
    await link.request("share-create", { consumer: this.name, bootstrap: this.seat.bootstrap, groupId, topics, ...(recordsPerPoll === undefined ? {} : { recordsPerPoll }) });
    this.running = true;
    const member = await waitFor(
      `${this.name} to be assigned a partition in share group ${this.spec.groupId}`,
      async (note) => {
        this.throwIfFailed();
        const { members } = await this.seat.describe();
        note(`members: ${members.map((m) => `${m.clientId} (${m.assignment.length} partitions)`).join(", ") || "none"}`);
        return members.find((m) => m.clientId === this.name && m.assignment.some((tp) => this.spec.topics.includes(tp.topic)));
      },
      // Generous: a first share group on a busy machine waits for the share-group state topic to be made.
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    this.memberId = member.memberId;
    // Deliveries of the poll that raced the broker's description: the member id is the one the broker gave it.
    for (const delivery of this.deliveries) if (delivery.memberId === "") delivery.memberId = member.memberId;
    this.joined = true;
    const owned = member.assignment.map((tp) => `${tp.topic}[${tp.partition}]`).join(" ");
    this.timeline.record("join", this.name, `${this.name} joined share group ${this.spec.groupLabel}, assigned ${owned}`, {
      shareGroup: this.spec.groupLabel,
      memberId: member.memberId,
    });
    return this;
  }

  private onEvent(event: HostEvent): void {
    if (event.event === "failed") {
      this.failure = event.error;
      this.running = false;
      return;
    }
    if (event.event !== "share-polled") return;
    const at = this.timeline.now();
    // A poll is a chance to receive once the broker has assigned it a partition.
    if (this.joined) {
      this.fetches += 1;
      this.lastFetchAt = at;
      this.firstFetchAt ??= at;
    }
    const settle: { delivery: ShareDelivery; type: AcknowledgeType }[] = [];
    for (const { topic, partition, offset, key, value, deliveryCount } of event.records) {
      const delivery: ShareDelivery = { topic, partition, offset, key, value, memberId: this.memberId, consumer: this.name, at, deliveryCount };
      this.deliveries.push(delivery);
      this.timeline.record("receive", this.name, `${this.name} received ${topic}/${partition}@${offset} (delivery ${deliveryCount})`, {
        shareGroup: this.spec.groupLabel,
        topic,
        partition,
        offset,
        deliveryCount,
      });
      const decision = (this.spec.decide ?? (() => "accept"))(delivery);
      if (decision === "hold") this.held.push(delivery);
      else settle.push({ delivery, type: decision });
    }
    if (settle.length > 0) this.enqueue(settle, this.spec.processingMs);
  }

  /** Acknowledges every delivery it holds, each as `type`, and waits for the broker's answer. */
  async settleHeld(type: AcknowledgeType): Promise<void> {
    const held = this.held;
    this.held = [];
    if (held.length > 0) this.enqueue(held.map((delivery) => ({ delivery, type })));
    await this.settled();
  }

  /** Waits until every acknowledgement made so far has had the broker's answer. */
  async settled(): Promise<void> {
    await this.acknowledging;
    this.throwIfFailed();
  }

  private enqueue(settle: { delivery: ShareDelivery; type: AcknowledgeType }[], processingMs = 0): void {
    const processed = () => new Promise<void>((resolve) => setTimeout(resolve, processingMs));
    this.acknowledging = this.acknowledging
      .then(processed)
      .then(() => this.acknowledge(settle))
      .catch((error: unknown) => {
        this.failure ??= `its acknowledgement failed: ${error instanceof Error ? error.message : String(error)}`;
      });
  }

  private async acknowledge(settle: { delivery: ShareDelivery; type: AcknowledgeType }[]): Promise<void> {
    const acknowledgements = settle.map(({ delivery: { topic, partition, offset }, type }) => ({ topic, partition, offset, type }));
    let at = 0;
    const answer = await (await this.seat.link()).request("share-acknowledge", { consumer: this.name, acknowledgements }, () => (at = this.timeline.now()));
    const results = answer.results as { topic: string; partition: number; error: string | null }[];
    for (const { delivery, type } of settle) {
      const result = results.find((r) => r.topic === delivery.topic && r.partition === delivery.partition);
      delivery.acknowledgement = { type, at, error: result ? result.error : "the broker's answer to the commit did not name this partition" };
    }
    const listed = settle.map(({ delivery, type }) => `p${delivery.partition}@${delivery.offset} ${type}`).join(", ");
    this.timeline.record("acknowledge", this.name, `${this.name} acknowledged ${listed}`, {
      shareGroup: this.spec.groupLabel,
      acknowledgements: settle.map(({ delivery, type }) => ({
        topic: delivery.topic,
        partition: delivery.partition,
        offset: delivery.offset,
        deliveryCount: delivery.deliveryCount,
        type,
      })),
    });
  }

  /** Waits until it has received `offset` of the partition for the `count`-th time, as the broker counts deliveries. */
  async waitForDelivery(topic: string, partition: number, offset: number, count = 1, timeoutMs = 15_000): Promise<ShareDelivery> {
    return waitFor(
      `${this.name} to receive ${topic}/${partition}@${offset} (delivery ${count})`,
      (note) => {
        this.throwIfFailed();
        note(`${this.deliveries.length} deliveries`);
        return this.deliveries.find((d) => d.topic === topic && d.partition === partition && d.offset === offset && d.deliveryCount >= count);
      },
      { timeoutMs },
    );
  }

  /** Waits for `count` more polls: what it did not receive across them, the broker did not give it. */
  async waitForPolls(count: number, timeoutMs = 10_000): Promise<void> {
    const target = this.fetches + count;
    await waitFor(
      `${this.name} to complete ${count} polls`,
      () => {
        this.throwIfFailed();
        return this.fetches >= target ? true : undefined;
      },
      { timeoutMs },
    );
  }

  evidence(): ConsumerEvidence {
    const { fetches, firstFetchAt, lastFetchAt } = this;
    return { name: this.name, group: this.spec.groupLabel, kind: "share", fetches, firstFetchAt, lastFetchAt, received: this.deliveries.length };
  }

  /** Leaves the share group cleanly; what it still holds goes back to the group. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.acknowledging;
    await (await this.seat.link()).request("share-close", { consumer: this.name });
    this.timeline.record("leave", this.name, `${this.name} left share group ${this.spec.groupLabel}`, { shareGroup: this.spec.groupLabel });
  }

  private throwIfFailed(): void {
    if (this.failure) throw new Error(`${this.name}'s share consumer failed: ${this.failure}`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
