import { createRequire } from "node:module";
import { join } from "node:path";
import type { BrokerInfo } from "../broker/started-broker.js";
import { startNativeBroker, type NativeBroker } from "../broker/native/native-broker.js";
import { noAnomalies } from "../checks/anomalies.js";
import { judgeProof } from "../checks/verdict.js";
import { resultsDir, writeResult } from "../evidence/results-dir.js";
import type { Check, ProofResult, ScenarioEvidence, SecondWitness } from "../evidence/proof-result.js";
import { checkWithKafkaTool } from "../witness/check-with-kafka-tool.js";
import { cellFrom, cellResultsFolder, DEFAULT_CELL, type Cell, type CellName } from "./cell.js";
import { KafkajsClients, type ConsumerClients } from "./consumer-clients.js";
import { JavaClients, type JavaHostEndpoint } from "./java/java-clients.js";
import { Scenario } from "./scenario.js";

const KAFKAJS_VERSION: string = createRequire(import.meta.url)("kafkajs/package.json").version;

/**
 * A proof: a claim, the scenario that shows it, the checks that judge its
 * evidence, and a control that inverts the claim's precondition and must break
 * the checks it names. `Refs` are the handles the scenario returns (groups,
 * consumers, readings) for the checks; `Checks` names each check.
 */
export interface ProofDefinition<Refs, Checks extends Record<string, Check>> {
  title: string;
  /** The claim in plain words. */
  claim: string;
  /** Setup, act and observe: the claim's scenario. Returns the handles its checks take. */
  scenario: (s: Scenario) => Promise<Refs>;
  /** The claim's checks: pure functions of the evidence and the scenario's handles. */
  check: (evidence: ScenarioEvidence, refs: Refs) => Checks;
  control: {
    /** What the control does differently: the claim's precondition, inverted. */
    precondition: string;
    scenario: (s: Scenario) => Promise<Refs>;
    /** The checks the control must break, for the claim's reason: at least one must fail on it with its evidence present. */
    mustBreak: (checks: Checks) => readonly Check[];
  };
  /**
   * Each scenario gets a native broker of its own (for proofs that restart it,
   * which would disturb every other proof on the shared one). Such a proof is
   * skipped, with the reason recorded, when the run's broker is not native.
   */
  dedicatedBroker?: boolean;
  /** How long the test may run before it is taken for hung, in ms (vitest's project default when absent): for proofs whose size is set at run time. */
  timeoutMs?: number;
  /**
   * Cells the claim does not apply to, each with the reason: the proof is
   * skipped there, saying "not applicable in <cell>: <reason>", never silently.
   */
  notApplicable?: Partial<Record<CellName, string>>;
}

/** Where a proof runs: the run's broker, and Kafka's consumer-groups tool (null where it cannot run). */
export interface ProofEnvironment {
  broker: BrokerInfo;
  groupTool: string | null;
  /** False for runs that are not the proof's own (an altered proof, tried to see it fail): no results file is written. */
  writeResults?: boolean;
  /** Which client plays the consumers, on which protocol (default kafkajs/classic). */
  cell?: CellName;
  /** The run's Java consumer host; needed by a cell whose client is Java. */
  javaHost?: JavaHostEndpoint | null;
}

/**
 * Runs the claim and its control side by side on one broker, judges both
 * (see `judgeProof`), and writes the evidence, passing or not, before
 * returning. It never retries.
 */
export async function runProof<Refs, Checks extends Record<string, Check>>(
  id: string,
  proof: ProofDefinition<Refs, Checks>,
  { broker, groupTool, writeResults = true, cell: cellName = DEFAULT_CELL, javaHost = null }: ProofEnvironment,
): Promise<ProofResult> {
  const startedAt = new Date();
  const cell = cellFrom({ KAFKA_PROOFS_CELL: cellName });
  const write = async (result: ProofResult) => {
    if (writeResults) await writeResult(result, join(resultsDir(), cellResultsFolder(cell.name)));
    return result;
  };
  const notApplicable = proof.notApplicable?.[cell.name];
  if (notApplicable !== undefined) return write(skipped(id, broker, cell, proof, startedAt, `not applicable in ${cell.name}: ${notApplicable}`));
  if (proof.dedicatedBroker && broker.mode !== "native") {
    return write(skipped(id, broker, cell, proof, startedAt, `it restarts a broker of its own, which needs native mode (this run is ${broker.mode})`));
  }
  const clients = (on: BrokerInfo) => consumerClients(cell, on, javaHost);
  const [claim, control] = proof.dedicatedBroker
    ? await onDedicatedBroker(broker, (own) => runScenarios(proof, id, own, groupTool, clients))
    : await runScenarios(proof, id, broker, groupTool, clients);
  const claimChecks = claim.refs === undefined ? undefined : proof.check(claim.evidence, claim.refs);
  const controlChecks = control.refs === undefined ? undefined : proof.check(control.evidence, control.refs);
  // Every group of every proof is also held to the anomaly checks, whatever its claim.
  const checks = claimChecks === undefined ? [] : [...Object.values(claimChecks), ...noAnomalies(claim.evidence)];
  const mustBreak = controlChecks === undefined ? [] : [...proof.control.mustBreak(controlChecks)];
  const precondition = proof.control.precondition;
  const judged = judgeProof(
    { checks, error: claim.evidence.error, secondWitness: claim.secondWitness },
    { checks: Object.values(controlChecks ?? {}), mustBreak, precondition, error: control.evidence.error, secondWitness: control.secondWitness },
  );
  const result: ProofResult = {
    ...header(id, broker, cell, proof, startedAt),
    verdict: judged.verdict,
    reasons: judged.reasons,
    checks,
    secondWitness: claim.secondWitness,
    ...claim.evidence,
    control: {
      precondition,
      checks: Object.values(controlChecks ?? {}),
      mustBreak: mustBreak.map((check) => check.name),
      broke: judged.broke,
      secondWitness: control.secondWitness,
      ...control.evidence,
    },
  };
  return write(result);
}

