import { BrokerError } from "../errors.js";
import { compactString, exchange, frameRequest, NO_TAGS, Reader } from "./kafka-wire.js";
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
  return frameRequest(API_VERSIONS, REQUEST_VERSION, correlationId, clientId, Buffer.concat([compactString("kafka-consumer-group-proofs"), compactString("1"), NO_TAGS]));
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

async function askOne(address: string, security: ClientSecurity | undefined, timeoutMs: number): Promise<BrokerSupport> {
  const correlationId = 1;
  const frame = await exchange(address, security, apiVersionsRequest(correlationId, "kafka-proofs-api-versions"), timeoutMs);
  return parseApiVersionsResponse(frame, correlationId);
}
