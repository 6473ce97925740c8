import { describe, expect, it } from "vitest";
import { CAMPAIGN_FORMAT, type CampaignResult, type CampaignRun } from "../../campaign/campaign-result.js";
import { checkCampaign, type CampaignPlan } from "../../campaign/checkers.js";
import { history, valueAt } from "../../campaign/history-fixture.js";
import type { Schedule } from "../../campaign/schedule.js";
import { asCampaignResult, campaignResultSchema } from "../validation/campaign-schema.js";
import { problemsWith } from "../validation/schema-parts.js";
import { campaignPage } from "./campaign-page.js";
import { faultBars, ownershipLanes } from "./campaign-timeline.js";

const SCHEDULE: Schedule = {
  seed: 7,
  duration: 100,
  steps: [
    { step: 0, at: 10, action: "kill-broker", target: { role: "leader-of", topic: "t", partition: 0 } },
    { step: 1, at: 30, action: "restart-broker", recovers: 0 },
    { step: 2, at: 100, action: "heal" },
  ],
};
const PLAN: CampaignPlan = { schedule: SCHEDULE, consumerGroups: [{ group: "A", topics: ["t"] }], shareGroups: [] };

/** A's A1 reads 0–1, then A2 (after A1's crash) reads 3: offset 2 is lost to the group. */
function run(): CampaignRun {
  const w = history()
    .ack(0, [0, 1, 2, 3])
    .member("A", "A1", "join")
    .read("A", "A1", 0, [0, 1])
    .fault(0, 2)
    .member("A", "A1", "crash")
    .member("A", "A2", "join")
    .read("A", "A2", 0, [3])
    .commit("A", "A2", 0, 4)
    .fault(1, 2)
    .log(0, 4)
    .committed("A", 0, 4);
  const h = w.recorder;
  return {
    schedule: SCHEDULE,
    plan: PLAN,
    applied: [
      { step: 0, at: 10, node: 2, applied: true },
      { step: 1, at: 30, node: 2, applied: true },
    ],
    topic: "t",
    nodes: [{ nodeId: 2, address: "127.0.0.1:1" }],
    history: h.toJSON(),
    verdicts: checkCampaign(h.columns(), PLAN),
    figures: {
      seconds: 0.1,
      healSeconds: 0,
      operations: h.length,
      writes: 4,
      recordedPerSecond: 1,
      checkedPerSecond: 1,
      checkMs: 1,
      historyBytes: 1,
      faultsPerMinute: 1,
      recorderMb: 0,
      peakCheckersMb: 0,
      peakHow: "VmHWM",
      processPeakMb: 1,
      revived: 0,
      progress: [{ group: "A", duringRun: 3, afterHeal: 0, firstAt: 1 }],
    },
  };
}

const result = (): CampaignResult => ({
  format: CAMPAIGN_FORMAT,
  id: "seed-7-60s",
  seed: 7,
  startedAt: "2026-01-01T00:00:00.000Z",
  kafka: { version: "4.4.0" },
  load: { before: [1, 1, 1], after: [2, 2, 2], cores: 2 },
  claim: run(),
  control: null,
  judgement: { verdict: "fail", reasons: ["one"], known: [] },
});

describe("the campaign page", () => {
  it("links every anomaly to its place in the history, which the page shows with that anchor", () => {
    const page = campaignPage(result());
    const lost = run().verdicts.find((v) => !v.valid)!.anomalies[0]!;
    expect(lost.op).toBeDefined();
    expect(page).toContain(`<a href="#campaign-op-${lost.op}">operation ${lost.op}</a>`);
    expect(page).toContain(`<tr id="campaign-op-${lost.op}" class="fail">`);
    expect(page).toContain("npm run campaign -- --seed 7 --seconds 0");
  });

  it("shows what a known defect of the Kafka it ran on did, apart from the reasons it failed, and passes it when that is all", () => {
    const known = "share group S: Kafka's share coordinator never set a share-partition's state back: 1 anomaly — a known defect of Kafka 4.4.0";
    const page = campaignPage({ ...result(), judgement: { verdict: "pass", reasons: [], known: [known] } });
    expect(page).toContain("✓ pass");
    expect(page).toContain("Found, and a known defect of this Kafka release");
    expect(page).toContain(`- ${known.replaceAll("'", "&#39;")}`);
    expect(campaignPage(result())).not.toContain("known defect");
  });

  it("draws each applied fault from its step to its recovery, and each consumer's stretch of a partition", () => {
    expect(faultBars(SCHEDULE, run().applied)).toEqual([{ step: 0, lane: "brokers", label: "kill -9 node 2 (leader of p0)", from: 10, to: 30 }]);
    const lanes = ownershipLanes(history().read("A", "A1", 0, [0, 1]).at(5_000).read("A", "A1", 0, [2]).read("A", "A2", 1, [0]).columns, ["A"]);
    expect(lanes).toEqual([
      {
        group: "A",
        consumers: ["A1", "A2"],
        partitions: [
          {
            partition: 0,
            segments: [
              { consumer: "A1", from: 1, to: 2 },
              { consumer: "A1", from: 5_001, to: 5_001 },
            ],
          },
          { partition: 1, segments: [{ consumer: "A2", from: 5_002, to: 5_002 }] },
        ],
      },
    ]);
    expect(valueAt(0, 1)).toBe(1);
  });

  it("accepts what the runner writes, and names what a cut-short file lacks", () => {
    expect(problemsWith(campaignResultSchema, JSON.parse(JSON.stringify(result())))).toEqual([]);
    expect(asCampaignResult(campaignResultSchema.parse(JSON.parse(JSON.stringify(result())))).id).toBe("seed-7-60s");
    const cut = { ...result(), claim: { ...run(), figures: undefined } };
    expect(problemsWith(campaignResultSchema, JSON.parse(JSON.stringify(cut)))).toEqual([
      "claim.figures must be Invalid input: expected object, received undefined; found nothing",
    ]);
  });
});
