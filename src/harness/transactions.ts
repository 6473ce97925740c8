import type { Kafka, Producer, Transaction } from "kafkajs";
import type { ProducedMessage } from "../evidence/proof-result.js";
import type { ProducerRef, TransactionRequest } from "../evidence/refs.js";
import { brokerErrorCode } from "./broker-errors.js";
import type { Timeline } from "./timeline.js";
import { waitFor } from "./wait.js";

/** What the scenario lends its transactional producers. */
export interface TransactionsContext {
  kafka: Kafka;
  timeline: Timeline;
  /** The transactional id a label stands for in this scenario: unique to it, so runs never fence each other. */
  transactionalId: (label: string) => string;
  nameTaken: (name: string) => boolean;
  /** Where an acknowledged write goes: the scenario's record of what the broker acknowledged to its producers. */
  produced: ProducedMessage[];
  /** The log-end offset of partition 0 of a topic, as the broker reports it now. */
  logEnd: (topic: string) => Promise<number>;
}

/**
 * The scenario's transactional producers (kafkajs, whatever the cell). Each request a producer makes inside its
 * transaction is recorded with the broker's answer: the offsets it acknowledged, or its refusal by error code, never
 * by the client's words. Whether a write is visible is read back by consumers of each isolation level, not taken from
 * what the producer believes.
 */
export class Transactions implements AsyncDisposable {
  private readonly producers: TransactionalProducer[] = [];
  private requests = 0;

  constructor(private readonly context: TransactionsContext) {}

  /** A producer named `name` in the story, with the transactional id that `label` stands for (two producers may share one). */
  producer(name: string, label: string): TransactionalProducer {
    if (this.context.nameTaken(name) || this.producers.some((p) => p.ref.producer === name)) throw new Error(`the scenario already has a client named "${name}"`);
    const producer = new TransactionalProducer(
      name,
      label,
      this.context,
      () => ++this.requests,
      () => this.producers,
    );
    this.producers.push(producer);
    return producer;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.allSettled(this.producers.map((p) => p.close()));
  }
}

export class TransactionalProducer {
  readonly ref: ProducerRef;
  private readonly transactionalId: string;
  private producer: Producer | undefined;
  private transaction: Transaction | undefined;
  /** This transaction's last write to each topic, and the group offsets it carries: what its end settles. */
  private lastWrites = new Map<string, number>();
  /** Whether a transaction of this producer may still be open on the broker (begun, and not ended by it or by a newer producer of its id). */
  private mayBeOpen = false;
  private pendingOffsets: { group: string; topic: string; offset: number }[] = [];

  constructor(
    private readonly name: string,
    readonly label: string,
    private readonly context: TransactionsContext,
    private readonly nextRequest: () => number,
    private readonly all: () => readonly TransactionalProducer[],
  ) {
    this.ref = { producer: name };
    this.transactionalId = context.transactionalId(label);
  }

  /**
   * Connects and begins a transaction. The first one of a producer registers its transactional id with the
   * coordinator (InitProducerId), which fences any earlier producer of the same id: its epoch is then stale.
   */
  async begin(): Promise<void> {
    if (!this.producer) {
      this.producer = this.context.kafka.producer({ transactionalId: this.transactionalId, idempotent: true, maxInFlightRequests: 1 });
      await this.producer.connect();
    }
    this.transaction = await this.producer.transaction();
    this.lastWrites = new Map();
    this.pendingOffsets = [];
    this.mayBeOpen = true;
    // Registering the id aborted any transaction an earlier producer of it had open: the coordinator ends it.
    for (const other of this.all()) if (other !== this && other.label === this.label) other.mayBeOpen = false;
    this.context.timeline.record("produce", this.name, `${this.name} began a transaction as transactional id ${this.label}`, { producer: this.name, transactionalId: this.label });
  }

  /** Sends values to partition 0 of `topic` inside the transaction, one request; records the offsets acknowledged or the broker's refusal. */
  async send(topic: string, values: readonly string[]): Promise<TransactionRequest> {
    const request: TransactionRequest = { transactionRequest: this.nextRequest(), producer: this.name, action: "send" };
    return this.answered(request, async () => {
      const [meta] = await this.open().send({ topic, acks: -1, messages: values.map((value) => ({ value, partition: 0 })) });
      const base = Number(meta!.baseOffset);
      this.lastWrites.set(topic, base + values.length - 1);
      this.context.produced.push(...values.map((value, i) => ({ topic, partition: 0, offset: base + i, key: null, value })));
      values.forEach((value, i) => {
        this.context.timeline.record("produce", this.name, `${this.name} wrote "${value}" to ${topic}/0@${base + i} in its transaction`, {
          ...this.tags(request),
          topic,
          partition: 0,
          offset: base + i,
        });
      });
    });
  }

