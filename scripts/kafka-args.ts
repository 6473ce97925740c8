import { ConfigError } from "../src/errors.js";

/** `npm run kafka -- [--brokers N]`: how many nodes; absent, one broker of the mode the environment picks. */
export interface KafkaArgs {
  brokers?: number;
}

export function parseKafkaArgs(args: readonly string[]): KafkaArgs {
  const parsed: KafkaArgs = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const inline = /^--brokers=(.*)$/.exec(arg);
    if (arg !== "--brokers" && !inline) {
      throw new ConfigError(`npm run kafka does not know "${arg}".`, "Run npm run kafka for one broker, or npm run kafka -- --brokers 3 for a three-node cluster.");
    }
    const value = inline ? inline[1]! : args[++i];
    const count = Number(value);
    if (value === undefined || !/^\d+$/.test(value) || count < 1 || count > 9) {
      throw new ConfigError(`--brokers needs a number of nodes from 1 to 9; got ${value === undefined ? "nothing" : `"${value}"`}.`, "For example: npm run kafka -- --brokers 3");
    }
    parsed.brokers = count;
  }
  return parsed;
}

/** A line typed at a running cluster. */
export type ClusterCommand = { kind: "nodes" } | { kind: "kill"; nodeId: number } | { kind: "coordinator"; groupId: string } | { kind: "help" };

export const CLUSTER_HELP = [
  "nodes                  each node: address, pid, running or killed",
  "coordinator <group-id> which node coordinates the group, as a running node answers FindCoordinator",
  "kill <node>            kill -9 that node's JVM (the rest carry on)",
  "Ctrl-C                 stop every node and remove their data",
].join("\n");

/** Reads one line; throws a one-line error for anything else. */
export function parseClusterCommand(line: string): ClusterCommand | undefined {
  const [word, ...rest] = line.trim().split(/\s+/).filter(Boolean);
  if (word === undefined) return undefined;
  if (word === "nodes" && rest.length === 0) return { kind: "nodes" };
  if (word === "help" && rest.length === 0) return { kind: "help" };
  if (word === "kill" && rest.length === 1 && /^\d+$/.test(rest[0]!)) return { kind: "kill", nodeId: Number(rest[0]) };
  if (word === "coordinator" && rest.length === 1) return { kind: "coordinator", groupId: rest[0]! };
  throw new Error(`"${line.trim()}" is not a command here; type help for the list`);
}
