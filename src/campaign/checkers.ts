import { acknowledgedWritesInLog, lostByPartition } from "./acknowledged-writes.js";
import { committedAtLogEnd, type ConsumerGroupPlan } from "./committed-at-end.js";
import type { CheckerVerdict } from "./finding.js";
import { groupAnomalies } from "./group-anomalies.js";
import type { HistoryColumns } from "./history.js";
import type { Schedule } from "./schedule.js";
import { affects, KNOWN_DEFECTS } from "./known-defects.js";
import { shareGroupSettled, shareStateKept, type ShareGroupPlan } from "./share-settlement.js";

/**
 * The campaign's checkers, each reading the whole history:
 * 1. every acknowledged write is in the log, at its acknowledged offset, after the heal (`acknowledged-writes.ts`);
 * 2. per consumer group, the project's anomaly checks: no lost write, skip, step backwards or commit ahead, and
 *    duplicates only across a membership change or crash (`group-anomalies.ts`);
 * 3. per consumer group, the committed offsets after the heal are the log ends (`committed-at-end.ts`);
 * 4. per share group, every record settled once or archived at the delivery limit, none lost (`share-settlement.ts`);
 * 5. per share group, Kafka's share coordinator never set a share-partition's state back (its own log, read after the
 *    heal): a known defect of Kafka up to 4.4.0, whose redeliveries this checker takes over from the fourth.
 * A campaign passes when every verdict is valid, or invalid only through a known defect of the Kafka it ran on, and
 * its control broke the first.
 */

export interface CampaignPlan {
  schedule: Schedule;
  consumerGroups: readonly ConsumerGroupPlan[];
  shareGroups: readonly ShareGroupPlan[];
}

/** The checkers the plan calls for, one per property and group, each to run on the whole history. */
export function campaignCheckers(plan: CampaignPlan): ((h: HistoryColumns) => CheckerVerdict)[] {
  return [
    acknowledgedWritesInLog,
    ...plan.consumerGroups.flatMap((g) => [(h: HistoryColumns) => groupAnomalies(h, g, plan.schedule), (h: HistoryColumns) => committedAtLogEnd(h, g)]),
    ...plan.shareGroups.flatMap((g) => [(h: HistoryColumns) => shareGroupSettled(h, g), (h: HistoryColumns) => shareStateKept(h, g)]),
  ];
}

export function checkCampaign(h: HistoryColumns, plan: CampaignPlan): CheckerVerdict[] {
  return campaignCheckers(plan).map((check) => check(h));
}

export interface CampaignJudgement {
  verdict: "pass" | "fail";
  /** Why it is not a pass, one plain sentence each. */
  reasons: string[];
  /** What a known defect of the Kafka it ran on did, one sentence each: reported, and not a reason to fail. */
  known: string[];
}

/**
 * The campaign's verdict. The control (acks=1, unclean leader election, a leader killed while its follower lags)
 * must make the first checker report lost acknowledged writes: a checker that finds nothing there might find
 * nothing anywhere, so a control that comes out clean fails the campaign however clean the claim came out.
 */
export function judgeCampaign(claim: readonly CheckerVerdict[], control: CheckerVerdict, kafkaVersion: string): CampaignJudgement {
  const found = (v: CheckerVerdict) =>
    `${v.checker}: ${v.anomalies.length} anomal${v.anomalies.length === 1 ? "y" : "ies"}, the first ${v.anomalies[0]?.kind}: ${v.anomalies[0]?.detail}`;
  const failed = claim.filter((v) => !v.valid);
  // Known only when every anomaly is the defect's, by its evidence, on a release it affects.
  const isKnown = (v: CheckerVerdict) => {
    const defect = v.defect;
    return defect !== undefined && affects(defect, kafkaVersion) && v.anomalies.every((a) => a.defect === defect);
  };
  const reasons = failed.filter((v) => !isKnown(v)).map(found);
  const known = failed
    .filter(isKnown)
    .map((v) => `${found(v)} — a known defect of Kafka ${kafkaVersion}: ${KNOWN_DEFECTS[v.defect!].summary}; fixed by ${KNOWN_DEFECTS[v.defect!].fix}`);
  const lost = control.anomalies.filter((a) => a.kind === "lost-acknowledged");
  if (lost.length === 0)
    reasons.push(`the control lost no acknowledged write (${control.checked} checked): the checker is not shown able to see a loss, so its silence on the campaign shows nothing`);
  return { verdict: reasons.length === 0 ? "pass" : "fail", reasons, known };
}

export { lostByPartition };
