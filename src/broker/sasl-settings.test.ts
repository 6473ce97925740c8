import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { saslBrokerSettings, scramFormatArguments } from "./sasl-settings.js";

describe("saslBrokerSettings", () => {
  it("runs SCRAM on the client listener and the standard authorizer, denying what no ACL allows", () => {
    const settings = saslBrokerSettings({ username: "admin", password: "s3cret" });
    expect(settings["sasl.enabled.mechanisms"]).toBe("SCRAM-SHA-512");
    expect(settings["authorizer.class.name"]).toBe("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    expect(settings["super.users"]).toBe("User:admin;User:ANONYMOUS");
    expect(settings["allow.everyone.if.no.acl.found"]).toBeUndefined();
    expect(settings["listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config"]).toContain('username="admin" password="s3cret";');
  });

  it("refuses a name or password that would need quoting", () => {
    expect(() => saslBrokerSettings({ username: "ad min", password: "x" })).toThrow(ConfigError);
    expect(() => scramFormatArguments([{ username: "svc-a", password: 'a"b' }])).toThrow(/letters, digits/);
  });
});

describe("scramFormatArguments", () => {
  it("gives the storage tool one --add-scram per user", () => {
    expect(
      scramFormatArguments([
        { username: "svc-a", password: "p1" },
        { username: "svc-b", password: "p2" },
      ]),
    ).toEqual(["--add-scram", "SCRAM-SHA-512=[name=svc-a,password=p1]", "--add-scram", "SCRAM-SHA-512=[name=svc-b,password=p2]"]);
  });
});