function header(id: string, broker: BrokerInfo, cell: Cell, proof: { title: string; claim: string }, startedAt: Date) {
  return {
    id,
    title: proof.title,
    claim: proof.claim,
    kafka: { version: broker.kafkaVersion, mode: broker.mode },
    // The Java consumers run from the broker's own jars: kafka-clients of the broker's version.
    client: { name: cell.client === "java" ? "kafka-clients" : "kafkajs", version: cell.client === "java" ? broker.kafkaVersion : KAFKAJS_VERSION, protocol: cell.protocol },
    node: process.version,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}

/** A proof that cannot run here still leaves a result, saying so and why. */
function skipped<Refs, Checks extends Record<string, Check>>(
  id: string,
  broker: BrokerInfo,
  cell: Cell,
  proof: ProofDefinition<Refs, Checks>,
  startedAt: Date,
  reason: string,
): ProofResult {
  const empty: ScenarioEvidence = { topics: [], produced: [], groups: [], consumers: [], timeline: [] };
  const notRun: SecondWitness = { state: "not-run", detail: "the proof did not run" };
  const result: ProofResult = {
    ...header(id, broker, cell, proof, startedAt),
    verdict: "skipped",
    skipReason: reason,
    reasons: [],
    checks: [],
    secondWitness: notRun,
    ...empty,
    control: { precondition: proof.control.precondition, checks: [], mustBreak: [], broke: [], secondWitness: notRun, ...empty },
  };
  return result;
}

/**
 * A proof that restarts its broker gets one of its own, native, on the run's
 * Kafka version; claim and control take turns on it (one JVM start fewer than
 * a broker each, and neither disturbs the other's restarts).
 */
async function onDedicatedBroker<T>(broker: BrokerInfo, use: (own: NativeBroker) => Promise<T>): Promise<T> {
  await using own = await startNativeBroker({ version: broker.kafkaVersion, env: process.env });
  // Awaited here, so the broker is disposed of only after the scenarios are done with it.
  return await use(own);
}

/** The claim and the control: side by side on a shared broker, one after the other on a broker of the proof's own. */
async function runScenarios<Refs, Checks extends Record<string, Check>>(
  proof: ProofDefinition<Refs, Checks>,
  id: string,
  broker: BrokerInfo | NativeBroker,
  groupTool: string | null,
  clients: (broker: BrokerInfo) => ConsumerClients,
): Promise<[ScenarioRun<Refs>, ScenarioRun<Refs>]> {
  const own = "restart" in broker ? broker : undefined;
  const claim = () => runScenario(broker, groupTool, id, proof.scenario, own, clients(broker));
  const control = () => runScenario(broker, groupTool, `${id}-control`, proof.control.scenario, own, clients(broker));
  if (own) return [await claim(), await control()];
  return Promise.all([claim(), control()]);
}

interface ScenarioRun<Refs> {
  evidence: ScenarioEvidence;
  /** The scenario's handles; absent when it broke off. */
  refs?: Refs;
  secondWitness: SecondWitness;
}

/** One scenario run: whatever happens, the evidence gathered so far is returned, with the consumer-groups tool's word on it. */
async function runScenario<Refs>(
  broker: BrokerInfo,
  groupTool: string | null,
  id: string,
  scenario: (s: Scenario) => Promise<Refs>,
  own: NativeBroker | undefined,
  clients: ConsumerClients,
): Promise<ScenarioRun<Refs>> {
  await using s = await Scenario.open(broker, id, own, clients);
  let refs: Refs | undefined;
  let error: string | undefined;
  try {
    refs = await scenario(s);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  const evidence = await s.evidence();
  // Asked now, as the evidence was just read: before `s` closes its clients (and, on an external cluster, deletes its groups).
  const secondWitness = await checkWithKafkaTool(groupTool, broker, evidence);
  return { evidence: error === undefined ? evidence : { ...evidence, error }, ...(refs === undefined ? {} : { refs }), secondWitness };
}

/** The clients that play a scenario's consumers in this cell. */
function consumerClients(cell: Cell, broker: BrokerInfo, javaHost: JavaHostEndpoint | null): ConsumerClients {
  if (cell.client === "kafkajs") return new KafkajsClients(broker);
  if (!javaHost) throw new Error(`the ${cell.name} cell needs the run's Java consumer host, and none was started (the global setup starts it for KAFKA_PROOFS_CELL=${cell.name})`);
  return new JavaClients(cell, broker, javaHost);
}
