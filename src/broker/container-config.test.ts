import { describe, expect, it } from "vitest";
import { CONTAINER_LABEL, containerConfig, kafkaEnvName } from "./container-config.js";

describe("kafkaEnvName", () => {
  it("follows the apache/kafka image's convention", () => {
    expect(kafkaEnvName("group.initial.rebalance.delay.ms")).toBe("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS");
    expect(kafkaEnvName("some_prop")).toBe("KAFKA_SOME__PROP");
    expect(kafkaEnvName("a-b")).toBe("KAFKA_A___B");
  });
});

describe("containerConfig", () => {
  const base = { version: "4.3.1", port: 41234, clusterId: "abc" };

  it("runs the official image of the pinned version by default", () => {
    expect(containerConfig({ ...base, env: {} }).image).toBe("apache/kafka:4.3.1");
  });

  it("takes KAFKA_IMAGE for a local or mirrored image", () => {
    expect(containerConfig({ ...base, env: { KAFKA_IMAGE: "localhost/kafka-proofs:4.3.1" } }).image).toBe("localhost/kafka-proofs:4.3.1");
  });

  it("listens and advertises on the same port number it publishes", () => {
    const { environment, port } = containerConfig({ ...base, env: {} });
    expect(port).toBe(41234);
    expect(environment.KAFKA_LISTENERS).toContain("PLAINTEXT://0.0.0.0:41234");
    expect(environment.KAFKA_ADVERTISED_LISTENERS).toBe("PLAINTEXT://localhost:41234");
    expect(environment.KAFKA_PROCESS_ROLES).toBe("broker,controller");
    expect(environment.CLUSTER_ID).toBe("abc");
  });

  it("advertises TESTCONTAINERS_HOST_OVERRIDE when set", () => {
    const { environment } = containerConfig({ ...base, env: { TESTCONTAINERS_HOST_OVERRIDE: "docker-host" } });
    expect(environment.KAFKA_ADVERTISED_LISTENERS).toBe("PLAINTEXT://docker-host:41234");
  });

  it("applies the same proof settings as the native broker", () => {
    const { environment } = containerConfig({ ...base, env: {} });
    expect(environment.KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS).toBe("0");
    expect(environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe("false");
    expect(environment.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe("1");
  });

  it("labels the container so leftovers can be found", () => {
    const { labels } = containerConfig({ ...base, env: {} });
    expect(labels[CONTAINER_LABEL]).toBe("broker");
    expect(labels[`${CONTAINER_LABEL}.owner-pid`]).toBe(String(process.pid));
  });
});
