import { describe, expect, test } from "vitest";
import type { ScenarioEvidence, TimelineEvent } from "../../evidence/proof-result.js";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { clusterRows, renderCluster } from "./cluster-table.js";

const asked = (n: number, at: number, moment: string, answer: TimelineEvent["answer"]): TimelineEvent => ({
  at,
  event: "observe",
  actor: "broker 2",
  summary: "",
  coordinatorReading: n,
  group: "A",
  moment,
  askedNode: 2,
  answer,
});

function clusterRun(after: TimelineEvent["answer"]): ScenarioEvidence {
  return {
    ...scenarioFixture(),
    brokers: [
      { nodeId: 1, address: "127.0.0.1:9001", killedAt: 300 },
      { nodeId: 2, address: "127.0.0.1:9002", killedAt: null },
      { nodeId: 3, address: "127.0.0.1:9003", killedAt: null },
    ],
    timeline: [asked(1, 200, "before the kill", { coordinator: 1 }), asked(2, 9000, "after the kill", after)],
  };
}

describe("clusterRows", () => {
  test("each node with its fate and the readings that named it coordinator", () => {
    expect(clusterRows(clusterRun({ coordinator: 3 }))).toEqual([
      { nodeId: 1, address: "127.0.0.1:9001", killedAt: 300, coordinatorOf: ["group A before the kill"] },
      { nodeId: 2, address: "127.0.0.1:9002", killedAt: null, coordinatorOf: [] },
      { nodeId: 3, address: "127.0.0.1:9003", killedAt: null, coordinatorOf: ["group A after the kill"] },
    ]);
  });

  test("a run on a broker it did not start has no rows", () => {
    expect(clusterRows(scenarioFixture())).toEqual([]);
  });
});

describe("renderCluster", () => {
  test("marks the killed node and shows an error answer as the broker gave it", () => {
    const html = renderCluster(clusterRun({ code: "COORDINATOR_NOT_AVAILABLE", message: "The coordinator is not available" }));
    expect(html).toContain('<tr class="killed">');
    expect(html).toContain("killed (kill -9) at +300 ms");
    expect(html).toContain('<td class="fail" title="The coordinator is not available">COORDINATOR_NOT_AVAILABLE</td>');
  });

  test("says so when there is no cluster of the run's own", () => {
    expect(renderCluster(scenarioFixture())).toContain("evidence-empty");
  });
});
