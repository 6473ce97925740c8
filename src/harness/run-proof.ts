import { createRequire } from "node:module";
import { join } from "node:path";
import type { BrokerInfo } from "../broker/started-broker.js";
import { startNativeBroker } from "../broker/native/native-broker.js";
import type { NativeCluster } from "../broker/native/native-cluster.js";
import { noAnomalies } from "../checks/anomalies.js";
import { judgeProof } from "../checks/verdict.js";
import { resultsDir, writeResult } from "../evidence/results-dir.js";
import type { Check, ClientInfo, ProofResult, ScenarioEvidence, SecondWitness } from "../evidence/proof-result.js";
import { javaClientSecurity } from "../broker/java-client-security.js";
import { checkWithKafkaTool } from "../witness/check-with-kafka-tool.js";
import { dryRunResetsWithKafkaTool } from "../witness/tool-client.js";
import { runResultsFolder } from "../evidence/results-layout.js";
import { whyNotRun, type KafkaRequirement } from "./applicability.js";
import { cellFrom, DEFAULT_CELL, type Cell, type CellName } from "./cell.js";
import { CellClients } from "./cell-clients.js";
import type { ConsumerClients } from "./consumer-clients.js";
import type { JavaHostEndpoint } from "./java/java-clients.js";
import { ownClusterSkipReason, slowSkipReason, startOwnCluster, type ConfiguredScenario, type OwnClusterSpec } from "./own-cluster.js";
import { RestartRounds, type Restartable } from "./restart-rounds.js";
import type { KafkaToolDryRuns } from "./group-offsets.js";
import { Scenario } from "./scenario.js";
import { javaClientVersion } from "../kafka-version.js";
import type { HostAccess } from "./java/host-session.js";

const KAFKAJS_VERSION = (createRequire(import.meta.url)("kafkajs/package.json") as { version: string }).version;

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
  /**
   * Claim and control each run on a native cluster of their own (several nodes, or
   * SASL users), one after the other. Such a proof runs only where
   * KAFKA_PROOFS_CLUSTER=1 (`npm run proofs:cluster`) and in native mode; elsewhere
   * it is skipped, with the reason recorded.
   */
  ownCluster?: OwnClusterSpec;
  /**
   * What the proof spends its time waiting for (a group's heartbeats and session timeouts): such a proof runs in
   * `npm run proofs:slow` (KAFKA_PROOFS_SLOW=1), on the run's broker, and is skipped elsewhere with the reason, so
   * the suite's seconds go to the proofs that work rather than wait.
   */
  waits?: string;
  /** How long the test may run before it is taken for hung, in ms (vitest's project default when absent): for proofs whose size is set at run time. */
  timeoutMs?: number;
  /**
   * Cells the claim does not apply to, each with the reason: the proof is
   * skipped there, saying "not applicable in <cell>: <reason>", never silently.
   */
  notApplicable?: Partial<Record<CellName, string>>;
  /**
   * The oldest Kafka release the claim holds on, and why: on an older broker
   * the proof is skipped, saying "not applicable on Kafka <version>: <reason>".
   */
  requiresKafka?: KafkaRequirement;
  /**
   * Set when the scenario has share consumers (`s.share`), which are Kafka's
   * Java KafkaShareConsumer in every cell: without the run's Java host the
   * proof is skipped, saying why the run has none.
   */
  shareConsumers?: boolean;
}

/** Where a proof runs: the run's broker, and Kafka's consumer-groups tool (null where it cannot run). */
export interface ProofEnvironment {
  broker: BrokerInfo;
  groupTool: string | null;
  /** False for runs that are not the proof's own (an altered proof, tried to see it fail): no results file is written. */
  writeResults?: boolean;
  /** Which client plays the consumers, on which protocol (default kafkajs/classic). */
  cell?: CellName;
  /** The run's Java consumer host; needed by a cell whose client is Java, and by share consumers in every cell. */
  javaHost?: JavaHostEndpoint | null;
  /**
   * For a proof with `dedicatedBroker`: the broker of its own, shared with its runs in the
   * run's other cells (see `RestartRounds`). Without it, the proof starts one for itself.
   */
  restartRounds?: RestartRounds;
  /** Why the run has no Java consumer host, when it has none. */
  javaHostAbsent?: string | null;
  /** Where KAFKA_PROOFS_CLUSTER is read (default: this process's environment). */
  env?: NodeJS.ProcessEnv;
  /** The mutation project's alteration of the harness: a refusal the broker answered is recorded as accepted. */
  swallowRefusals?: boolean;
}

/**
 * Runs the claim and its control side by side on one broker, judges both
 * (see `judgeProof`), and writes the evidence, passing or not, before
 * returning. It never retries.
 */
