import { parseArgs } from "node:util";
import { ConfigError } from "../src/errors.js";

/** `npm run campaign -- …`: what to run, or which result to judge again. */
export type CampaignArgs = { kind: "run"; seconds: number; seed: number | undefined; only: "claim" | "control" | undefined } | { kind: "judge"; file: string };

const USAGE = "npm run campaign -- [--seconds S] [--seed N] [--only claim|control], or npm run campaign -- --judge <result file>";

/** The largest seed: the schedule's generator is seeded with 32 bits. */
export const MAX_SEED = 2 ** 32 - 1;

/** Reads the arguments; anything it does not know, or a value out of range, is a ConfigError that says what to give. */
export function parseCampaignArgs(args: readonly string[]): CampaignArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { seconds: { type: "string" }, seed: { type: "string" }, only: { type: "string" }, judge: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError(`npm run campaign: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}.`, `Usage: ${USAGE}`);
  }
  if (values.judge !== undefined) {
    const others = (["seconds", "seed", "only"] as const).filter((k) => values[k] !== undefined);
    if (others.length > 0) throw new ConfigError(`--judge reads a result already run; --${others.join(", --")} was given too.`, `Usage: ${USAGE}`);
    return { kind: "judge", file: values.judge };
  }
  const seconds = values.seconds === undefined ? 60 : Number(values.seconds);
  if (!/^\d+$/.test(values.seconds ?? "60") || seconds < 20) {
    throw new ConfigError(`--seconds "${values.seconds}" was given.`, "Give a whole number of seconds, at least 20: the first fault comes after a 5 s warm-up.");
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!/^\d+$/.test(values.seed!) || seed > MAX_SEED)) {
    throw new ConfigError(`--seed "${values.seed}" was given.`, `Give a whole number from 0 to ${MAX_SEED}, as a campaign prints it.`);
  }
  const only = values.only;
  if (only !== undefined && only !== "claim" && only !== "control") {
    throw new ConfigError(`--only "${only}" was given.`, "Give --only claim or --only control, or leave it out for both.");
  }
  return { kind: "run", seconds, seed, only };
}
