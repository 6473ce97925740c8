/**
 * The format of `results/campaigns/<id>.json` (`CampaignResult`), checked before a campaign's page is built: a
 * file of another format, or one cut short, is named with what is wrong rather than failing inside a renderer.
 * The history's columns are checked as columns of numbers of one length; what they mean is `history.ts`'s.
 */
import { z } from "zod";
import { CAMPAIGN_FORMAT, type CampaignResult } from "../../campaign/campaign-result.js";
import { HISTORY_FORMAT } from "../../campaign/history.js";
import { KNOWN_DEFECTS, type KnownDefectId } from "../../campaign/known-defects.js";

const numbers = z.array(z.number());
const anomaly = z.object({
  kind: z.string(),
  detail: z.string(),
  op: z.number().int().optional(),
  at: z.number().optional(),
  group: z.string().optional(),
  topic: z.string().optional(),
  partition: z.number().int().optional(),
  offset: z.number().int().optional(),
  last: z.number().int().optional(),
  defect: z.enum(Object.keys(KNOWN_DEFECTS) as [KnownDefectId, ...KnownDefectId[]]).optional(),
});
const verdict = z.object({
  checker: z.string(),
  valid: z.boolean(),
  defect: z.enum(Object.keys(KNOWN_DEFECTS) as [KnownDefectId, ...KnownDefectId[]]).optional(),
  checked: z.number().int(),
  anomalies: z.array(anomaly),
});
const step = z.object({ step: z.number().int(), at: z.number(), action: z.string() }).loose();
const history = z
  .object({
    format: z.literal(HISTORY_FORMAT),
    kinds: z.array(z.string()),
    names: z.array(z.string()),
    ops: z.object({ kind: numbers, at: numbers, a: numbers, b: numbers, c: numbers, d: numbers, e: numbers, f: numbers }),
    logs: z.array(z.object({ topic: z.string(), partition: z.number().int(), logStart: z.number().int(), values: numbers })),
  })
  .refine((h) => Object.values(h.ops).every((column) => column.length === h.ops.kind.length), "columns of one length");
const run = z.object({
  schedule: z.object({ seed: z.number().int(), duration: z.number(), steps: z.array(step), control: z.literal(true).optional() }),
  plan: z.object({
    schedule: z.unknown(),
    consumerGroups: z.array(z.object({ group: z.string(), topics: z.array(z.string()) })),
    shareGroups: z.array(z.object({ group: z.string(), topics: z.array(z.string()), deliveryLimit: z.number().int() })),
  }),
  applied: z.array(z.object({ step: z.number().int(), at: z.number(), node: z.number().int().optional(), applied: z.boolean(), reason: z.string().optional() })),
  topic: z.string(),
  nodes: z.array(z.object({ nodeId: z.number().int(), address: z.string() })),
  history,
  verdicts: z.array(verdict),
  figures: z.object({
    seconds: z.number(),
    healSeconds: z.number(),
    operations: z.number().int(),
    writes: z.number().int(),
    recordedPerSecond: z.number(),
    checkedPerSecond: z.number(),
    checkMs: z.number(),
    historyBytes: z.number().int(),
    faultsPerMinute: z.number(),
    recorderMb: z.number(),
    peakCheckersMb: z.number(),
    peakHow: z.enum(["VmHWM", "maxRSS"]),
    processPeakMb: z.number(),
    revived: z.number().int().min(0),
    progress: z.array(z.object({ group: z.string(), duringRun: z.number().int(), afterHeal: z.number().int(), firstAt: z.number().nullable() })),
  }),
});

export const campaignResultSchema = z.object({
  format: z.literal(CAMPAIGN_FORMAT),
  id: z.string().regex(/^[a-z0-9-]+$/),
  seed: z.number().int(),
  startedAt: z.string(),
  kafka: z.object({ version: z.string() }),
  load: z.object({ before: numbers, after: numbers, cores: z.number().int() }),
  claim: run.nullable(),
  control: run.nullable(),
  judgement: z.object({ verdict: z.enum(["pass", "fail"]), reasons: z.array(z.string()), known: z.array(z.string()) }),
});

/** Parsed, the file is a `CampaignResult`: the schema's loose parts (a step's own fields) are the runner's types. */
export function asCampaignResult(parsed: z.infer<typeof campaignResultSchema>): CampaignResult {
  return parsed as unknown as CampaignResult;
}