export async function runProof<Refs, Checks extends Record<string, Check>>(
  id: string,
  proof: ProofDefinition<Refs, Checks>,
  {
    broker,
    groupTool,
    writeResults = true,
    cell: cellName = DEFAULT_CELL,
    javaHost = null,
    javaHostAbsent = null,
    restartRounds,
    env = process.env,
    swallowRefusals = false,
  }: ProofEnvironment,
): Promise<ProofResult> {
  const startedAt = new Date();
  const cell = cellFrom({ KAFKA_PROOFS_CELL: cellName });
  const write = async (result: ProofResult) => {
    // Each cell and Kafka version has a folder of its own: a run of one never overwrites another's.
    if (writeResults) await writeResult(result, join(resultsDir(), runResultsFolder({ cell: cell.name, kafkaVersion: broker.kafkaVersion })));
    return result;
  };
  const absent = javaHost ? null : (javaHostAbsent ?? "none was started for this run");
  const notRun = whyNotRun(proof, {
    cell: cell.name,
    kafkaVersion: broker.kafkaVersion,
    ...(broker.supports ? { supports: broker.supports } : {}),
    brokerMode: broker.mode,
    javaHostAbsent: absent,
  });
  if (notRun !== undefined) return write(skipped(id, broker, cell, proof, startedAt, notRun));
  const configured = [proof.scenario, proof.control.scenario].some((scenario: ConfiguredScenario<Refs>) => scenario.brokerSettings !== undefined);
  if (configured && !proof.ownCluster)
    throw new Error(`proof ${id} gives a scenario broker settings of its own (onBrokersWith), which only a proof with ownCluster can honour: add ownCluster: { nodes: … }`);
  const slowSkip = proof.waits !== undefined ? slowSkipReason(proof.waits, env) : undefined;
  if (slowSkip) return write(skipped(id, broker, cell, proof, startedAt, slowSkip));
  const ownClusterSkip = proof.ownCluster && ownClusterSkipReason(proof.ownCluster, broker.mode, env);
  if (ownClusterSkip) return write(skipped(id, broker, cell, proof, startedAt, ownClusterSkip));
  const hostAccess: HostAccess = javaHost ? { endpoint: javaHost } : { absent: absent ?? "none was started for this run" };
  const clients = (on: BrokerInfo) => ({ consumers: consumerClients(cell, on, javaHost), hostAccess, swallowRefusals });
  const [claim, control] = proof.ownCluster
    ? await onOwnClusters(proof, id, proof.ownCluster, broker.kafkaVersion, env, groupTool, clients)
    : proof.dedicatedBroker
      ? await onDedicatedBroker(broker, restartRounds, (rounds) => runRestartingScenarios(proof, id, rounds, groupTool, clients))
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
    client: clientInfo(cell, broker),
    node: process.version,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}

function clientInfo(cell: Cell, broker: BrokerInfo): ClientInfo {
  // The Java consumers run from the broker's own jars: kafka-clients of the broker's version.
  return {
    name: cell.client === "java" ? "kafka-clients" : "kafkajs",
    version: cell.client === "java" ? javaClientVersion(broker.kafkaVersion) : KAFKAJS_VERSION,
    protocol: cell.protocol,
  };
}

