import { describe, expect, it } from "vitest";
import { hostname } from "node:os";
import { CONTAINER_LABEL, containerConfig, kafkaEnvName, OWNER_HOST_LABEL, OWNER_PID_LABEL, RUN_LABEL, SERVICE_LABEL } from "./container-config.js";

describe("kafkaEnvName", () => {
  it("follows the apache/kafka image's convention", () => {
    expect(kafkaEnvName("group.initial.rebalance.delay.ms")).toBe("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS");
    expect(kafkaEnvName("some_prop")).toBe("KAFKA_SOME__PROP");
    expect(kafkaEnvName("a-b")).toBe("KAFKA_A___B");
  });
});

describe("containerConfig", () => {
  const base = { version: "4.3.1", port: 41234, clusterId: "abc", runId: "run-1" };

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

  it("publishes the broker's port on the loopback interface only, as the native broker listens", () => {
    const { portBindings } = containerConfig({ ...base, env: {} });
    expect(portBindings).toEqual({ "41234/tcp": [{ HostIp: "127.0.0.1", HostPort: "41234" }] });
    expect(containerConfig({ ...base, env: { TESTCONTAINERS_HOST_OVERRIDE: "localhost" } }).portBindings["41234/tcp"]).toEqual([{ HostIp: "127.0.0.1", HostPort: "41234" }]);
  });

  it("publishes on every interface only when TESTCONTAINERS_HOST_OVERRIDE says clients reach the engine's host by another name", () => {
    const { portBindings } = containerConfig({ ...base, env: { TESTCONTAINERS_HOST_OVERRIDE: "docker-host" } });
    expect(portBindings).toEqual({ "41234/tcp": [{ HostIp: "", HostPort: "41234" }] });
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

  it("labels the container with its owner and its start, so leftovers can be found", () => {
    const { labels } = containerConfig({ ...base, env: {} });
    expect(labels[CONTAINER_LABEL]).toBe("broker");
    expect(labels[OWNER_PID_LABEL]).toBe(String(process.pid));
    expect(labels[OWNER_HOST_LABEL]).toBe(hostname());
    expect(labels[RUN_LABEL]).toBe("run-1");
  });

  it("names the podman service serving the run, so stopping it removes this container and no one else's", () => {
    expect(containerConfig({ ...base, env: { KAFKA_PROOFS_PODMAN_SERVICE: "5e1f" } }).labels[SERVICE_LABEL]).toBe("5e1f");
    expect(containerConfig({ ...base, env: {} }).labels).not.toHaveProperty(SERVICE_LABEL);
  });

  it("gives both images the native broker's small-heap JVM options, outside the broker's properties", () => {
    const { environment } = containerConfig({ ...base, env: {} });
    expect(environment.KAFKA_HEAP_OPTS).toBe("-Xms256m -Xmx1g");
    expect(environment.KAFKA_JVM_PERFORMANCE_OPTS).toContain("-XX:TieredStopAtLevel=1");
  });
});
