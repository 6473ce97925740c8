import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { clusterProofsEnabled, onBrokersWith, ownClusterSkipReason, slowSkipReason } from "./own-cluster.js";

describe("clusterProofsEnabled", () => {
  it("is on for 1 or true, off when unset, empty, 0 or false", () => {
    for (const value of ["1", "true", " TRUE "]) expect(clusterProofsEnabled({ KAFKA_PROOFS_CLUSTER: value })).toBe(true);
    for (const value of [undefined, "", "0", "false"]) expect(clusterProofsEnabled({ KAFKA_PROOFS_CLUSTER: value })).toBe(false);
  });

  it("refuses anything else, saying how to set it", () => {
    expect(() => clusterProofsEnabled({ KAFKA_PROOFS_CLUSTER: "yes" })).toThrow(ConfigError);
    expect(() => clusterProofsEnabled({ KAFKA_PROOFS_CLUSTER: "yes" })).toThrow(/KAFKA_PROOFS_CLUSTER="yes" is neither on nor off/);
  });
});

describe("ownClusterSkipReason", () => {
  const cluster = { nodes: 3 };

  it("skips where the variable is off, naming the command that runs it", () => {
    expect(ownClusterSkipReason(cluster, "native", {})).toBe(
      "it starts a 3-node cluster of its own for the claim and another for the control, which npm test leaves out; run it with npm run proofs:cluster (KAFKA_PROOFS_CLUSTER=1)",
    );
  });

  it("leaves a proof on the run's broker that waits on a group's timers to the slow proofs' command", () => {
    expect(slowSkipReason("on the group's heartbeats", {})).toBe(
      "it waits on the group's heartbeats, which npm test leaves out; run it with npm run proofs:slow (KAFKA_PROOFS_SLOW=1)",
    );
    expect(slowSkipReason("on the group's heartbeats", { KAFKA_PROOFS_SLOW: "1" })).toBeUndefined();
  });

  it("leaves a proof that waits on a broker's timer to its own command, whatever the cluster proofs' variable says", () => {
    const slow = { nodes: 1, waitsFor: "over a minute for the broker to expire a group's offsets" };
    const leftOut = "it waits over a minute for the broker to expire a group's offsets, which npm test leaves out; run it with npm run proofs:slow (KAFKA_PROOFS_SLOW=1)";
    expect(ownClusterSkipReason(slow, "native", {})).toBe(leftOut);
    expect(ownClusterSkipReason(slow, "native", { KAFKA_PROOFS_CLUSTER: "1" })).toBe(leftOut);
    expect(ownClusterSkipReason(slow, "native", { KAFKA_PROOFS_SLOW: "1" })).toBeUndefined();
    expect(ownClusterSkipReason(slow, "container", { KAFKA_PROOFS_SLOW: "1" })).toMatch(/which needs native mode \(this run is container\)$/);
    // A cluster proof is not run by the slow proofs' variable.
    expect(ownClusterSkipReason(cluster, "native", { KAFKA_PROOFS_SLOW: "1" })).toMatch(/run it with npm run proofs:cluster/);
    expect(() => ownClusterSkipReason(slow, "native", { KAFKA_PROOFS_SLOW: "yes" })).toThrow(/KAFKA_PROOFS_SLOW="yes" is neither on nor off/);
  });

  it("skips outside native mode, and runs natively when asked", () => {
    expect(ownClusterSkipReason({ nodes: 1, scramUsers: ["svc-a"] }, "container", { KAFKA_PROOFS_CLUSTER: "1" })).toBe(
      "it starts a broker with SASL users of its own for the claim and another for the control, which needs native mode (this run is container)",
    );
    expect(ownClusterSkipReason(cluster, "native", { KAFKA_PROOFS_CLUSTER: "1" })).toBeUndefined();
  });
});

describe("onBrokersWith", () => {
  it("runs the scenario as given, carrying its broker settings", async () => {
    const scenario = onBrokersWith({ "offsets.topic.replication.factor": "1" }, async () => "ran");
    expect(scenario.brokerSettings).toEqual({ "offsets.topic.replication.factor": "1" });
    expect(await scenario(undefined as never)).toBe("ran");
  });
});
