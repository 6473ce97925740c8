import type { BrokerSupport } from "./api-versions.js";

/** How the broker was provided. */
export const BROKER_MODES = ["native", "container", "external"] as const;
export type BrokerMode = (typeof BROKER_MODES)[number];

/** What a proof needs to know about the broker it runs against. */
export interface BrokerInfo {
  /** `host:port` addresses for a Kafka client's `brokers` option. */
  readonly bootstrapServers: string[];
  /** The Apache Kafka release, or "unknown" for an external cluster that did not say. */
  readonly kafkaVersion: string;
  readonly mode: BrokerMode;
  /** SASL/TLS settings for an external cluster; absent for our own brokers. */
  readonly security?: ClientSecurity;
  /** What an external cluster of unknown release said it supports (ApiVersions); absent where the release is known. */
  readonly supports?: BrokerSupport;
}

export interface ClientSecurity {
  ssl?: boolean | { ca: string[] };
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
}

/** A running broker. Disposing it stops the broker and removes what it left on disk. */
export interface StartedBroker extends BrokerInfo, AsyncDisposable {
  stop(): Promise<void>;
}

/** The one line printed when a broker is ready. */
export function describeBroker(broker: BrokerInfo): string {
  const supports = broker.supports ? `; it finalizes ${finalizedFeatures(broker.supports)}` : "";
  return `Kafka ${broker.kafkaVersion} (${broker.mode}) at ${broker.bootstrapServers.join(",")}${supports}`;
}

/** "group.version 1, metadata.version 33, share.version 2", or "no feature" — sorted, as a broker's features are a set. */
export function finalizedFeatures(supports: BrokerSupport): string {
  const features = Object.entries(supports.finalized).sort(([a], [b]) => a.localeCompare(b));
  return features.length === 0 ? "no feature" : features.map(([name, level]) => `${name} ${level}`).join(", ");
}
