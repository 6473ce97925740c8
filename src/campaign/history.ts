import type { AcknowledgeType } from "../evidence/proof-result.js";

/**
 * A campaign's history: every operation the clients invoked and saw complete, every membership change and fault,
 * and the readings taken after the heal, in the order the recorder was told of them. An operation is identified by
 * its index; a checker's anomaly points at it.
 *
 * A campaign records millions of operations, so the history is columns, not objects: per operation a kind, a time
 * and six integers whose meaning depends on the kind (`Operation` spells them out), with every name (group,
 * consumer, topic, producer) interned once in `names`. That is 33 bytes an operation, and a checker walks the
 * columns without allocating. `operation(i)` builds the readable object for one index, for anomalies and tests.
 *
 * A commit of several partitions is one operation per partition, all at the commit's time.
 *
 * Writes are told apart by value, as in Jepsen's Kafka test: each producer writes numbered records whose value is a
 * campaign-unique integer, so a record the log holds at an acknowledged offset can be compared with what was acknowledged there.
 */

export const KINDS = [
  "produce-invoke",
  "produce-ack",
  /** The broker said the write was not made. */
  "produce-fail",
  /** No answer (a timeout, a lost connection): it may or may not be in the log. */
  "produce-unknown",
  "consume",
  "commit",
  "share-deliver",
  "share-ack",
  /** The broker refused a share acknowledgement (the record's lock had passed): it settled nothing. */
  "share-ack-refused",
  "membership",
  "fault",
  /** After the heal: a partition's log start and end, as the broker reported them. */
  "log-end",
  /** After the heal: a group's committed offset of a partition, as the broker holds it (-1: none). */
  "committed",
  /** A share acknowledgement with no definite answer (the connection or the broker went away): it may or may not have settled the record. */
  "share-ack-unknown",
  /**
   * Read after the heal from Kafka's share coordinator log, at the time it was written: a share-partition's state set
   * back below where the group's acknowledgements had moved it (see `share-state-resets.ts`).
   */
  "share-state-reset",
  /** After the heal: Kafka's share coordinator log was read for a share group's partition, so many records of it. */
  "share-state-read",
  /** Like "share-state-reset", by a snapshot at a new state epoch (see `share-state-resets.ts`). */
  "share-state-reset-new-epoch",
] as const;
export type OperationKind = (typeof KINDS)[number];

/**
 * "assigned": the broker gave the member a new assignment (consumer protocol); "lost": the member learned that its
 * partitions were taken from it without its consent (fenced: its session had expired), and joins again.
 */
export const MEMBERSHIP_CHANGES = ["join", "leave", "crash", "assigned", "lost"] as const;
export type MembershipChange = (typeof MEMBERSHIP_CHANGES)[number];
export const ACK_TYPES = ["accept", "release", "reject"] as const satisfies readonly AcknowledgeType[];

interface At {
  index: number;
  /** ms after the campaign started. */
  at: number;
}
interface Write {
  producer: string;
  topic: string;
  partition: number;
  value: number;
}
interface Read {
  group: string;
  consumer: string;
  topic: string;
  partition: number;
  offset: number;
}

/** An operation as `operation(i)` gives it. */
export type Operation = At &
  (
    | ({ kind: "produce-invoke" | "produce-fail" | "produce-unknown" } & Write)
    | ({ kind: "produce-ack"; offset: number } & Write)
    | ({ kind: "consume"; value: number } & Read)
    /** `offset` is the next offset to read, as a Kafka commit says it; `ok` false when the broker refused the commit. */
    | ({ kind: "commit"; ok: boolean } & Read)
    | ({ kind: "share-deliver"; deliveryCount: number } & Read)
    | ({ kind: "share-ack" | "share-ack-refused" | "share-ack-unknown"; type: AcknowledgeType } & Read)
    | { kind: "membership"; group: string; consumer: string; change: MembershipChange }
    /** The nemesis applied schedule step `step`; `node` is the broker it resolved (-1 for a consumer's step or one it could not resolve). */
    | { kind: "fault"; step: number; node: number; applied: boolean }
    | { kind: "log-end"; topic: string; partition: number; logStart: number; logEnd: number }
    | { kind: "committed"; group: string; topic: string; partition: number; offset: number | null }
    /** `reached`: the start offset the state had before; `startOffset`: where the reset starts it (-1: undecided). */
    | {
        kind: "share-state-reset" | "share-state-reset-new-epoch";
        group: string;
        topic: string;
        partition: number;
        reached: number;
        startOffset: number;
        stateEpoch: number;
      }
    | { kind: "share-state-read"; group: string; topic: string; partition: number; records: number }
  );

const INITIAL = 1 << 12;

export class HistoryRecorder {
  private kinds = new Uint8Array(INITIAL);
  private times = new Float64Array(INITIAL);
  private fields = Array.from({ length: 6 }, () => new Int32Array(INITIAL));
  private size = 0;
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  /** After the heal, each partition's records from its log start, by value (-1 where an offset holds no campaign record). */
  private readonly logs = new Map<string, { topic: string; partition: number; logStart: number; values: number[] }>();

