import type { CampaignJudgement, CampaignPlan } from "./checkers.js";
import type { CheckerVerdict } from "./finding.js";
import type { GroupProgress } from "./group-progress.js";
import type { HistoryJson } from "./history.js";
import type { Schedule } from "./schedule.js";

/** What the nemesis did at one step: when it ran (it may run late, behind a slow restart), on which node, and why not, if not. */
export interface AppliedStep {
  step: number;
  /** ms after the start, when the step was carried out. */
  at: number;
  node?: number;
  applied: boolean;
  /** Why it was not applied: the role had no live node, the consumer was not running. */
  reason?: string;
}

/** How one run went, in numbers. */
export interface CampaignFigures {
  /** From the start to the heal, in seconds. */
  seconds: number;
  /** From the heal until every group had read to the end. */
  healSeconds: number;
  operations: number;
  writes: number;
  /** Operations recorded per second of the campaign, and checked per second of the checkers' time. */
  recordedPerSecond: number;
  checkedPerSecond: number;
  checkMs: number;
  /** The history as JSON, in bytes. */
  historyBytes: number;
  /** Faults applied (not their recoveries) per minute of the campaign. */
  faultsPerMinute: number;
  /** The recorder's own memory (its columns at capacity, and the logs read back). */
  recorderMb: number;
  /** The checkers' peak resident memory above what the process held before they ran (`peakHow` says how it was measured). */
  peakCheckersMb: number;
  peakHow: "VmHWM" | "maxRSS";
  /** The whole process's peak resident memory (clients, recorder, checkers). */
  processPeakMb: number;
  /** Times a member whose client gave up (kafkajs, on an error it does not retry) was started again by its supervisor. */
  revived: number;
  /** Per group, what it read while the nemesis ran and after the heal. */
  progress: GroupProgress[];
}

/**
 * One run, claim or control: enough to replay it (the seed, and the schedule it gave, which the same seed gives
 * again) and to judge it again without a broker (the plan and the whole history), beside the verdicts and figures.
 */
export interface CampaignRun {
  schedule: Schedule;
  plan: CampaignPlan;
  applied: AppliedStep[];
  topic: string;
  nodes: { nodeId: number; address: string }[];
  history: HistoryJson;
  verdicts: CheckerVerdict[];
  figures: CampaignFigures;
}

/** What `npm run campaign` writes to `results/campaigns/<id>.json`. */
export interface CampaignResult {
  format: typeof CAMPAIGN_FORMAT;
  id: string;
  seed: number;
  startedAt: string;
  kafka: { version: string };
  /** The machine's load averages (1, 5, 15 min) when the campaign started and when it ended, to read the figures by. */
  load: { before: number[]; after: number[]; cores: number };
  /** Null when only the control was run (`--only control`). */
  claim: CampaignRun | null;
  /** Null when only the campaign was run (`--only claim`). acks=1, unclean leader election, a leader killed while its follower lags: must show lost acknowledged writes. */
  control: CampaignRun | null;
  judgement: CampaignJudgement;
}

export const CAMPAIGN_FORMAT = "campaign-result/1";

/** A campaign's id, which names its file and page: its seed and length say which campaign it was. */
export const campaignId = (seed: number, seconds: number): string => `seed-${seed}-${seconds}s`;
