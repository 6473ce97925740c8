import { connect as connectTcp, type Socket } from "node:net";
import { readFileSync } from "node:fs";
import { connect as connectTls } from "node:tls";
import { BrokerError } from "../errors.js";
import type { ClientSecurity } from "./started-broker.js";

/**
 * What a broker says it supports, in its answer to ApiVersions (KIP-511; features from KIP-584): the
 * requests it takes, with their version range, and the features its cluster has finalized (`group.version`,
 * `share.version`, `transaction.version`, `metadata.version`…), each at a level. A client learns this before it
 * authenticates, so it is asked of any cluster, whatever its SASL settings.
 */
export interface BrokerSupport {
  /** Request kinds by API key (68 is ConsumerGroupHeartbeat, 76 ShareGroupHeartbeat), with their version range. */
  apis: Record<number, { min: number; max: number }>;
  /** Finalized feature levels by name; a feature the cluster has not finalized is absent (level 0). */
  finalized: Record<string, number>;
}

const API_VERSIONS = 18;
/** The first version whose answer carries the features (as tagged fields), and flexible encoding. */
const REQUEST_VERSION = 3;
const UNSUPPORTED_VERSION = 35;

/** An ApiVersions v3 request, framed: header v2 (flexible), then the client's software name and version. */
export function apiVersionsRequest(correlationId: number, clientId: string): Buffer {
  const client = Buffer.from(clientId, "utf8");
  const header = Buffer.alloc(2 + 2 + 4 + 2);
  header.writeInt16BE(API_VERSIONS, 0);
  header.writeInt16BE(REQUEST_VERSION, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(client.length, 8);
  const body = Buffer.concat([client, uvarint(0), compactString("kafka-consumer-group-proofs"), compactString("1"), uvarint(0)]);
  const message = Buffer.concat([header, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(message.length, 0);
  return Buffer.concat([size, message]);
}

/**
 * Reads an ApiVersions v3 answer (without its size prefix): header v0 (the correlation id only; ApiVersions
 * answers never use the flexible header), error code, the API keys, throttle time, then tagged fields, of which
 * tag 2 is the finalized features. A broker too old for v3 answers UNSUPPORTED_VERSION in v0's shape.
 */
export function parseApiVersionsResponse(frame: Buffer, correlationId: number): BrokerSupport {
  const reader = new Reader(frame);
  const answeredFor = reader.int32();
  if (answeredFor !== correlationId) throw new Error(`the answer is for request ${answeredFor}, not ${correlationId}`);
  const errorCode = reader.int16();
  if (errorCode === UNSUPPORTED_VERSION) throw new Error("the broker does not take ApiVersions v3 (it is older than Kafka 2.4)");
  if (errorCode !== 0) throw new Error(`the broker answered ApiVersions with error code ${errorCode}`);
  const apis: BrokerSupport["apis"] = {};
  for (let count = reader.uvarint() - 1, i = 0; i < count; i++) {
    const key = reader.int16();
    apis[key] = { min: reader.int16(), max: reader.int16() };
    reader.skipTaggedFields();
  }
  reader.int32(); // throttle time
  const finalized: BrokerSupport["finalized"] = {};
  for (let tags = reader.uvarint(), i = 0; i < tags; i++) {
    const tag = reader.uvarint();
    const size = reader.uvarint();
    if (tag !== 2) {
      reader.skip(size);
      continue;
    }
    for (let count = reader.uvarint() - 1, j = 0; j < count; j++) {
      const name = reader.compactString();
      const maxLevel = reader.int16();
      reader.int16(); // min version level
      reader.skipTaggedFields();
      if (maxLevel > 0) finalized[name] = maxLevel;
    }
  }
  return { apis, finalized };
}

/** Asks one broker of the cluster what it supports: a connection of its own (TLS if the cluster needs it), one request, closed. */
export async function askBrokerSupport(bootstrapServers: readonly string[], security: ClientSecurity | undefined, timeoutMs = 10_000): Promise<BrokerSupport> {
  const errors: string[] = [];
  for (const address of bootstrapServers) {
    try {
      return await askOne(address, security, timeoutMs);
    } catch (error) {
      errors.push(`${address}: ${(error as Error).message}`);
    }
  }
  throw new BrokerError(`No broker of ${bootstrapServers.join(",")} said what it supports (ApiVersions): ${errors.join("; ")}`, "Check that the cluster is running and reachable.");
}

function askOne(address: string, security: ClientSecurity | undefined, timeoutMs: number): Promise<BrokerSupport> {
  const split = address.lastIndexOf(":");
  const host = address.slice(0, split).replace(/^\[(.*)\]$/, "$1");
  const port = Number(address.slice(split + 1));
  const correlationId = 1;
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
    socket.once(ssl ? "secureConnect" : "connect", () => socket.write(apiVersionsRequest(correlationId, "kafka-proofs-api-versions")));
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      const frame = received.subarray(4, 4 + received.readInt32BE(0));
      done(() => {
        try {
          resolve(parseApiVersionsResponse(frame, correlationId));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    socket.once("error", (error) => done(() => reject(error)));
    socket.once("close", () => done(() => reject(new Error("the connection closed before an answer"))));
  });
}

function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value >>> 0;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function compactString(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  return Buffer.concat([uvarint(bytes.length + 1), bytes]);
}

class Reader {
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
