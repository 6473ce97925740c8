import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { MAX_SEED, parseCampaignArgs } from "./campaign-args.js";

describe("parseCampaignArgs", () => {
  it("defaults to 60 s, a fresh seed and both runs", () => {
    expect(parseCampaignArgs([])).toEqual({ kind: "run", seconds: 60, seed: undefined, only: undefined });
  });

  it("takes the seconds, the seed and one run, with a space or an equals sign", () => {
    expect(parseCampaignArgs(["--seconds", "600", "--seed=42", "--only", "control"])).toEqual({ kind: "run", seconds: 600, seed: 42, only: "control" });
    expect(parseCampaignArgs(["--seed", String(MAX_SEED)])).toMatchObject({ seed: MAX_SEED });
  });

  it("takes a result file to judge again, and nothing beside it", () => {
    expect(parseCampaignArgs(["--judge", "results/campaigns/x.json"])).toEqual({ kind: "judge", file: "results/campaigns/x.json" });
    expect(() => parseCampaignArgs(["--judge", "x.json", "--seed", "1"])).toThrow(/--judge reads a result already run; --seed was given too/);
  });

  it.each([
    [["--secs", "60"], /Unknown option '--secs'/],
    [["60"], /positional/],
    [["--seconds"], /argument missing/],
    [["--seconds", "10"], /--seconds "10" was given.*\n.*at least 20/],
    [["--seconds", "1e3"], /--seconds "1e3"/],
    [["--seconds", "-60"], /--seconds/],
    [["--seed", "-1"], /--seed/],
    [["--seed", "1.5"], /--seed "1.5"/],
    [["--seed", String(MAX_SEED + 1)], /from 0 to 4294967295/],
    [["--only", "both"], /--only "both" was given/],
  ])("refuses %j with a ConfigError that says what to give", (args, message) => {
    expect(() => parseCampaignArgs(args)).toThrow(ConfigError);
    expect(() => parseCampaignArgs(args)).toThrow(message);
  });
});
