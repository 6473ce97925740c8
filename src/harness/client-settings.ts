import { readFileSync } from "node:fs";
import kafkajs from "kafkajs";
import type { ConsumerConfig, KafkaConfig, SASLOptions } from "kafkajs";
import type { BrokerInfo } from "../broker/started-broker.js";
import { skipIdleRequestQueueChecks } from "./kafkajs-idle-queue.js";

const { Kafka, logLevel } = kafkajs;

// Every client is made here, so no client runs kafkajs' idle 1 ms timer loop or its negative-timeout warnings.
skipIdleRequestQueueChecks();

/**
 * kafkajs' defaults suit production (5 s fetch wait, 3 s heartbeats, retries
 * over minutes); a proof wants a group to join and drain in well under a second.
 * Every client a proof makes gets its settings from here.
 */
export const CLIENT_SETTINGS = {
  connectionTimeout: 3_000,
  requestTimeout: 10_000,
  retry: { initialRetryTime: 50, maxRetryTime: 1_000, retries: 8 },
} satisfies Partial<KafkaConfig>;

export const CONSUMER_SETTINGS = {
  // A fetch returns after 50 ms when nothing is new, so a drained consumer notices a rebalance quickly.
  maxWaitTimeInMs: 50,
  // Members learn of a rebalance from a heartbeat reply; a short interval makes joins fast.
  heartbeatInterval: 100,
  // The broker's group.min.session.timeout.ms is lowered to 1 s for proofs; 6 s leaves room on a busy machine.
  sessionTimeout: 6_000,
  rebalanceTimeout: 10_000,
  retry: { initialRetryTime: 50, maxRetryTime: 1_000, retries: 8 },
} satisfies Partial<ConsumerConfig>;

/** A kafkajs client for the broker, silent unless `KAFKAJS_LOG_LEVEL` asks otherwise. */
export function kafkaClient(broker: BrokerInfo, clientId: string, overrides: Partial<KafkaConfig> = {}): kafkajs.Kafka {
  return new Kafka({
    clientId,
    brokers: broker.bootstrapServers,
    logLevel: clientLogLevel(process.env.KAFKAJS_LOG_LEVEL),
    ...CLIENT_SETTINGS,
    ...securityConfig(broker),
    ...overrides,
  });
}

function clientLogLevel(raw: string | undefined): kafkajs.logLevel {
  switch ((raw ?? "").toLowerCase()) {
    case "error":
      return logLevel.ERROR;
    case "warn":
      return logLevel.WARN;
    case "info":
      return logLevel.INFO;
    case "debug":
      return logLevel.DEBUG;
    default:
      return logLevel.NOTHING;
  }
}

function securityConfig(broker: BrokerInfo): Pick<KafkaConfig, "ssl" | "sasl"> {
  const security = broker.security;
  if (!security) return {};
  const ssl = typeof security.ssl === "object" ? { ca: security.ssl.ca.map((file) => readFileSync(file, "utf8")) } : security.ssl;
  return { ssl, sasl: security.sasl as SASLOptions | undefined };
}