  get length(): number {
    return this.size;
  }

  /** The memory the recorder holds: its columns at their capacity (which doubles as it grows), and the logs read after the heal. */
  get bytes(): number {
    const logValues = [...this.logs.values()].reduce((n, l) => n + l.values.length, 0);
    return this.kinds.length * (1 + 8 + 6 * 4) + logValues * 8;
  }

  /** The columns as they stand, for checkers: read them, never write. */
  columns(): HistoryColumns {
    return {
      length: this.size,
      kind: this.kinds.subarray(0, this.size),
      at: this.times.subarray(0, this.size),
      a: this.fields[0]!.subarray(0, this.size),
      b: this.fields[1]!.subarray(0, this.size),
      c: this.fields[2]!.subarray(0, this.size),
      d: this.fields[3]!.subarray(0, this.size),
      e: this.fields[4]!.subarray(0, this.size),
      f: this.fields[5]!.subarray(0, this.size),
      names: this.names,
      logs: [...this.logs.values()],
    };
  }

  name(id: string): number {
    let found = this.nameIds.get(id);
    if (found === undefined) {
      found = this.names.push(id) - 1;
      this.nameIds.set(id, found);
    }
    return found;
  }

  produceInvoke(at: number, w: Write): number {
    return this.push("produce-invoke", at, this.name(w.producer), this.name(w.topic), w.partition, w.value, 0, 0);
  }
  produceAck(at: number, w: Write & { offset: number }): number {
    return this.push("produce-ack", at, this.name(w.producer), this.name(w.topic), w.partition, w.value, w.offset, 0);
  }
  produceFail(at: number, w: Write, definite: boolean): number {
    return this.push(definite ? "produce-fail" : "produce-unknown", at, this.name(w.producer), this.name(w.topic), w.partition, w.value, 0, 0);
  }
  consume(at: number, r: Read & { value: number }): number {
    return this.push("consume", at, this.name(r.group), this.name(r.consumer), this.name(r.topic), r.partition, r.offset, r.value);
  }
  commit(at: number, r: Read & { ok: boolean }): number {
    return this.push("commit", at, this.name(r.group), this.name(r.consumer), this.name(r.topic), r.partition, r.offset, r.ok ? 1 : 0);
  }
  shareDeliver(at: number, r: Read & { deliveryCount: number }): number {
    return this.push("share-deliver", at, this.name(r.group), this.name(r.consumer), this.name(r.topic), r.partition, r.offset, r.deliveryCount);
  }
  /** `outcome`: the broker took it, refused it, or gave no definite answer. */
  shareAck(at: number, r: Read & { type: AcknowledgeType; outcome: "taken" | "refused" | "unknown" }): number {
    return this.push(
      r.outcome === "taken" ? "share-ack" : r.outcome === "refused" ? "share-ack-refused" : "share-ack-unknown",
      at,
      this.name(r.group),
      this.name(r.consumer),
      this.name(r.topic),
      r.partition,
      r.offset,
      ACK_TYPES.indexOf(r.type),
    );
  }
  membership(at: number, group: string, consumer: string, change: MembershipChange): number {
    return this.push("membership", at, this.name(group), this.name(consumer), MEMBERSHIP_CHANGES.indexOf(change), 0, 0, 0);
  }
  fault(at: number, step: number, node: number | undefined, applied: boolean): number {
    return this.push("fault", at, step, node ?? -1, applied ? 1 : 0, 0, 0, 0);
  }
  logEnd(at: number, topic: string, partition: number, logStart: number, logEnd: number): number {
    return this.push("log-end", at, 0, this.name(topic), partition, 0, logStart, logEnd);
  }
  committed(at: number, group: string, topic: string, partition: number, offset: number | null): number {
    return this.push("committed", at, this.name(group), this.name(topic), partition, 0, offset ?? -1, 0);
  }
  shareStateRead(at: number, r: { group: string; topic: string; partition: number; records: number }): number {
    return this.push("share-state-read", at, this.name(r.group), 0, this.name(r.topic), r.partition, r.records, 0);
  }
  /** `sameEpoch`: at the state epoch the state already had (see `share-state-resets.ts`). */
  shareStateReset(at: number, r: { group: string; topic: string; partition: number; reached: number; startOffset: number; stateEpoch: number; sameEpoch: boolean }): number {
    return this.push(
      r.sameEpoch ? "share-state-reset" : "share-state-reset-new-epoch",
      at,
      this.name(r.group),
      r.stateEpoch,
      this.name(r.topic),
      r.partition,
      r.reached,
      r.startOffset,
    );
  }

  /** What the final read of a partition found, in offset order from `logStart`: each record's value, -1 for one the campaign did not write. */
  logRead(topic: string, partition: number, logStart: number, values: readonly number[]): void {
    const key = `${topic}\u0000${partition}`;
    const known = this.logs.get(key) ?? { topic, partition, logStart, values: [] };
    if (known.logStart + known.values.length !== logStart) throw new RangeError(`${topic}/${partition}: read from ${logStart}, after ${known.logStart + known.values.length}`);
    for (const v of values) known.values.push(v);
    this.logs.set(key, known);
  }

