import { parseArgs } from "node:util";
import { ConfigError } from "../errors.js";

export interface WalkthroughOptions {
  /** Partitions of the walkthrough's topic: 1, like the original demo, unless asked. */
  partitions: number;
  help: boolean;
}

/** More rows than this per group make the status tables hard to read in a terminal. */
const MAX_PARTITIONS = 100;

export const USAGE = `Usage: npm run walkthrough [-- --partitions <n>]
Starts a broker (or uses KAFKA_BROKERS), a topic, and consumers for groups A and B,
then reads commands at a prompt (type help), or from a file: npm run walkthrough < session.txt`;

/** The command line after `npm run walkthrough --`. */
export function parseWalkthroughArgs(args: readonly string[]): WalkthroughOptions {
  let values: { partitions?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { partitions: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError(`The walkthrough does not take "${args.join(" ")}": ${(error as Error).message}`, USAGE);
  }
  const raw = values.partitions ?? "1";
  const partitions = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(partitions >= 1 && partitions <= MAX_PARTITIONS)) {
    throw new ConfigError(`--partitions ${raw} is not a partition count from 1 to ${MAX_PARTITIONS}.`, "Leave it out for one partition, like the original demo.");
  }
  return { partitions, help: values.help ?? false };
}
