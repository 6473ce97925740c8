import { ConfigError } from "../errors.js";

/**
 * SASL/SCRAM on the client listener and Kafka's own authorizer, for a broker that
 * shows what ACLs allow and refuse. SCRAM-SHA-512 rather than PLAIN: the password
 * never crosses the wire, so no TLS is needed on loopback.
 */
export const SCRAM_MECHANISM = "SCRAM-SHA-512";

/** A SCRAM user: one per service, and the broker's own administrator. */
export interface ScramUser {
  username: string;
  password: string;
}

/** Names the storage tool and the JAAS line take without quoting: letters, digits, `-`, `_`, `.`. */
const SAFE = /^[A-Za-z0-9._-]+$/;

function checkUser(user: ScramUser): void {
  if (!SAFE.test(user.username) || !SAFE.test(user.password)) {
    throw new ConfigError(
      `SCRAM user ${JSON.stringify(user.username)} has a name or password with characters other than letters, digits, ".", "_" and "-".`,
      "Use such names and passwords: they go unquoted into the storage tool's --add-scram argument and the broker's JAAS setting.",
    );
  }
}

/**
 * Broker settings for SASL/SCRAM with the standard authorizer (KRaft's, which keeps ACLs in the
 * metadata log). Everything is denied unless an ACL allows it (`allow.everyone.if.no.acl.found`
 * keeps its default, false); `admin` is a super user, the identity the brokers use among themselves.
 */
export function saslBrokerSettings(admin: ScramUser): Record<string, string> {
  checkUser(admin);
  return {
    "sasl.enabled.mechanisms": SCRAM_MECHANISM,
    "sasl.mechanism.inter.broker.protocol": SCRAM_MECHANISM,
    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config": `org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";`,
    "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
    // The controller listener stays PLAINTEXT on loopback (SCRAM credentials live in the metadata the controllers
    // serve, so controllers cannot check them among themselves); its callers, the nodes themselves, are ANONYMOUS
    // there and need cluster rights. Clients are given only the SASL listener's address.
    "super.users": `User:${admin.username};User:ANONYMOUS`,
  };
}

/** The storage tool's arguments that create the users' SCRAM credentials when the storage is formatted (KIP-900). */
export function scramFormatArguments(users: readonly ScramUser[]): string[] {
  return users.flatMap((user) => {
    checkUser(user);
    return ["--add-scram", `${SCRAM_MECHANISM}=[name=${user.username},password=${user.password}]`];
  });
}
