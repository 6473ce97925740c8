import type { CommitIdentity, PartitionAnswer } from "../../broker/offset-commit.js";
import type { ConsumerSpec, TopicPartitionOffset } from "../consumer.js";
import { brokerErrorName } from "../../evidence/broker-error-codes.js";
import { RecordingBase } from "../recording-base.js";
import type { Timeline } from "../timeline.js";
import type { HostEvent, HostLink } from "./host-link.js";

/** Where a Java consumer lives: a session of the run's shared host, or a JVM of its own that can be killed. */
export interface HostSeat {
  link: HostLink;
  /** Kills the JVM (a crash); only a consumer with a JVM of its own has it. */
  kill?: () => Promise<void>;
  /** Ends the consumer's own JVM after a clean close. */
  release?: () => Promise<void>;
}

/** Sends a commit straight to the group's coordinator, as the identity given (see `commitAs`). */
export type CommitAsIdentity = (groupId: string, identity: CommitIdentity, offsets: readonly TopicPartitionOffset[]) => Promise<PartitionAnswer[]>;

/**
 * Kafka's own Java KafkaConsumer, hosted by ConsumerHost.java, on the group
 * protocol of the cell. It records what the host reports: every poll (as a
 * fetch), every record with the member id of that moment, every assignment.
 * It commits only when asked, with explicit offsets (commitSync), unless its
 * spec sets `autoCommitIntervalMs` (`enable.auto.commit`).
 */
export class JavaConsumer extends RecordingBase {
  private seat: HostSeat | undefined;
  private failure: string | undefined;
  /** What it reported of itself when it stalled; a commit of its would carry it. */
  private stalledAs: CommitIdentity | undefined;
  private stallArmed = false;

  constructor(
    spec: ConsumerSpec,
    timeline: Timeline,
    private readonly settings: { bootstrapServers: readonly string[]; protocol: "classic" | "consumer" },
    private readonly takeSeat: (spec: ConsumerSpec) => Promise<HostSeat>,
    /** Sets group configs through the run's shared host, whose Admin client is warm (a crashable member's own JVM starts cold). */
    private readonly configureGroup: (groupId: string, configs: Record<string, string>) => Promise<void>,
    private readonly commitAs: CommitAsIdentity,
  ) {
    super(spec, timeline);
  }

