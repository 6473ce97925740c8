import type { TestProject } from "vitest/node";
import { startBroker } from "./broker/start-broker.js";
import { describeBroker, type BrokerInfo } from "./broker/started-broker.js";
import { SetupError } from "./errors.js";
import { lockResults } from "./evidence/results-dir.js";
import { cellFrom, type CellName } from "./harness/cell.js";
import type { JavaHostEndpoint } from "./harness/java/java-clients.js";
import { startConsumerHost } from "./harness/java/start-consumer-host.js";
import { startGroupTool } from "./witness/start-group-tool.js";

declare module "vitest" {
  export interface ProvidedContext {
    broker: BrokerInfo;
    /** Kafka's consumer-groups tool over loopback HTTP (see src/witness), its URL carrying the run's key; null where it cannot run. */
    groupTool: string | null;
    /** That tool's JVM, for tests that watch it from outside; null where there is none. */
    groupToolPid: number | null;
    /** The run's cell: which client plays the consumers, on which group protocol (KAFKA_PROOFS_CELL). */
    cell: CellName;
    /** The run's Java consumer host, for a cell whose client is Java; null otherwise. */
    javaHost: JavaHostEndpoint | null;
  }
}

/**
 * One broker for the whole run, shared by every proof through `inject("broker")`.
 * Proofs use names unique to themselves, so they run side by side on it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let broker;
  let resultsLock;
  let cell;
  try {
    cell = cellFrom(process.env);
    // The proofs write results/: another run writing there at the same time would mix its results with ours.
    resultsLock = lockResults();
    broker = await startBroker(process.env, (message) => console.log(message));
  } catch (error) {
    resultsLock?.release();
    // A setup problem is the whole message; its stack only hides it.
    if (error instanceof SetupError) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
  console.log(describeBroker(broker));
  const { bootstrapServers, kafkaVersion, mode, security } = broker;
  project.provide("broker", { bootstrapServers, kafkaVersion, mode, ...(security ? { security } : {}) });
  // Returns once the tool's JVM is spawned; it warms up while the first proofs run, and their first question waits for it.
  let groupTool;
  try {
    groupTool = await startGroupTool(broker, process.env);
  } catch (error) {
    await broker.stop();
    resultsLock.release();
    if (error instanceof SetupError) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
  project.provide("groupTool", groupTool?.url ?? null);
  project.provide("groupToolPid", groupTool?.pid ?? null);
  project.provide("cell", cell.name);
  // One JVM hosts every Java consumer of the run (only crashable ones get a JVM of their own, to be killed).
  let javaHost;
  try {
    javaHost = cell.client === "java" ? await startConsumerHost(cell, broker, process.env) : undefined;
  } catch (error) {
    await Promise.all([groupTool?.close(), broker.stop()]);
    resultsLock.release();
    if (error instanceof SetupError) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
  project.provide("javaHost", javaHost?.endpoint ?? null);
  return async () => {
    await Promise.all([groupTool?.close(), javaHost?.close(), broker.stop()]);
    resultsLock.release();
  };
}
