import { HistoryRecorder, type HistoryColumns, type MembershipChange } from "./history.js";

/**
 * Hand-written campaign histories for checker tests, on one topic "t": each call records one operation, one
 * millisecond after the last, so a test reads as the history it describes. Unless a test says otherwise, the write
 * at offset o of partition p has value 1000 p + o.
 */
export const T = "t";
export const valueAt = (partition: number, offset: number): number => 1000 * partition + offset;

export class HistoryWriter {
  readonly recorder = new HistoryRecorder();
  private clock = 0;

  /** Moves the clock to `at` ms, for tests about when things happened. */
  at(at: number): this {
    this.clock = at;
    return this;
  }
  private tick(): number {
    return ++this.clock;
  }

  ack(partition: number, offsets: readonly number[], value = valueAt): this {
    for (const offset of offsets) this.recorder.produceAck(this.tick(), { producer: "P", topic: T, partition, value: value(partition, offset), offset });
    return this;
  }
  read(group: string, consumer: string, partition: number, offsets: readonly number[]): this {
    for (const offset of offsets) this.recorder.consume(this.tick(), { group, consumer, topic: T, partition, offset, value: valueAt(partition, offset) });
    return this;
  }
  commit(group: string, consumer: string, partition: number, offset: number, ok = true): this {
    this.recorder.commit(this.tick(), { group, consumer, topic: T, partition, offset, ok });
    return this;
  }
  member(group: string, consumer: string, change: MembershipChange): this {
    this.recorder.membership(this.tick(), group, consumer, change);
    return this;
  }
  deliver(group: string, consumer: string, partition: number, offset: number, deliveryCount: number): this {
    this.recorder.shareDeliver(this.tick(), { group, consumer, topic: T, partition, offset, deliveryCount });
    return this;
  }
  settle(group: string, consumer: string, partition: number, offset: number, type: "accept" | "release" | "reject", outcome: "taken" | "refused" | "unknown" = "taken"): this {
    this.recorder.shareAck(this.tick(), { group, consumer, topic: T, partition, offset, type, outcome });
    return this;
  }
  fault(step: number, node?: number, applied = true): this {
    this.recorder.fault(this.tick(), step, node, applied);
    return this;
  }
  /** After the heal: the partition's log as read, by value from `logStart` (default: the fixture's values 0 to `logEnd`), and its log-end reading. */
  log(partition: number, logEnd: number, values: readonly number[] = Array.from({ length: logEnd }, (_, o) => valueAt(partition, o)), logStart = 0): this {
    this.recorder.logEnd(this.tick(), T, partition, logStart, logEnd);
    this.recorder.logRead(T, partition, logStart, values);
    return this;
  }
  /** Kafka's share coordinator set `group`'s state of the partition back from `reached`, at the time `at` (read after the heal, so recorded late). */
  /** Kafka's share coordinator log was read for the partition after the heal. */
  stateRead(group: string, partition: number, records = 1): this {
    this.recorder.shareStateRead(this.tick(), { group, topic: T, partition, records });
    return this;
  }
  stateReset(group: string, partition: number, reached: number, at: number, sameEpoch = true): this {
    this.recorder.shareStateReset(at, { group, topic: T, partition, reached, startOffset: sameEpoch ? -1 : 0, stateEpoch: sameEpoch ? 2 : 3, sameEpoch });
    return this;
  }
  committed(group: string, partition: number, offset: number | null): this {
    this.recorder.committed(this.tick(), group, T, partition, offset);
    return this;
  }
  get columns(): HistoryColumns {
    return this.recorder.columns();
  }
}

export const history = (): HistoryWriter => new HistoryWriter();
