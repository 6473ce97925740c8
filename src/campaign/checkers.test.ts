import { describe, expect, it } from "vitest";
import { acknowledgedWritesInLog } from "./acknowledged-writes.js";
import { checkCampaign, judgeCampaign, type CampaignPlan } from "./checkers.js";
import { asCheck, verdict } from "./finding.js";
import { history, valueAt } from "./history-fixture.js";

const PLAN: CampaignPlan = {
  schedule: { seed: 3, duration: 100, steps: [{ step: 0, at: 100, action: "heal" }] },
  consumerGroups: [{ group: "A", topics: ["t"] }],
  shareGroups: [{ group: "S", topics: ["t"], deliveryLimit: 5 }],
};

/** Three writes, read by group A and accepted by share group S; the log as acknowledged, A committed at its end. */
const clean = () =>
  history()
    .ack(0, [0, 1, 2])
    .member("A", "A1", "join")
    .read("A", "A1", 0, [0, 1, 2])
    .commit("A", "A1", 0, 3)
    .deliver("S", "S1", 0, 0, 1)
    .settle("S", "S1", 0, 0, "accept")
    .deliver("S", "S1", 0, 1, 1)
    .settle("S", "S1", 0, 1, "accept")
    .deliver("S", "S1", 0, 2, 1)
    .settle("S", "S1", 0, 2, "accept")
    .stateRead("S", 0);

/** The control's history: 0–4 acknowledged by a leader alone, the follower elected uncleanly held 0–2 and took value 900 at 3. */
const control = () =>
  acknowledgedWritesInLog(
    history()
      .ack(0, [0, 1, 2, 3, 4])
      .ack(0, [3], () => 900)
      .log(0, 4, [valueAt(0, 0), valueAt(0, 1), valueAt(0, 2), 900]).columns,
  );

describe("checkCampaign", () => {
  it("runs every checker, once per group, and finds a clean campaign clean", () => {
    const verdicts = checkCampaign(clean().log(0, 3).committed("A", 0, 3).columns, PLAN);
    expect(verdicts.map((v) => [v.checker, v.valid, v.checked])).toEqual([
      ["every acknowledged write is in the log at its acknowledged offset after the heal", true, 3],
      ["group A: no lost write, duplicate outside a membership change or crash, skip, step backwards or commit ahead", true, 3],
      ["group A committed the log end of every partition after the heal", true, 1],
      ["share group S: every record settled once, or archived at the delivery limit", true, 3],
      ["share group S: Kafka's share coordinator never set a share-partition's state back (its own log, __share_group_state)", true, 1],
    ]);
  });
});

describe("judgeCampaign", () => {
  it("passes a clean campaign whose control lost acknowledged writes", () => {
    const claim = checkCampaign(clean().log(0, 3).committed("A", 0, 3).columns, PLAN);
    expect(
      control()
        .anomalies.filter((a) => a.kind === "lost-acknowledged")
        .map((a) => a.offset),
    ).toEqual([3, 4]);
    expect(judgeCampaign(claim, control(), "4.4.0")).toEqual({ verdict: "pass", reasons: [], known: [] });
  });

  it("fails a campaign whose control found nothing, however clean the campaign", () => {
    const claim = checkCampaign(clean().log(0, 3).committed("A", 0, 3).columns, PLAN);
    const silent = acknowledgedWritesInLog(history().ack(0, [0]).log(0, 1).columns);
    expect(judgeCampaign(claim, silent, "4.4.0").reasons).toEqual([
      "the control lost no acknowledged write (1 checked): the checker is not shown able to see a loss, so its silence on the campaign shows nothing",
    ]);
  });

  it("fails a campaign with an anomaly, naming the checker and the first anomaly", () => {
    const claim = checkCampaign(clean().log(0, 3).committed("A", 0, 2).columns, PLAN);
    expect(judgeCampaign(claim, control(), "4.4.0")).toEqual({
      verdict: "fail",
      reasons: [
        "group A committed the log end of every partition after the heal: 1 anomaly, the first committed-not-at-log-end: group A on t/0: expected committed 3 (the log end); the broker reported committed 2",
      ],
      known: [],
    });
  });
});

describe("asCheck", () => {
  it("turns a verdict into one of the project's checks, its detail capped and pointing into the history", () => {
    const anomalies = Array.from({ length: 7 }, (_, i) => ({ kind: "lost-acknowledged" as const, detail: `w${i}`, op: i, at: 10 * i }));
    expect(asCheck(verdict("acked", 9, anomalies))).toEqual({
      name: "acked",
      outcome: "fail",
      detail:
        "expected no anomaly in 9 checked; found lost-acknowledged: w0 (operation 0 at 0 ms); lost-acknowledged: w1 (operation 1 at 10 ms); lost-acknowledged: w2 (operation 2 at 20 ms); lost-acknowledged: w3 (operation 3 at 30 ms); lost-acknowledged: w4 (operation 4 at 40 ms); and 2 more",
    });
    expect(asCheck(verdict("acked", 9, []))).toEqual({ name: "acked", outcome: "pass", detail: "9 checked, no anomaly" });
  });

  it("reports a known defect of the Kafka it ran on without failing for it, and fails for it on a release past the fix", () => {
    const claim = checkCampaign(clean().log(0, 3).committed("A", 0, 3).columns, PLAN);
    const kept = claim.findIndex((v) => v.defect === "share-state-reinitialized");
    claim[kept] = { ...claim[kept]!, valid: false, anomalies: [{ kind: "share-state-reset", detail: "t/0 set back", defect: "share-state-reinitialized" }] };
    const onAffected = judgeCampaign(claim, control(), "4.4.0");
    expect(onAffected).toMatchObject({ verdict: "pass", reasons: [] });
    expect(onAffected.known).toEqual([
      expect.stringMatching(
        /^share group S: Kafka's share coordinator .*1 anomaly, the first share-state-reset: t\/0 set back — a known defect of Kafka 4\.4\.0: .*apache\/kafka#23190/,
      ),
    ]);
    expect(judgeCampaign(claim, control(), "4.5.0")).toMatchObject({ verdict: "fail", known: [], reasons: [expect.stringContaining("t/0 set back")] });
    // Not every anomaly the defect's (a reset at a new state epoch): it fails, on an affected release too.
    claim[kept] = { ...claim[kept], anomalies: [...claim[kept].anomalies, { kind: "share-state-reset-new-epoch", detail: "t/1 set back" }] };
    expect(judgeCampaign(claim, control(), "4.4.0")).toMatchObject({ verdict: "fail", known: [] });
  });
});
