import { readFileSync } from "node:fs";
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";
import type { ClientSecurity } from "./started-broker.js";

/**
 * Kafka's wire format, as far as the project's own requests need it: a request
 * the clients would not send as asked (an ApiVersions that keeps the finalized
 * features, a commit carrying a member identity that a client has already
 * dropped) goes out in these bytes, and the broker's answer is read back from them.
 */

export function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value >>> 0;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

export function compactString(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  return Buffer.concat([uvarint(bytes.length + 1), bytes]);
}

/** A compact nullable string: length + 1, with 0 for null. */
export function compactNullableString(value: string | null): Buffer {
  return value === null ? uvarint(0) : compactString(value);
}

export function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value, 0);
  return buffer;
}

export function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value, 0);
  return buffer;
}

export function int64(value: bigint | number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt(value), 0);
  return buffer;
}

/** No tagged fields. */
export const NO_TAGS = uvarint(0);

/** A request framed for the wire: size, header v2 (flexible: key, version, correlation id, client id, no tags), body. */
export function frameRequest(apiKey: number, version: number, correlationId: number, clientId: string, body: Buffer): Buffer {
  const client = Buffer.from(clientId, "utf8");
  const message = Buffer.concat([int16(apiKey), int16(version), int32(correlationId), int16(client.length), client, NO_TAGS, body]);
  return Buffer.concat([int32(message.length), message]);
}

export class Reader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}

  private need(bytes: number): void {
    if (this.at + bytes > this.buffer.length) throw new Error(`the answer ends at byte ${this.buffer.length}, before a field it announces`);
  }
  int16(): number {
    this.need(2);
    const value = this.buffer.readInt16BE(this.at);
    this.at += 2;
    return value;
  }
  int32(): number {
    this.need(4);
    const value = this.buffer.readInt32BE(this.at);
    this.at += 4;
    return value;
  }
  int64(): bigint {
    this.need(8);
    const value = this.buffer.readBigInt64BE(this.at);
    this.at += 8;
    return value;
  }
  uvarint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      this.need(1);
      const byte = this.buffer[this.at++]!;
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value >>> 0;
      if (shift > 28) throw new Error("a varint longer than five bytes");
    }
  }
  skip(bytes: number): void {
    this.need(bytes);
    this.at += bytes;
  }
  compactString(): string {
    const length = this.uvarint() - 1;
    this.need(length);
    const value = this.buffer.toString("utf8", this.at, this.at + length);
    this.at += length;
    return value;
  }
  skipTaggedFields(): void {
    for (let tags = this.uvarint(), i = 0; i < tags; i++) {
      this.uvarint();
      this.skip(this.uvarint());
    }
  }
}

/**
 * Sends one framed request to the broker at `address` (`host:port`) on a connection of its own (TLS if the cluster
 * needs it; no SASL: these requests go to listeners that take them without) and resolves with the answer's frame,
 * without its size prefix. The connection is closed either way.
 */
export function exchange(address: string, security: ClientSecurity | undefined, request: Buffer, timeoutMs: number): Promise<Buffer> {
  const split = address.lastIndexOf(":");
  const host = address.slice(0, split).replace(/^\[(.*)\]$/, "$1");
  const port = Number(address.slice(split + 1));
  return new Promise((resolve, reject) => {
    const ssl = security?.ssl;
    const socket: Socket =
      ssl === undefined || ssl === false
        ? connectTcp({ host, port })
        : connectTls({ host, port, servername: host, ...(typeof ssl === "object" ? { ca: ssl.ca.map((file) => readFileSync(file)) } : {}) });
    let received = Buffer.alloc(0);
    const done = (outcome: () => void) => {
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(() => done(() => reject(new Error(`no answer in ${timeoutMs} ms`))), timeoutMs);
    socket.once(ssl ? "secureConnect" : "connect", () => socket.write(request));
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      const frame = received.subarray(4, 4 + received.readInt32BE(0));
      done(() => resolve(frame));
    });
    socket.once("error", (error) => done(() => reject(error)));
    socket.once("close", () => done(() => reject(new Error("the connection closed before an answer"))));
  });
}