  /**
   * Commits a group's offsets inside the transaction (AddOffsetsToTxn, TxnOffsetCommit; kafkajs `sendOffsets`):
   * they take effect if and when the transaction commits, together with its writes. `offsets` are the group's next
   * offsets to read, of partition 0 of `topic`. Recorded without the group's label: until the transaction commits,
   * no commit of the group has happened (the broker's readings say when one has).
   */
  async sendOffsets(groupId: string, groupLabel: string, topic: string, offset: number): Promise<TransactionRequest> {
    const request: TransactionRequest = { transactionRequest: this.nextRequest(), producer: this.name, action: "sendOffsets" };
    return this.answered(request, async () => {
      await this.open().sendOffsets({ consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition: 0, offset: String(offset) }] }] });
      this.pendingOffsets.push({ group: groupLabel, topic, offset });
      this.context.timeline.record("acknowledge", this.name, `${this.name} added group ${groupLabel}'s offset ${topic}/0 at ${offset} to its transaction`, {
        ...this.tags(request),
        offsetsOfGroup: groupLabel,
        topic,
        partition: 0,
        offset,
      });
    });
  }

  /** Aborts the transaction (EndTxn): its writes stay in the log, marked aborted, and its offsets never take effect. */
  async abort(): Promise<TransactionRequest> {
    const request: TransactionRequest = { transactionRequest: this.nextRequest(), producer: this.name, action: "abort" };
    return this.answered(request, async () => {
      await this.open().abort();
      this.context.timeline.record("acknowledge", this.name, `${this.name} aborted its transaction`, this.tags(request));
      await this.markersWritten("abort");
    });
  }

  /** Commits the transaction (EndTxn); records the broker's answer. */
  async commit(): Promise<TransactionRequest> {
    const request: TransactionRequest = { transactionRequest: this.nextRequest(), producer: this.name, action: "commit" };
    return this.answered(request, async () => {
      await this.open().commit();
      this.context.timeline.record("commit", this.name, `${this.name} committed its transaction`, this.tags(request));
      // The group offsets it carried are committed with it: a commit of the group, as a member's would be.
      for (const { group, topic, offset } of this.pendingOffsets) {
        this.context.timeline.record("commit", this.name, `${this.name}'s transaction committed ${topic}/0 at ${offset} for group ${group}`, {
          group,
          topic,
          partition: 0,
          offset,
          transactionRequest: request.transactionRequest,
        });
      }
      await this.markersWritten("commit");
    });
  }

  /**
   * Waits for the coordinator to write the transaction's end into each partition it wrote (the marker, one offset
   * after its last write, written just after EndTxn is answered), and records where: no consumer is given a marker,
   * but it takes an offset, so the log's end is past it.
   */
  private async markersWritten(kind: "commit" | "abort"): Promise<void> {
    this.mayBeOpen = false;
    for (const [topic, last] of this.lastWrites) {
      // The broker reports a log's end as a read_committed client sees it (the last stable offset): another transaction
      // still open on the topic holds it back, and the marker shows only once that one ends, in its own record.
      if (this.all().some((other) => other.mayBeOpen && other.lastWrites.has(topic))) continue;
      const logEnd = await waitFor(
        `the ${kind} marker of ${this.name}'s transaction in ${topic}/0`,
        async () => {
          const end = await this.context.logEnd(topic);
          return end > last + 1 ? end : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 20 },
      );
      this.context.timeline.record("produce", "broker", `the ${kind} marker of ${this.name}'s transaction is in ${topic}/0; the log ends at ${logEnd}`, {
        topic,
        partition: 0,
        offset: logEnd - 1,
        marker: kind,
      });
    }
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }

  /** What every event of one of its requests names: the producer, its transactional id, and the request. */
  private tags(request: TransactionRequest): { producer: string; transactionalId: string; transactionRequest: number } {
    return { producer: this.name, transactionalId: this.label, transactionRequest: request.transactionRequest };
  }

  private open(): Transaction {
    if (!this.transaction) throw new Error(`${this.name} has no transaction open: call begin() first`);
    return this.transaction;
  }

  /** Runs the request; a refusal the broker answered is recorded with its code, and anything else breaks the scenario off. */
  private async answered(request: TransactionRequest, run: () => Promise<void>): Promise<TransactionRequest> {
    try {
      await run();
    } catch (error) {
      const code = brokerErrorCode(error);
      if (code === undefined) throw error;
      const tags = { ...this.tags(request), action: request.action };
      const refusal = { summary: `the broker refused ${this.name}'s ${request.action} with ${code}`, details: { ...tags, code, error: (error as Error).message } };
      // Accepted, it would have been acknowledged: what a harness that swallows the refusal records.
      this.context.timeline.answered(this.name, refusal, () =>
        this.context.timeline.record(request.action === "send" ? "produce" : "commit", this.name, `the broker acknowledged ${this.name}'s ${request.action}`, tags),
      );
    }
    return request;
  }
}
