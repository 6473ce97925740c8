import type { ProvidedContext } from "vitest";
import type { TestProject } from "vitest/node";
import { startBroker } from "./broker/start-broker.js";
import { describeBroker, type BrokerInfo } from "./broker/started-broker.js";
import { SetupError } from "./errors.js";
import { proofsRun, writeMatrixRun } from "./evidence/matrix-run.js";
import { lockResults, resultsDir } from "./evidence/results-dir.js";
import { cellNotApplicableOn } from "./harness/applicability.js";
import { cellsFrom, type CellName } from "./harness/cell.js";
import type { JavaHostEndpoint } from "./harness/java/java-clients.js";
import { consumerHostFor, type ConsumerHost } from "./harness/java/start-consumer-host.js";
import { startGroupTool } from "./witness/start-group-tool.js";

declare module "vitest" {
  export interface ProvidedContext {
    broker: BrokerInfo;
    /** Kafka's consumer-groups tool over loopback HTTP (see src/witness), its URL carrying the run's key; null where it cannot run. */
    groupTool: string | null;
    /** That tool's JVM, for tests that watch it from outside; null where there is none. */
    groupToolPid: number | null;
    /**
     * The run's cells (KAFKA_PROOFS_CELLS): which client plays the consumers, on which group protocol.
     * Every proof runs once in each; where the Java host is absent, a Java cell's proofs are recorded as not run, saying why.
     */
    cells: CellName[];
    /** The run's Java consumer host, for its Java cells and for share consumers in every cell; null where there is none. */
    javaHost: JavaHostEndpoint | null;
    /** Why there is none, when there is none. */
    javaHostAbsent: string | null;
  }
}

type Provided = { [K in keyof ProvidedContext]: ProvidedContext[K] };

interface Run {
  provided: Provided;
  close(): Promise<void>;
}

/** Held on `globalThis`: each project loads this module apart, and they are to share one run. */
const SHARED = Symbol.for("kafka-consumer-group-proofs.global-run");
type Shared = { [SHARED]?: { run: Promise<Run>; users: number } };

/**
 * One broker for the whole run, shared by every proof through `inject("broker")`,
 * and by every project of the run that has this setup (the proofs and the harness's
 * tests): a second broker, tool and Java host would cost seconds of CPU for nothing.
 * Proofs use names unique to themselves, so they run side by side on it. The run is
 * stopped when the last project using it tears down.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = globalThis as Shared;
  const entry = (shared[SHARED] ??= { run: startRun(), users: 0 });
  entry.users += 1;
  const leave = async () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    if (shared[SHARED] === entry) delete shared[SHARED];
    await (await entry.run.catch(() => undefined))?.close();
  };
  let run;
  try {
    run = await entry.run;
  } catch (error) {
    await leave();
    throw error;
  }
  for (const [key, value] of Object.entries(run.provided)) project.provide(key as keyof ProvidedContext, value);
  // A proofs run of its own records its cells as the run the site shows; not one column of `npm run matrix`
  // (which records the run itself), nor `npm run proofs:cluster`, which adds its proofs' results to the run on record.
  if (project.name !== "proofs" || process.env.KAFKA_PROOFS_MATRIX || process.env.KAFKA_PROOFS_ADDS_TO_RUN) return leave;
  const startedAt = new Date();
  const kafkaVersion = run.provided.broker.kafkaVersion;
  const cells = run.provided.cells.map((name) => {
    const notApplicable = cellNotApplicableOn(name, run.provided.broker);
    return notApplicable ? { cell: name, notApplicable } : { cell: name };
  });
  await writeMatrixRun(proofsRun(cells, kafkaVersion, startedAt), resultsDir());
  return async () => {
    await writeMatrixRun(proofsRun(cells, kafkaVersion, startedAt, new Date()), resultsDir());
    await leave();
  };
}

async function startRun(): Promise<Run> {
  let broker;
  let resultsLock;
  let cells;
  try {
    cells = cellsFrom(process.env);
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
  const { bootstrapServers, kafkaVersion, mode, security, supports } = broker;
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
  // One JVM hosts every Java consumer of the run, whatever its cell (only crashable ones get a JVM of their own, to be
  // killed), and every share consumer: kafkajs has no share consumer.
  let javaHost: ConsumerHost | undefined;
  let javaHostAbsent: string | null;
  try {
    ({ host: javaHost, absent: javaHostAbsent } = await consumerHostFor(cells, broker, process.env));
  } catch (error) {
    await Promise.all([groupTool?.close(), broker.stop()]);
    resultsLock.release();
    if (error instanceof SetupError) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
  const provided: Provided = {
    broker: { bootstrapServers, kafkaVersion, mode, ...(security ? { security } : {}), ...(supports ? { supports } : {}) },
    groupTool: groupTool?.url ?? null,
    groupToolPid: groupTool?.pid ?? null,
    cells: cells.cells.map((cell) => cell.name),
    javaHost: javaHost?.endpoint ?? null,
    javaHostAbsent,
  };
  return {
    provided,
    async close() {
      await Promise.all([groupTool?.close(), javaHost?.close(), broker.stop()]);
      resultsLock.release();
    },
  };
}
