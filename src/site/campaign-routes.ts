import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { CampaignResult } from "../campaign/campaign-result.js";
import { campaignPage } from "./campaign/campaign-page.js";
import { shown, sitePaths, type SitePaths } from "./site-paths.js";
import { ResultsError } from "./validation/results-error.js";
import { asCampaignResult, campaignResultSchema } from "./validation/campaign-schema.js";
import { problemsWith } from "./validation/schema-parts.js";

/** `results/campaigns/`: one `<id>.json` per campaign `npm run campaign` ran. */
export const campaignsDir = (paths: Pick<SitePaths, "results"> = sitePaths()): string => join(paths.results, "campaigns");

/** Every campaign's result, validated, newest first; none when no campaign has run. A malformed file stops the build, named. */
export function loadCampaigns(paths: Pick<SitePaths, "results"> = sitePaths()): CampaignResult[] {
  const dir = campaignsDir(paths);
  if (!existsSync(dir)) return [];
  const results: CampaignResult[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json") && !n.startsWith("."))) {
    const file = join(dir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      problems.push(`${shown(file)} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const found = problemsWith(campaignResultSchema, parsed);
    if (found.length > 0) problems.push(...found.slice(0, 10).map((p) => `${shown(file)}: ${p}`));
    else if ((parsed as { id: string }).id !== basename(name, ".json")) problems.push(`${shown(file)}: id must be its file's name`);
    else results.push(asCampaignResult(campaignResultSchema.parse(parsed)));
  }
  if (problems.length > 0) throw new ResultsError(problems, "Run the campaign again (`npm run campaign`), or remove the file.");
  return results.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** One page per campaign: what `docs/campaigns/[id].paths.ts` hands VitePress. */
export function campaignRoutes(paths: Pick<SitePaths, "results"> = sitePaths()): { params: { id: string }; content: string }[] {
  return loadCampaigns(paths).map((result) => ({ params: { id: result.id }, content: campaignPage(result) }));
}
