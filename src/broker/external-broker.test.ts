import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BrokerError, ConfigError } from "../errors.js";
import { clearTextPasswordWarning, connectExternalBroker, parseBrokerList, parseSecurity } from "./external-broker.js";
import { freePort } from "./native/free-port.js";

describe("parseBrokerList", () => {
  it("splits and trims host:port entries", () => {
    expect(parseBrokerList(" localhost:9092, kafka-2:19092 ")).toEqual(["localhost:9092", "kafka-2:19092"]);
    expect(parseBrokerList("[::1]:9092")).toEqual(["[::1]:9092"]);
  });

  it("names the entry that is not host:port", () => {
    expect(() => parseBrokerList("localhost")).toThrowError(/KAFKA_BROKERS entry "localhost" is not host:port/);
    expect(() => parseBrokerList("localhost:99999")).toThrowError(ConfigError);
    expect(() => parseBrokerList(" , ")).toThrowError(/names no broker/);
  });
});

describe("parseSecurity", () => {
  it("is absent by default", () => {
    expect(parseSecurity({})).toBeUndefined();
  });

  it("reads TLS and SASL settings", () => {
    expect(parseSecurity({ KAFKA_SSL: "true" })).toEqual({ ssl: true });
    expect(parseSecurity({ KAFKA_SSL_CA_FILE: "/etc/ca.pem" })).toEqual({ ssl: { ca: ["/etc/ca.pem"] } });
    expect(parseSecurity({ KAFKA_SASL_MECHANISM: "SCRAM-SHA-512", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "p" })).toEqual({
      sasl: { mechanism: "scram-sha-512", username: "u", password: "p" },
    });
  });

  it("rejects what it cannot use, saying what would work", () => {
    expect(() => parseSecurity({ KAFKA_SASL_MECHANISM: "gssapi" })).toThrowError(/Use one of: plain, scram-sha-256, scram-sha-512/);
    expect(() => parseSecurity({ KAFKA_SASL_MECHANISM: "plain" })).toThrowError(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/);
    expect(() => parseSecurity({ KAFKA_SSL: "yes please" })).toThrowError(/KAFKA_SSL="yes please"/);
  });
});

describe("connectExternalBroker", () => {
  const sockets: Socket[] = [];
  let silent: Server | undefined;
  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)));
    silent = undefined;
  });

  it("fails within 15 s naming the address when nothing listens there", async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const error = await connectExternalBroker({ KAFKA_BROKERS: address }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerError);
    expect((error as Error).message).toContain(`Could not reach the Kafka cluster at ${address}`);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("fails at its time limit, naming the address, when the address accepts connections but never answers", async () => {
    silent = createServer((socket) => sockets.push(socket));
    const port = await new Promise<number>((resolve) => silent!.listen(0, "127.0.0.1", () => resolve((silent!.address() as { port: number }).port)));
    const started = Date.now();
    // A limit below the client's own 3 s request timeout: the wait ends by this function's limit, not by the client.
    const error = await connectExternalBroker({ KAFKA_BROKERS: `127.0.0.1:${port}` }, 500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerError);
    expect((error as Error).message).toContain(`Could not reach the Kafka cluster at 127.0.0.1:${port} (KAFKA_BROKERS): Timed out after 500 ms`);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe("a password sent in clear text", () => {
  const plain = { KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "p" };

  it("is warned of when SASL PLAIN is used without TLS", () => {
    const warning = clearTextPasswordWarning(parseSecurity(plain), ["kafka-1:9092"]);
    expect(warning).toContain("KAFKA_SASL_MECHANISM=plain without TLS sends the password of user u in clear text to kafka-1:9092");
    expect(warning).toContain("→ Set KAFKA_SSL=true");
  });

  it("is not a concern with TLS, or with SCRAM, which never sends the password itself", () => {
    expect(clearTextPasswordWarning(parseSecurity({ ...plain, KAFKA_SSL: "true" }), ["k:9092"])).toBeUndefined();
    expect(clearTextPasswordWarning(parseSecurity({ ...plain, KAFKA_SSL_CA_FILE: "/ca.pem" }), ["k:9092"])).toBeUndefined();
    expect(clearTextPasswordWarning(parseSecurity({ ...plain, KAFKA_SASL_MECHANISM: "scram-sha-256" }), ["k:9092"])).toBeUndefined();
    expect(clearTextPasswordWarning(undefined, ["k:9092"])).toBeUndefined();
  });

  it("is warned of once, on stderr, before the cluster is contacted", async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const address = `127.0.0.1:${await freePort()}`;
      for (let i = 0; i < 2; i++) await connectExternalBroker({ ...plain, KAFKA_BROKERS: address }).catch(() => undefined);
    } finally {
      spy.mockRestore();
    }
    expect(written.filter((text) => text.includes("in clear text"))).toHaveLength(1);
  });
});