  private push(kind: OperationKind, at: number, a: number, b: number, c: number, d: number, e: number, f: number): number {
    if (this.size === this.kinds.length) this.grow();
    const i = this.size++;
    this.kinds[i] = KINDS.indexOf(kind);
    this.times[i] = at;
    const [fa, fb, fc, fd, fe, ff] = this.fields as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    fa[i] = a;
    fb[i] = b;
    fc[i] = c;
    fd[i] = d;
    fe[i] = e;
    ff[i] = f;
    return i;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    const widen = <T extends Uint8Array | Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const wider = make(capacity);
      wider.set(old);
      return wider;
    };
    this.kinds = widen(this.kinds, (n) => new Uint8Array(n));
    this.times = widen(this.times, (n) => new Float64Array(n));
    this.fields = this.fields.map((f) => widen(f, (n) => new Int32Array(n)));
  }

  static from(json: HistoryJson): HistoryRecorder {
    if (json.format !== HISTORY_FORMAT) throw new Error(`expected a history in format ${HISTORY_FORMAT}; was given ${String(json.format)}`);
    const recorder = new HistoryRecorder();
    for (const n of json.names) recorder.name(n);
    const { kind, at, a, b, c, d, e, f } = json.ops;
    for (let i = 0; i < kind.length; i++) recorder.push(KINDS[kind[i]!]!, at[i]!, a[i]!, b[i]!, c[i]!, d[i]!, e[i]!, f[i]!);
    for (const log of json.logs) recorder.logRead(log.topic, log.partition, log.logStart, log.values);
    return recorder;
  }

  /** The history for the result file: the columns as arrays of numbers, so a million operations stay a few tens of MB and load back with `from`. */
  toJSON(): HistoryJson {
    const c = this.columns();
    return {
      format: HISTORY_FORMAT,
      kinds: KINDS,
      names: [...this.names],
      ops: { kind: [...c.kind], at: [...c.at], a: [...c.a], b: [...c.b], c: [...c.c], d: [...c.d], e: [...c.e], f: [...c.f] },
      logs: c.logs.map((l) => ({ ...l, values: [...l.values] })),
    };
  }
}

export const HISTORY_FORMAT = "campaign-history/1";

export interface HistoryJson {
  format: string;
  /** The meaning of each `ops.kind` number, so the file reads without this code. */
  kinds: readonly string[];
  names: string[];
  ops: Record<"kind" | "at" | "a" | "b" | "c" | "d" | "e" | "f", number[]>;
  logs: { topic: string; partition: number; logStart: number; values: number[] }[];
}

export interface HistoryColumns {
  length: number;
  kind: Uint8Array;
  at: Float64Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
  d: Int32Array;
  e: Int32Array;
  f: Int32Array;
  names: readonly string[];
  logs: readonly { topic: string; partition: number; logStart: number; values: readonly number[] }[];
}

export const KIND = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<OperationKind, number>;

/** The operation at `index`, as an object. */
export function operation(h: HistoryColumns, index: number): Operation {
  const [a, b, c, d, e, f] = [h.a[index]!, h.b[index]!, h.c[index]!, h.d[index]!, h.e[index]!, h.f[index]!];
  const name = (id: number) => h.names[id]!;
  const base = { index, at: h.at[index]! };
  const kind = KINDS[h.kind[index]!]!;
  switch (kind) {
    case "produce-invoke":
    case "produce-fail":
    case "produce-unknown":
      return { ...base, kind, producer: name(a), topic: name(b), partition: c, value: d };
    case "produce-ack":
      return { ...base, kind, producer: name(a), topic: name(b), partition: c, value: d, offset: e };
    case "consume":
      return { ...base, kind, group: name(a), consumer: name(b), topic: name(c), partition: d, offset: e, value: f };
    case "commit":
      return { ...base, kind, group: name(a), consumer: name(b), topic: name(c), partition: d, offset: e, ok: f === 1 };
    case "share-deliver":
      return { ...base, kind, group: name(a), consumer: name(b), topic: name(c), partition: d, offset: e, deliveryCount: f };
    case "share-ack":
    case "share-ack-refused":
    case "share-ack-unknown":
      return { ...base, kind, group: name(a), consumer: name(b), topic: name(c), partition: d, offset: e, type: ACK_TYPES[f]! };
    case "membership":
      return { ...base, kind, group: name(a), consumer: name(b), change: MEMBERSHIP_CHANGES[c]! };
    case "fault":
      return { ...base, kind, step: a, node: b, applied: c === 1 };
    case "log-end":
      return { ...base, kind, topic: name(b), partition: c, logStart: e, logEnd: f };
    case "committed":
      return { ...base, kind, group: name(a), topic: name(b), partition: c, offset: e < 0 ? null : e };
    case "share-state-reset":
    case "share-state-reset-new-epoch":
      return { ...base, kind, group: name(a), stateEpoch: b, topic: name(c), partition: d, reached: e, startOffset: f };
    case "share-state-read":
      return { ...base, kind, group: name(a), topic: name(c), partition: d, records: e };
  }
}
