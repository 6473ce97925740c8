import type { Readable, Writable } from "node:stream";

/**
 * One session with ConsumerHost.java: JSON lines both ways. A request carries
 * an `id` and is answered by the line with the same `id`; every other line is
 * an event of one of the session's consumers, delivered in the order written.
 */
export type HostEvent =
  /** `positioned`: it knew where to read every partition it owns, so the poll was a chance to receive. */
  /** `offsets`, for a consumer created `offsetsOnly`: what it received, per partition in arrival order, instead of `records`. */
  | { event: "polled"; consumer: string; memberId: string; records: HostRecord[]; offsets?: { topic: string; partition: number; offsets: number[] }[]; positioned: boolean }
  | { event: "assigned"; consumer: string; memberId: string; assignment: { topic: string; partition: number }[] }
  /** A commit the broker accepted, as a consumer with auto-commit on reports every commit it makes (its own and those asked of it). */
  | { event: "committed"; consumer: string; offsets: { topic: string; partition: number; offset: number }[] }
  /** `how`: revoked by a rebalance, or lost (the member was fenced or timed out); `assignment`: what it still owns. */
  | { event: "revoked"; consumer: string; how: "revoked" | "lost"; partitions: { topic: string; partition: number }[]; assignment: { topic: string; partition: number }[] }
  | { event: "failed"; consumer: string; error: string }
  /** It stopped polling after `record`, with the identity (`groupMetadata()`) it had then: generation, or member epoch. */
  | { event: "stalled"; consumer: string; record: HostRecord; memberId: string; generation: number; groupInstanceId?: string }
  | { event: "resumed"; consumer: string }
  /** A share consumer's poll: each record with its delivery count, as the broker sent it. */
  | { event: "share-polled"; consumer: string; records: (HostRecord & { deliveryCount: number })[] };

export interface HostRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
}

type Reply = { id: number; ok?: true; error?: string; [field: string]: unknown };

/** Requests that hang longer than this mean the JVM is stuck; a commit or a close takes well under it. */
const REQUEST_TIMEOUT_MS = 30_000;

export class HostLink {
  private nextId = 0;
  private partial = "";
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void; timer: NodeJS.Timeout; answered?: () => void }>();
  private readonly listeners = new Map<string, (event: HostEvent) => void>();
  private failure: Error | undefined;

  constructor(
    input: Readable,
    private readonly output: Writable,
    /** Names the other end in errors ("the Java consumer host"). */
    private readonly peer: string,
    /** Lines starting "@@" are the host's own notices ("@@ ready"), not messages. */
    private readonly onNotice: (line: string) => void = () => undefined,
  ) {
    input.setEncoding("utf8");
    input.on("data", (chunk: string) => this.read(chunk));
    input.on("close", () => this.fail(new Error(`${peer} closed the connection`)));
    output.on("error", (error) => this.fail(error));
  }

  /** Receives the events of the consumer named `consumer`. */
  listen(consumer: string, listener: (event: HostEvent) => void): void {
    this.listeners.set(consumer, listener);
  }

  /**
   * Sends a request and resolves with the answer's fields; rejects with the host's error.
   * `answered` runs as the answer's line is read, before any line after it: events are handled
   * as they are read, while the promise resolves later, so a caller timing the answer against
   * events times it here.
   */
  request(op: string, fields: Record<string, unknown>, answered?: () => void): Promise<Record<string, unknown>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(id, { id, error: `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` }), REQUEST_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (reply) => (reply.error === undefined ? resolve(reply) : reject(new Error(`${this.peer} refused ${op}: ${reply.error}`))),
        reject,
        timer,
        ...(answered ? { answered } : {}),
      });
      this.output.write(`${JSON.stringify({ id, op, ...fields })}\n`);
    });
  }

  /** Fails every request in flight, and every later one, with `error`. */
  fail(error: Error): void {
    this.failure ??= error;
    for (const [id, { reject, timer }] of this.pending) {
      clearTimeout(timer);
      this.pending.delete(id);
      reject(this.failure);
    }
  }

  private read(chunk: string): void {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      if (line.trim() === "") continue;
      if (line.startsWith("@@")) {
        this.onNotice(line);
        continue;
      }
      let message;
      try {
        message = parseLine(line);
      } catch (error) {
        this.fail(error as Error);
        return;
      }
      if ("id" in message) this.settle(message.id, message);
      else this.listeners.get(message.consumer)?.(message);
    }
  }

  private settle(id: number, reply: Reply): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.pending.delete(id);
    waiting.answered?.();
    waiting.resolve(reply);
  }
}

const HOST_EVENTS: readonly HostEvent["event"][] = ["polled", "assigned", "committed", "revoked", "failed", "share-polled", "stalled", "resumed"];

/** One line from the host: an answer (with `id`) or an event. Anything else is a broken host. */
export function parseLine(line: string): Reply | HostEvent {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    throw new Error(`the Java consumer host wrote a line that is not JSON: ${line.slice(0, 200)}`);
  }
  if (typeof message !== "object" || message === null) throw new Error(`the Java consumer host wrote ${line.slice(0, 200)}, not an object`);
  const fields = message as Record<string, unknown>;
  if (typeof fields.id === "number") return fields as Reply;
  if (HOST_EVENTS.includes(fields.event as HostEvent["event"]) && typeof fields.consumer === "string") return fields as HostEvent;
  throw new Error(`the Java consumer host wrote a line that is neither an answer nor an event: ${line.slice(0, 200)}`);
}
