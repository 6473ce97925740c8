import { ConfigError, BrokerError } from "../errors.js";
import { askBrokerSupport, type BrokerSupport } from "./api-versions.js";
import { kafkaClient } from "../harness/client-settings.js";
import { withTimeout } from "../harness/wait.js";
import type { ClientSecurity, StartedBroker } from "./started-broker.js";

/** How long an unreachable cluster may take to say so. */
export const REACH_TIMEOUT_MS = 12_000;

const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;

/** `KAFKA_BROKERS=host:port,...` as a list, each entry checked. */
export function parseBrokerList(raw: string): string[] {
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    throw new ConfigError(`KAFKA_BROKERS="${raw}" names no broker.`, "Set it to host:port[,host:port...], e.g. localhost:9092.");
  }
  for (const entry of entries) {
    const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(entry);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      throw new ConfigError(`KAFKA_BROKERS entry "${entry}" is not host:port.`, "Write each broker as host:port, e.g. localhost:9092, separated by commas.");
    }
  }
  return entries;
}

/** Optional SASL and TLS settings for an external cluster, from `KAFKA_SASL_*` and `KAFKA_SSL*`. */
export function parseSecurity(env: NodeJS.ProcessEnv): ClientSecurity | undefined {
  const security: ClientSecurity = {};
  const caFile = env.KAFKA_SSL_CA_FILE?.trim();
  const ssl = env.KAFKA_SSL?.trim().toLowerCase();
  if (ssl && !["true", "false", "1", "0"].includes(ssl)) {
    throw new ConfigError(`KAFKA_SSL="${env.KAFKA_SSL}" is not true or false.`, "Set KAFKA_SSL=true to connect with TLS, or unset it.");
  }
  if (caFile) security.ssl = { ca: [caFile] };
  else if (ssl === "true" || ssl === "1") security.ssl = true;

  const mechanism = env.KAFKA_SASL_MECHANISM?.trim().toLowerCase();
  if (mechanism) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      throw new ConfigError(`KAFKA_SASL_MECHANISM="${env.KAFKA_SASL_MECHANISM}" is not supported.`, `Use one of: ${SASL_MECHANISMS.join(", ")}.`);
    }
    const username = env.KAFKA_SASL_USERNAME;
    const password = env.KAFKA_SASL_PASSWORD;
    if (!username || password === undefined) {
      throw new ConfigError(`KAFKA_SASL_MECHANISM=${mechanism} needs a user.`, "Set KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.");
    }
    security.sasl = { mechanism: mechanism as (typeof SASL_MECHANISMS)[number], username, password };
  }
  return security.ssl !== undefined || security.sasl ? security : undefined;
}

/**
 * SASL PLAIN sends the password itself; without TLS anyone on the path can read it.
 * (SCRAM sends only a proof of it.) Some test clusters run so on purpose, so it is a warning, not an error.
 */
export function clearTextPasswordWarning(security: ClientSecurity | undefined, bootstrapServers: readonly string[]): string | undefined {
  if (security?.sasl?.mechanism !== "plain" || security.ssl) return undefined;
  return (
    `Warning: KAFKA_SASL_MECHANISM=plain without TLS sends the password of user ${security.sasl.username} in clear text to ${bootstrapServers.join(",")}.\n` +
    "  → Set KAFKA_SSL=true (or KAFKA_SSL_CA_FILE) if the cluster offers TLS, or use scram-sha-256/scram-sha-512."
  );
}

/** Warnings already given by this process: one is enough, however often a cluster is connected to. */
const warned = new Set<string>();

/** An existing cluster: checked for reachability, never stopped by us. */
export async function connectExternalBroker(env: NodeJS.ProcessEnv, timeoutMs = REACH_TIMEOUT_MS): Promise<StartedBroker> {
  const bootstrapServers = parseBrokerList(env.KAFKA_BROKERS ?? "");
  const broker = {
    bootstrapServers,
    // An external cluster's release is not something the client protocol reports; trust the user if they said.
    kafkaVersion: env.KAFKA_VERSION?.trim() || "unknown",
    mode: "external" as const,
    security: parseSecurity(env),
  };
  const warning = clearTextPasswordWarning(broker.security, bootstrapServers);
  if (warning && !warned.has(warning)) {
    warned.add(warning);
    process.stderr.write(`${warning}\n`);
  }
  const admin = kafkaClient(broker, "kafka-proofs-reachability", {
    connectionTimeout: 3_000,
    requestTimeout: 3_000,
    retry: { retries: 1, initialRetryTime: 100 },
  }).admin();
  try {
    await withTimeout(
      `the cluster at ${bootstrapServers.join(",")}`,
      admin.connect().then(() => admin.describeCluster()),
      timeoutMs,
    );
  } catch (error) {
    // Not awaited: a client stuck on a silent address would hold the error back by its own timeouts.
    void admin.disconnect().catch(() => undefined);
    throw new BrokerError(
      `Could not reach the Kafka cluster at ${bootstrapServers.join(",")} (KAFKA_BROKERS): ${(error as Error).message}`,
      "Check the address and that the cluster is running (and KAFKA_SSL/KAFKA_SASL_* if it needs them); or unset KAFKA_BROKERS to start a broker here.",
      { cause: error },
    );
  }
  await admin.disconnect();
  // A release not given is not guessed: what the cluster supports is asked of it, and each proof judged by that.
  let supports: BrokerSupport | undefined;
  if (broker.kafkaVersion === "unknown") {
    try {
      supports = await askBrokerSupport(bootstrapServers, broker.security);
    } catch (error) {
      process.stderr.write(`Warning: ${(error as Error).message}; every proof will be tried, and the broker will refuse what it does not support.\n`);
    }
  }
  const stop = async () => undefined;
  return { ...broker, ...(supports ? { supports } : {}), stop, [Symbol.asyncDispose]: stop };
}
