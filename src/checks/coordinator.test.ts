import { describe, expect, it } from "vitest";
import type { BrokerNodeEvidence, TimelineEvent } from "../evidence/proof-result.js";
import { coordinatorKilled, coordinatorMoved } from "./coordinator.js";
import { evidence } from "./evidence-fixture.js";
import type { CoordinatorAnswer } from "./evidence-queries.js";

/** Coordinator reading #`n` of group A, taken at +`at` ms, asking node `asked`. */
const reading = (n: number, at: number, moment: string, answer: CoordinatorAnswer, asked = 1): TimelineEvent => ({
  at,
  event: "observe",
  actor: `broker ${asked}`,
  summary: "",
  coordinatorReading: n,
  group: "A",
  moment,
  askedNode: asked,
  answer,
});
const nodes = (killed: Record<number, number> = {}): BrokerNodeEvidence[] =>
  [1, 2, 3].map((nodeId) => ({ nodeId, address: `127.0.0.1:900${nodeId}`, killedAt: killed[nodeId] ?? null }));
const before = { coordinatorReading: 1, group: "A" };
const after = { coordinatorReading: 2, group: "A" };
const beforeKill = reading(1, 100, "before the kill", { coordinator: 2 });

describe("coordinatorMoved", () => {
  it("passes when a live node other than the killed coordinator is named after the kill", () => {
    const e = evidence({ brokers: nodes({ 2: 200 }), timeline: [beforeKill, reading(2, 9000, "after the kill", { coordinator: 3 })] });
    expect(coordinatorMoved(e, before, after)).toMatchObject({ outcome: "pass", detail: "expected a live node other than node 2 after the kill; node 1 named node 3" });
  });

  it("fails when the broker answers an error code: no node coordinates the group", () => {
    const e = evidence({ brokers: nodes({ 2: 200 }), timeline: [beforeKill, reading(2, 30000, "after the kill", { code: "COORDINATOR_NOT_AVAILABLE", message: "" })] });
    expect(coordinatorMoved(e, before, after)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("node 1 answered COORDINATOR_NOT_AVAILABLE") });
  });

  it("fails when the same node, or one already killed, is still named", () => {
    const same = evidence({ brokers: nodes(), timeline: [beforeKill, reading(2, 9000, "after the kill", { coordinator: 2 })] });
    expect(coordinatorMoved(same, before, after).outcome).toBe("fail");
    const dead = evidence({ brokers: nodes({ 2: 200, 3: 300 }), timeline: [beforeKill, reading(2, 9000, "after the kill", { coordinator: 3 })] });
    expect(coordinatorMoved(dead, before, after)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("named node 3, killed at +300 ms") });
  });

  it("cannot judge without both readings or without the cluster's nodes", () => {
    expect(coordinatorMoved(evidence({ brokers: nodes(), timeline: [beforeKill] }), before, after).outcome).toBe("inconclusive");
    expect(coordinatorMoved(evidence({ timeline: [beforeKill, reading(2, 9000, "after", { coordinator: 3 })] }), before, after).outcome).toBe("inconclusive");
  });

  it("refuses readings of two different groups", () => {
    const e = evidence({ brokers: nodes(), timeline: [beforeKill, { ...reading(2, 9000, "after", { coordinator: 3 }), group: "B" }] });
    expect(coordinatorMoved(e, before, { coordinatorReading: 2, group: "B" })).toMatchObject({ outcome: "fail", detail: expect.stringContaining("of A and B") });
  });
});

describe("coordinatorKilled", () => {
  it("passes when the named coordinator is killed after it was named", () => {
    expect(coordinatorKilled(evidence({ brokers: nodes({ 2: 200 }), timeline: [beforeKill] }), before).outcome).toBe("pass");
  });

  it("fails when another node was killed, or the named one had died before", () => {
    expect(coordinatorKilled(evidence({ brokers: nodes({ 3: 200 }), timeline: [beforeKill] }), before)).toMatchObject({
      outcome: "fail",
      detail: "expected node 2 to be killed; it ran to the end",
    });
    expect(coordinatorKilled(evidence({ brokers: nodes({ 2: 50 }), timeline: [beforeKill] }), before).outcome).toBe("fail");
  });

  it("fails on an error code in place of a node, and cannot judge a reading it lacks", () => {
    const coded = evidence({ brokers: nodes(), timeline: [reading(1, 100, "before", { code: "COORDINATOR_NOT_AVAILABLE", message: "" })] });
    expect(coordinatorKilled(coded, before).outcome).toBe("fail");
    expect(coordinatorKilled(evidence({ brokers: nodes() }), before).outcome).toBe("inconclusive");
  });
});
