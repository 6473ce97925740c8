import { startNativeCluster, type NativeCluster } from "../broker/native/native-cluster.js";
import { ConfigError } from "../errors.js";
import type { Scenario } from "./scenario.js";

/**
 * A proof that needs a cluster of its own: several nodes to kill one of, or SASL
 * users and ACLs. Claim and control each get one, started for them and stopped
 * after, one after the other (a three-node cluster is three JVMs on a shared machine),
 * configured as the scenario asks (`onBrokersWith`).
 */
export interface OwnClusterSpec {
  /** Combined broker + controller nodes; internal topics get up to three replicas (see `clusterBrokerSettings`). */
  nodes: number;
  /** SCRAM users, one per service: the cluster then takes SASL clients only and runs Kafka's standard authorizer. */
  scramUsers?: readonly string[];
  /**
   * What the proof waits a minute or more for (a broker's own timer): it runs in `npm run proofs:slow`
   * (KAFKA_PROOFS_SLOW=1) rather than with the cluster proofs, and its claim and control run side by side,
   * each on its one broker, so the wait is paid once.
   */
  waitsFor?: string;
}

/** A scenario that runs on brokers configured its own way (see `onBrokersWith`). */
export type ConfiguredScenario<Refs> = ((s: Scenario) => Promise<Refs>) & { readonly brokerSettings?: Readonly<Record<string, string>> };

/**
 * A scenario whose precondition lives in the brokers' configuration: the settings
 * travel with the scenario, so whichever run is given it (claim, control, or an
 * altered proof) starts its cluster with them. Only proofs with `ownCluster` can.
 */
export function onBrokersWith<Refs>(settings: Readonly<Record<string, string>>, scenario: (s: Scenario) => Promise<Refs>): ConfiguredScenario<Refs> {
  return Object.assign((s: Scenario) => scenario(s), { brokerSettings: settings });
}

/** The variable that lets proofs with a cluster of their own run (`npm run proofs:cluster` sets it). */
export const CLUSTER_PROOFS_VARIABLE = "KAFKA_PROOFS_CLUSTER";

/**
 * Whether this run includes the proofs that start clusters of their own: they take
 * minutes and several JVMs, so `npm test` leaves them out, saying so. `1`/`true` runs
 * them; unset, empty, `0` or `false` does not; anything else is a mistake worth a word.
 */
export function clusterProofsEnabled(env: NodeJS.ProcessEnv): boolean {
  return switchedOn(env, CLUSTER_PROOFS_VARIABLE, "npm run proofs:cluster", "the proofs that start a cluster of their own");
}

function switchedOn(env: NodeJS.ProcessEnv, variable: string, command: string, what: string): boolean {
  const raw = env[variable]?.trim().toLowerCase() ?? "";
  if (raw === "1" || raw === "true") return true;
  if (raw === "" || raw === "0" || raw === "false") return false;
  throw new ConfigError(`${variable}="${env[variable]}" is neither on nor off.`, `Set ${variable}=1 to run ${what} (${command}), or unset it.`);
}

/** The variable that lets proofs that wait on a broker's timer run (`npm run proofs:slow` sets it). */
export const SLOW_PROOFS_VARIABLE = "KAFKA_PROOFS_SLOW";

/** Whether this run includes the proofs that wait on a broker's or a group's timers (`npm run proofs:slow` sets it). */
export function slowProofsEnabled(env: NodeJS.ProcessEnv): boolean {
  return switchedOn(env, SLOW_PROOFS_VARIABLE, "npm run proofs:slow", "the proofs that wait on a broker's or a group's timers");
}

/** Why a proof that spends its time waiting on timers (`waits`) did not run in this run; undefined where it runs. */
export function slowSkipReason(waits: string, env: NodeJS.ProcessEnv): string | undefined {
  return slowProofsEnabled(env) ? undefined : `it waits ${waits}, which npm test leaves out; run it with npm run proofs:slow (${SLOW_PROOFS_VARIABLE}=1)`;
}

/** Why such a proof did not run in this run: for its result and the test's skip. */
export function ownClusterSkipReason(spec: OwnClusterSpec, mode: string, env: NodeJS.ProcessEnv): string | undefined {
  const what = `${spec.nodes === 1 ? "a broker" : `a ${spec.nodes}-node cluster`}${spec.scramUsers ? " with SASL users" : ""} of its own for the claim and another for the control`;
  if (spec.waitsFor !== undefined) {
    const slow = slowSkipReason(spec.waitsFor, env);
    if (slow) return slow;
  } else if (!clusterProofsEnabled(env)) return `it starts ${what}, which npm test leaves out; run it with npm run proofs:cluster (${CLUSTER_PROOFS_VARIABLE}=1)`;
  if (mode !== "native") return `it starts ${what}, which needs native mode (this run is ${mode})`;
  return undefined;
}

/** Starts the cluster one scenario of the proof runs on, with the scenario's broker settings; dispose of it to stop it and remove its data. */
export function startOwnCluster(spec: OwnClusterSpec, scenario: ConfiguredScenario<unknown>, version: string, env: NodeJS.ProcessEnv): Promise<NativeCluster> {
  const settings = scenario.brokerSettings;
  return startNativeCluster({ version, env, nodes: spec.nodes, ...(spec.scramUsers ? { scramUsers: spec.scramUsers } : {}), ...(settings ? { extraSettings: settings } : {}) });
}
