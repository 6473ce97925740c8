import { describe, expect, it } from "vitest";
import { javaClientSecurity } from "./java-client-security.js";

describe("javaClientSecurity", () => {
  it("gives a plain broker no settings", () => {
    expect(javaClientSecurity(undefined)).toEqual({});
    expect(javaClientSecurity({})).toEqual({});
  });

  it("speaks SCRAM over plaintext, with the user in the JAAS line", () => {
    expect(javaClientSecurity({ sasl: { mechanism: "scram-sha-512", username: "svc-a", password: "s3cret" } })).toEqual({
      "security.protocol": "SASL_PLAINTEXT",
      "sasl.mechanism": "SCRAM-SHA-512",
      "sasl.jaas.config": 'org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-a" password="s3cret";',
    });
  });

  it("escapes quotes and backslashes in a password, and trusts a PEM file over TLS", () => {
    const properties = javaClientSecurity({ ssl: { ca: ["/etc/ca.pem"] }, sasl: { mechanism: "plain", username: "u", password: 'a"b\\c' } });
    expect(properties["security.protocol"]).toBe("SASL_SSL");
    expect(properties["sasl.jaas.config"]).toBe('org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="a\\"b\\\\c";');
    expect(properties["ssl.truststore.type"]).toBe("PEM");
    expect(properties["ssl.truststore.location"]).toBe("/etc/ca.pem");
    expect(javaClientSecurity({ ssl: true })).toEqual({ "security.protocol": "SSL" });
  });
});
