import type { ClientSecurity } from "./started-broker.js";

const LOGIN_MODULES = {
  plain: "org.apache.kafka.common.security.plain.PlainLoginModule",
  "scram-sha-256": "org.apache.kafka.common.security.scram.ScramLoginModule",
  "scram-sha-512": "org.apache.kafka.common.security.scram.ScramLoginModule",
} as const;

/** A JAAS option value, quoted: a backslash or a double quote inside is escaped, as JAAS's parser reads them. */
function jaasQuoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The same SASL/TLS settings as a Java Kafka client's properties (`security.protocol`,
 * `sasl.mechanism`, `sasl.jaas.config`, a PEM trust store), for Kafka's own tools. Empty
 * for a broker that takes plain clients.
 */
export function javaClientSecurity(security: ClientSecurity | undefined): Record<string, string> {
  if (!security || (!security.sasl && !security.ssl)) return {};
  const properties: Record<string, string> = {};
  const sasl = security.sasl;
  properties["security.protocol"] = sasl ? (security.ssl ? "SASL_SSL" : "SASL_PLAINTEXT") : "SSL";
  if (sasl) {
    properties["sasl.mechanism"] = sasl.mechanism.toUpperCase();
    properties["sasl.jaas.config"] = `${LOGIN_MODULES[sasl.mechanism]} required username=${jaasQuoted(sasl.username)} password=${jaasQuoted(sasl.password)};`;
  }
  if (typeof security.ssl === "object") {
    const [ca, ...more] = security.ssl.ca;
    if (ca === undefined || more.length > 0) throw new Error(`a Java client takes one PEM file of trusted certificates; ${security.ssl.ca.length} were given`);
    properties["ssl.truststore.type"] = "PEM";
    properties["ssl.truststore.location"] = ca;
  }
  return properties;
}
