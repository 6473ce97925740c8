import { describe, expect, it } from "vitest";
import { checkCampaign } from "./checkers.js";
import { syntheticCampaign } from "./synthetic-history.js";

/*
 * How the checkers' time grows with the history is measured by `npx tsx scripts/campaign-checkers.ts`, not here: a
 * ratio of two timings on a shared machine would fail now and then for the neighbours' sake. That script also
 * checks a clean history of a million operations (seconds of CPU, too many for every unit run), and CI runs it.
 */
describe("the campaign's checkers", () => {
  it("find a clean synthetic campaign of 100k operations clean", () => {
    // Faults at a steady rate per operation, as a real campaign's come at a steady rate per minute: 10 of them.
    const { recorder, plan } = syntheticCampaign(100_000, 10_000);
    expect(checkCampaign(recorder.columns(), plan).filter((v) => !v.valid)).toEqual([]);
  });
});
