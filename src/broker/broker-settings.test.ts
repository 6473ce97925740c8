import { describe, expect, it } from "vitest";
import { clusterBrokerSettings, PROOF_BROKER_SETTINGS, proofBrokerSettings, serverProperties } from "./broker-settings.js";

const node = {
  nodeId: 1,
  clientListener: { host: "127.0.0.1", port: 40001 },
  controllerListener: { host: "127.0.0.1", port: 40002 },
  logDir: "/tmp/run/data",
};

function parse(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
}

describe("serverProperties", () => {
  it("describes one combined broker + controller KRaft node on the given ports", () => {
    const props = parse(serverProperties(node, {}));
    expect(props["process.roles"]).toBe("broker,controller");
    expect(props["controller.quorum.voters"]).toBe("1@127.0.0.1:40002");
    expect(props.listeners).toBe("PLAINTEXT://127.0.0.1:40001,CONTROLLER://127.0.0.1:40002");
    expect(props["advertised.listeners"]).toBe("PLAINTEXT://127.0.0.1:40001");
    expect(props["log.dirs"]).toBe("/tmp/run/data");
  });

  it("carries the proof settings the issue asks for", () => {
    const props = parse(serverProperties(node, PROOF_BROKER_SETTINGS));
    expect(props["group.initial.rebalance.delay.ms"]).toBe("0");
    expect(props["offsets.topic.replication.factor"]).toBe("1");
    expect(props["auto.create.topics.enable"]).toBe("false");
    expect(Number(props["offsets.topic.num.partitions"])).toBeLessThanOrEqual(3);
  });

  it("names every voter of a cluster, and speaks SASL to clients and between brokers when asked", () => {
    const voters = [1, 2, 3].map((nodeId) => ({ nodeId, host: "127.0.0.1", port: 41000 + nodeId }));
    const props = parse(serverProperties({ ...node, nodeId: 2, voters, clientProtocol: "SASL_PLAINTEXT" }, {}));
    expect(props["controller.quorum.voters"]).toBe("1@127.0.0.1:41001,2@127.0.0.1:41002,3@127.0.0.1:41003");
    expect(props.listeners).toBe("SASL_PLAINTEXT://127.0.0.1:40001,CONTROLLER://127.0.0.1:40002");
    expect(props["inter.broker.listener.name"]).toBe("SASL_PLAINTEXT");
    expect(props["listener.security.protocol.map"]).toBe("SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
  });

  it("refuses a node that is not among its cluster's voters", () => {
    expect(() => serverProperties({ ...node, nodeId: 4, voters: [{ nodeId: 1, host: "127.0.0.1", port: 41001 }] }, {})).toThrow("node 4 is not among the voters 1");
  });

  it("lets extra settings override, and escapes backslashes for java.util.Properties", () => {
    const props = parse(serverProperties({ ...node, logDir: "C:\\kafka\\data" }, { "num.io.threads": "1" }));
    expect(props["num.io.threads"]).toBe("1");
    expect(props["log.dirs"]).toBe("C:\\\\kafka\\\\data");
  });
});

describe("clusterBrokerSettings", () => {
  it("puts everything on three replicas, two in sync, so one node may die, and fences a dead node sooner", () => {
    const settings = clusterBrokerSettings("4.4.0", 3);
    expect(settings["offsets.topic.replication.factor"]).toBe("3");
    expect(settings["min.insync.replicas"]).toBe("2");
    expect(settings["default.replication.factor"]).toBe("3");
    expect(settings["share.coordinator.state.topic.min.isr"]).toBe("2");
    expect(Number(settings["broker.session.timeout.ms"])).toBeLessThan(9000);
  });

  it("keeps one replica on one node, and gives 3.9 no share-group settings", () => {
    expect(clusterBrokerSettings("4.4.0", 1)).toMatchObject({ "offsets.topic.replication.factor": "1", "min.insync.replicas": "1" });
    expect(clusterBrokerSettings("4.4.0", 1)["broker.session.timeout.ms"]).toBeUndefined();
    expect(Object.keys(clusterBrokerSettings("3.9.2", 3)).filter((key) => key.startsWith("share."))).toEqual([]);
    expect(() => clusterBrokerSettings("4.4.0", 0)).toThrow("at least one");
  });
});

describe("proofBrokerSettings", () => {
  it("gives share-group settings to 4.x only: 3.9 has no share groups", () => {
    expect(proofBrokerSettings("4.0.0")["share.coordinator.state.topic.replication.factor"]).toBe("1");
    expect(PROOF_BROKER_SETTINGS["share.coordinator.state.topic.replication.factor"]).toBe("1");
    const old = proofBrokerSettings("3.9.2");
    expect(Object.keys(old).filter((key) => key.startsWith("share."))).toEqual([]);
  });

  it("lets consumer-protocol groups (Kafka 4) heartbeat quickly and time out as soon as classic ones", () => {
    const settings = proofBrokerSettings("4.4.0");
    expect(Number(settings["group.consumer.heartbeat.interval.ms"])).toBeLessThanOrEqual(250);
    expect(Number(settings["group.consumer.min.heartbeat.interval.ms"])).toBeLessThanOrEqual(Number(settings["group.consumer.heartbeat.interval.ms"]));
    expect(settings["group.consumer.min.session.timeout.ms"]).toBe(settings["group.min.session.timeout.ms"]);
    expect(Object.keys(proofBrokerSettings("3.9.2")).filter((key) => key.startsWith("group.consumer."))).toEqual([]);
  });

  it("lets share groups (Kafka 4) learn of their assignment quickly: heartbeats every 250 ms, assignments at once", () => {
    const settings = proofBrokerSettings("4.4.0");
    expect(Number(settings["group.share.heartbeat.interval.ms"])).toBeLessThanOrEqual(250);
    expect(Number(settings["group.share.min.heartbeat.interval.ms"])).toBeLessThanOrEqual(Number(settings["group.share.heartbeat.interval.ms"]));
    expect(settings["group.share.assignment.interval.ms"]).toBe("0");
    expect(Object.keys(proofBrokerSettings("3.9.2")).filter((key) => key.startsWith("group.share."))).toEqual([]);
  });

  it("gives both lines the settings every proof depends on", () => {
    for (const version of ["3.9.2", "4.4.0"]) {
      const settings = proofBrokerSettings(version);
      expect(settings["group.initial.rebalance.delay.ms"]).toBe("0");
      expect(settings["group.min.session.timeout.ms"]).toBe("1000");
      expect(settings["auto.create.topics.enable"]).toBe("false");
    }
  });
});
