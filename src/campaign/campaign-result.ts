import type { CampaignJudgement } from "./checkers.js";
import type { CheckerVerdict } from "./finding.js";
import type { HistoryJson } from "./history.js";
import type { Schedule } from "./schedule.js";

/**
 * What `npm run campaign` writes: enough to replay the run (the seed, and the schedule it gave, which the same seed
 * gives again) and to judge it again without a broker (the whole history), beside the verdicts and figures.
 */
export interface CampaignRun {
  schedule: Schedule;
  history: HistoryJson;
  verdicts: CheckerVerdict[];
}

export interface CampaignResult {
  seed: number;
  claim: CampaignRun;
  /** acks=1, unclean leader election, a leader killed while its follower lags: must show lost acknowledged writes. */
  control: CampaignRun;
  judgement: CampaignJudgement;
  figures: {
    operations: number;
    /** Operations recorded per second of the campaign, and checked per second of the checkers' time. */
    recordedPerSecond: number;
    checkedPerSecond: number;
    historyBytes: number;
    faultsPerMinute: number;
    peakRecorderMb: number;
    peakCheckersMb: number;
  };
}