  async start(): Promise<this> {
    if (this.spec.assignor !== undefined && this.settings.protocol !== "classic") {
      throw new Error(`${this.name} asks for the ${this.spec.assignor} assignor, which the classic protocol's members choose; on the consumer protocol the broker assigns`);
    }
    const joinsBefore = this.joins;
    // The consumer protocol's timings are the group's, set before the member joins; the classic protocol's are the member's own.
    const timings = {
      ...(this.spec.sessionTimeoutMs === undefined ? {} : { "consumer.session.timeout.ms": String(this.spec.sessionTimeoutMs) }),
      ...(this.spec.heartbeatIntervalMs === undefined ? {} : { "consumer.heartbeat.interval.ms": String(this.spec.heartbeatIntervalMs) }),
    };
    const groupTimings = this.settings.protocol === "consumer" && Object.keys(timings).length > 0;
    if (groupTimings) await this.configureGroup(this.spec.groupId, timings);
    this.seat = await this.takeSeat(this.spec);
    this.seat.link.listen(this.name, (event) => this.onEvent(event));
    await this.seat.link.request("create", {
      consumer: this.name,
      bootstrap: this.settings.bootstrapServers.join(","),
      groupId: this.spec.groupId,
      protocol: this.settings.protocol,
      topics: this.spec.topics,
      reset: this.spec.fromBeginning === false ? "latest" : "earliest",
      offsetsOnly: this.spec.record === "ranges",
      ...(this.spec.assignor === undefined ? {} : { assignor: this.spec.assignor }),
      ...(this.spec.groupInstanceId === undefined ? {} : { groupInstanceId: this.spec.groupInstanceId }),
      ...(this.spec.maxPollIntervalMs === undefined ? {} : { maxPollIntervalMs: this.spec.maxPollIntervalMs }),
      readUncommitted: this.spec.readUncommitted === true,
      ...(this.spec.autoCommitIntervalMs === undefined ? {} : { autoCommitIntervalMs: this.spec.autoCommitIntervalMs }),
      ...(groupTimings || this.spec.sessionTimeoutMs === undefined ? {} : { sessionTimeoutMs: this.spec.sessionTimeoutMs }),
      ...(groupTimings || this.spec.heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs: this.spec.heartbeatIntervalMs }),
    });
    this.running = true;
    await this.waitForJoin(joinsBefore);
    return this;
  }

  private onEvent(event: HostEvent): void {
    switch (event.event) {
      case "polled":
        if (event.memberId) this.memberId = event.memberId;
        // A poll counts as a fetch, as kafkajs counts completed fetches, once it could have received.
        if (event.positioned) this.noteFetch();
        for (const record of event.records) this.noteMessage(record);
        for (const { topic, partition, offsets } of event.offsets ?? []) this.noteOffsets(topic, partition, offsets);
        return;
      case "assigned":
        this.noteAssignment(event.memberId, event.assignment);
        return;
      case "committed":
        this.noteClientCommit(event.offsets);
        return;
      case "revoked":
        this.noteRevocation(event.partitions, event.how === "lost" ? "lost" : "revoked by a rebalance");
        return;
      case "stalled":
        this.stalledAs = { memberId: event.memberId, generation: event.generation, groupInstanceId: event.groupInstanceId ?? null };
        this.noteStalled(event.record, `member ${event.memberId} at ${this.settings.protocol === "classic" ? "generation" : "member epoch"} ${event.generation}`);
        return;
      case "resumed":
        this.noteResumed();
        return;
      case "failed":
        this.failure = event.error;
        this.running = false;
        return;
      case "share-polled":
        // A share consumer's event (see share-consumer.ts); a group member is never sent one.
        return;
    }
  }

  protected async commitOffsets(offsets: TopicPartitionOffset[]): Promise<void> {
    await this.session().request("commit", { consumer: this.name, offsets });
  }

  async stallOnNextRecord(): Promise<void> {
    if (this.stallArmed) throw new Error(`${this.name} stalls once; it has been told to already`);
    if (this.spec.record === "ranges") throw new Error(`${this.name} records ranges, a poll at a time; a stall is on a record of its own`);
    this.stallArmed = true;
    await this.session().request("stall", { consumer: this.name });
  }

  async resume(): Promise<void> {
    if (!this.stallArmed) return;
    await this.session().request("resume", { consumer: this.name });
  }

  /**
   * Kafka's Java client checks its own idea of its membership before a commit: one whose poll interval ran out has
   * left on its own and refuses on its side (the classic protocol's CommitFailedException) or sends no identity at all
   * (the consumer protocol). What it held when it stalled is what a member that comes back commits with; that is sent.
   */
  protected async commitAsLastKnownIdentity(offsets: TopicPartitionOffset[]): Promise<string | undefined> {
    if (!this.stalledAs) throw new Error(`${this.name} has not stalled, so it has no identity of its last poll to commit as`);
    const answers = await this.commitAs(this.spec.groupId, this.stalledAs, offsets);
    const refused = answers.find((a) => a.errorCode !== 0);
    return refused === undefined ? undefined : (brokerErrorName(refused.errorCode) ?? `error code ${refused.errorCode}`);
  }

  async pause(): Promise<void> {
    await this.session().request("pause", { consumer: this.name });
  }

  /** Its JVM is killed (SIGKILL): no commit, no LeaveGroup, no leave heartbeat; the broker notices by its session timeout. */
  async crash(): Promise<void> {
    if (!this.seat?.kill) throw new Error(`${this.name} was not created crashable`);
    await this.seat.kill();
    this.timeline.record("crash", this.name, `${this.name} crashed: its JVM was killed without leaving group ${this.spec.groupLabel}`, {
      group: this.spec.groupLabel,
    });
    this.running = false;
  }

  /** Closes the KafkaConsumer, which leaves the group. */
  async stop(): Promise<void> {
    if (!this.running) return;
    await this.resume();
    this.running = false;
    await this.session().request("close", { consumer: this.name });
    await this.seat?.release?.();
    // A static member's close is no leave: the broker keeps its place until its session timeout (KIP-345).
    const left =
      this.spec.groupInstanceId === undefined
        ? `${this.name} left group ${this.spec.groupLabel}`
        : `${this.name} closed; a static member (${this.spec.groupInstanceId}), it keeps its place in group ${this.spec.groupLabel} until its session times out`;
    this.timeline.record("leave", this.name, left, { group: this.spec.groupLabel });
  }

  private session(): HostLink {
    if (!this.seat) throw new Error(`${this.name} has not been started`);
    if (this.failure) throw new Error(`${this.name}'s Java consumer failed: ${this.failure}`);
    return this.seat.link;
  }
}
