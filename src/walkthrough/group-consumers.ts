import type { BrokerInfo } from "../broker/started-broker.js";
import type { ReceivedMessage } from "../evidence/proof-result.js";
import { kafkaClient } from "../harness/client-settings.js";
import { RecordingConsumer } from "../harness/recording-consumer.js";
import { Timeline } from "../harness/timeline.js";
import { waitFor } from "../harness/wait.js";
import type { PartitionOffset } from "./offset-rules.js";

/** How long a group may take to receive a message that is already on the broker. */
const RECEIVE_TIMEOUT_MS = 10_000;
/** How often a consumer with auto-commit on commits what it has been handed (kafkajs also commits at each batch's end). */
export const AUTO_COMMIT_INTERVAL_MS = 1_000;

/**
 * The consumers of a session's groups, by group label: each never commits on
 * its own, and is named `consumer-<label>` (later members `consumer-A2`,
 * `consumer-A3`...). Keeps every consumer it ever started, so closing stops
 * even one whose start failed half-way.
 */
export class GroupConsumers {
  /** Each group's id, by label, in the order the groups were made. */
  readonly groupIds: Record<string, string> = {};
  private readonly timeline = new Timeline();
  /** The running consumers of each group, in joining order; empty while a reset has them stopped. */
  private readonly running = new Map<string, RecordingConsumer[]>();
  private readonly started: RecordingConsumer[] = [];
  /** The groups whose consumers commit on their own (`autocommit A on`). */
  private readonly autoCommitting = new Set<string>();

  constructor(
    private readonly broker: BrokerInfo,
    private readonly topic: string,
    private readonly groupIdOf: (label: string) => string,
  ) {}

  labels(): string[] {
    return Object.keys(this.groupIds);
  }

  /** The client id of a group's `member`-th consumer. */
  clientId(label: string, member = 1): string {
    return `consumer-${label}${member === 1 ? "" : member}`;
  }

  /** The group's running consumers, in joining order. */
  of(label: string): readonly RecordingConsumer[] {
    return this.running.get(label) ?? [];
  }

  /** Everything the group's running consumers have received. */
  received(label: string): ReceivedMessage[] {
    return this.of(label).flatMap((c) => c.received);
  }

  /** Starts one more member of the group (its first, if the label is new); resolves once it has joined. */
  add(label: string): Promise<RecordingConsumer> {
    this.groupIds[label] ??= this.groupIdOf(label);
    return this.start(label, this.of(label).length + 1);
  }

  /** Stops the group's consumers (each leaves its group); returns how many there were. */
  async stop(label: string): Promise<number> {
    const consumers = this.of(label);
    this.running.set(label, []);
    await Promise.all(consumers.map((c) => c.stop()));
    return consumers.length;
  }

  /** Starts `count` consumers for the group again (at least one), under their old names. */
  async restart(label: string, count: number): Promise<RecordingConsumer[]> {
    const restarted: RecordingConsumer[] = [];
    for (let member = 1; member <= Math.max(1, count); member++) restarted.push(await this.start(label, member));
    return restarted;
  }

  /** Whether the group's consumers commit what they are handed on their own. */
  autoCommits(label: string): boolean {
    return this.autoCommitting.has(label);
  }

  /** Turns the group's auto-commit on or off: its consumers leave and join again with the setting; returns them. */
  async setAutoCommit(label: string, on: boolean): Promise<RecordingConsumer[]> {
    if (on) this.autoCommitting.add(label);
    else this.autoCommitting.delete(label);
    return this.restart(label, await this.stop(label));
  }

  /** Waits until one of `consumers` (by default the group's running ones) has received the message at `at`. */
  async waitUntilReceived(label: string, at: PartitionOffset, consumers: readonly RecordingConsumer[] = this.of(label)): Promise<void> {
    await waitFor(
      `group ${label} to receive ${this.topic}/${at.partition}@${at.offset}`,
      (note) => {
        const all = consumers.flatMap((c) => c.received);
        note(`${all.length} received`);
        return all.some((m) => m.partition === at.partition && m.offset === at.offset) ? true : undefined;
      },
      { timeoutMs: RECEIVE_TIMEOUT_MS },
    );
  }

  /** Stops every consumer ever started. */
  async close(): Promise<void> {
    this.running.clear();
    await Promise.allSettled(this.started.map((c) => c.stop()));
  }

  private async start(label: string, member: number): Promise<RecordingConsumer> {
    const name = this.clientId(label, member);
    const consumer = new RecordingConsumer(
      kafkaClient(this.broker, name),
      {
        name,
        groupLabel: label,
        groupId: this.groupIds[label]!,
        topics: [this.topic],
        fromBeginning: true,
        ...(this.autoCommitting.has(label) ? { autoCommitIntervalMs: AUTO_COMMIT_INTERVAL_MS } : {}),
      },
      this.timeline,
    );
    this.started.push(consumer);
    await consumer.start();
    this.running.set(label, [...this.of(label), consumer]);
    return consumer;
  }
}