/** The clients of a scenario's consumers, when any was not the run cell's (see `ScenarioEvidence.clients`). */
function chosenClients(s: Scenario, runCell: Cell, broker: BrokerInfo): Pick<ScenarioEvidence, "clients"> {
  const cells = [...new Set(s.consumers.map((c) => c.spec.cell ?? runCell.name))];
  if (cells.every((name) => name === runCell.name)) return {};
  return { clients: cells.map((name) => clientInfo(cellFrom({ KAFKA_PROOFS_CELL: name }), broker)) };
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
 * Kafka version: the run's, shared by the proof's cells, or else one for this run alone.
 */
async function onDedicatedBroker<T>(broker: BrokerInfo, shared: RestartRounds | undefined, use: (rounds: RestartRounds) => Promise<T>): Promise<T> {
  if (shared) return use(shared);
  await using own = new RestartRounds(() => startNativeBroker({ version: broker.kafkaVersion, env: process.env }));
  // Awaited here, so the broker is disposed of only after the scenarios are done with it.
  return await use(own);
}

/** The claim on a cluster of its own, then the control on another: each stopped before the next starts. */
async function onOwnClusters<Refs, Checks extends Record<string, Check>>(
  proof: ProofDefinition<Refs, Checks>,
  id: string,
  spec: OwnClusterSpec,
  version: string,
  env: NodeJS.ProcessEnv,
  groupTool: string | null,
  clients: (broker: BrokerInfo) => ScenarioClients,
): Promise<[ScenarioRun<Refs>, ScenarioRun<Refs>]> {
  const runOn = async (run: "claim" | "control") => {
    const scenario: ConfiguredScenario<Refs> = run === "claim" ? proof.scenario : proof.control.scenario;
    await using cluster = await startOwnCluster(spec, scenario, version, env);
    return await runScenario(cluster, groupTool, run === "claim" ? id : `${id}-control`, scenario, cluster, clients(cluster));
  };
  if (spec.waitsFor !== undefined) return Promise.all([runOn("claim"), runOn("control")]);
  const claim = await runOn("claim");
  return [claim, await runOn("control")];
}

/** The claim and the control side by side on the shared broker. */
async function runScenarios<Refs, Checks extends Record<string, Check>>(
  proof: ProofDefinition<Refs, Checks>,
  id: string,
  broker: BrokerInfo,
  groupTool: string | null,
  clients: (broker: BrokerInfo) => ScenarioClients,
): Promise<[ScenarioRun<Refs>, ScenarioRun<Refs>]> {
  return Promise.all([
    runScenario(broker, groupTool, id, proof.scenario, undefined, clients(broker)),
    runScenario(broker, groupTool, `${id}-control`, proof.control.scenario, undefined, clients(broker)),
  ]);
}

/**
 * The claim and the control side by side, each seated on the proof's own broker; their restarts are shared with each
 * other and with the proof's other cells. A restart happens only while every seated scenario waits for one, so none
 * is restarted under (see `RestartRounds`).
 */
async function runRestartingScenarios<Refs, Checks extends Record<string, Check>>(
  proof: ProofDefinition<Refs, Checks>,
  id: string,
  rounds: RestartRounds,
  groupTool: string | null,
  clients: (broker: BrokerInfo) => ScenarioClients,
): Promise<[ScenarioRun<Refs>, ScenarioRun<Refs>]> {
  const seated = async (scenarioId: string, scenario: (s: Scenario) => Promise<Refs>) => {
    const seat = await rounds.seat();
    try {
      return await runScenario(seat.broker, groupTool, scenarioId, scenario, seat, clients(seat.broker));
    } finally {
      seat.leave();
    }
  };
  return Promise.all([seated(id, proof.scenario), seated(`${id}-control`, proof.control.scenario)]);
}

/** Who plays a scenario's consumers, and the run's Java host (share consumers, bulk writes). */
interface ScenarioClients {
  consumers: ConsumerClients;
  hostAccess: HostAccess;
  /** See `ProofEnvironment.swallowRefusals`. */
  swallowRefusals: boolean;
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
  own: Restartable | NativeCluster | undefined,
  clients: ScenarioClients,
): Promise<ScenarioRun<Refs>> {
  await using s = await Scenario.open(broker, id, own, clients.consumers, clients.hostAccess, kafkaToolDryRuns(groupTool, broker), clients.swallowRefusals);
  let refs: Refs | undefined;
  let error: string | undefined;
  try {
    refs = await scenario(s);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  const evidence = { ...(await s.evidence()), ...chosenClients(s, clients.consumers.cell, broker) };
  // Asked now, as the evidence was just read: before `s` closes its clients (and, on an external cluster, deletes its groups).
  const secondWitness = await checkWithKafkaTool(groupTool, broker, evidence);
  return { evidence: error === undefined ? evidence : { ...evidence, error }, ...(refs === undefined ? {} : { refs }), secondWitness };
}

/** How a scenario asks the run's consumer-groups tool for dry runs of its resets, on the broker it runs on; or why it cannot. */
function kafkaToolDryRuns(groupTool: string | null, broker: BrokerInfo): KafkaToolDryRuns {
  if (groupTool === null) return { absent: "Kafka's consumer-groups tool does not run here (see the second witness)" };
  let clientProperties: Record<string, string>;
  try {
    clientProperties = javaClientSecurity(broker.security);
  } catch (error) {
    return { absent: `the tool cannot be given this broker's SASL/TLS settings (${error instanceof Error ? error.message : String(error)})` };
  }
  return { dryRun: (runs) => dryRunResetsWithKafkaTool(groupTool, runs, { bootstrapServers: broker.bootstrapServers, clientProperties }) };
}

/** The clients that play a scenario's consumers: the cell's, or those a consumer's spec names. */
function consumerClients(cell: Cell, broker: BrokerInfo, javaHost: JavaHostEndpoint | null): ConsumerClients {
  if (cell.client === "java" && !javaHost)
    throw new Error(`the ${cell.name} cell needs the run's Java consumer host, and none was started (the global setup starts it for KAFKA_PROOFS_CELL=${cell.name})`);
  return new CellClients(cell, broker, javaHost);
}
