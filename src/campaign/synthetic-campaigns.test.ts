import { describe, expect, it } from "vitest";
import { checkCampaign } from "./checkers.js";
import { syntheticCampaign } from "./synthetic-history.js";

/*
 * How the checkers' time grows with the history is measured by `npx tsx scripts/campaign-checkers.ts`, not here: a
 * ratio of two timings on a shared machine would fail now and then for the neighbours' sake.
 */
describe("the campaign's checkers", () => {
  it("find clean synthetic campaigns of 100k and 1M operations clean", () => {
    // Faults at a steady rate per operation, as a real campaign's come at a steady rate per minute: 10 and 100 of them.
    for (const size of [100_000, 1_000_000]) {
      const { recorder, plan } = syntheticCampaign(size, 10_000);
      expect(checkCampaign(recorder.columns(), plan).filter((v) => !v.valid)).toEqual([]);
    }
  });
});
