import { createRequire } from "node:module";
import type { BrokerInfo } from "../broker/started-broker.js";
import { inject } from "vitest";
import { noAnomalies } from "../checks/anomalies.js";
import { startNativeBroker } from "../broker/native/native-broker.js";
import { writeResult } from "../evidence/results-dir.js";
import type { Check, ProofResult, ScenarioEvidence } from "../evidence/proof-result.js";
import { checkWithKafkaTool } from "../witness/check-with-kafka-tool.js";
import { Scenario } from "./scenario.js";

const KAFKAJS_VERSION: string = createRequire(import.meta.url)("kafkajs/package.json").version;

export interface ProofDefinition {
  /** The file name without `.proof.ts`; also the results file name. */
  id: string;
  title: string;
  /** The claim in plain words. */
  claim: string;
  /** Setup, act and observe: the claim's scenario. */
  scenario: (s: Scenario) => Promise<void>;
  /** The claim's checks: pure functions of the evidence. */
  check: (evidence: ScenarioEvidence) => Check[];
  /** The same story with the claim's precondition inverted; the checks must not all pass on it. */
  control: { precondition: string; scenario: (s: Scenario) => Promise<void> };
  /**
   * Each scenario gets a native broker of its own (for proofs that restart it,
   * which would disturb every other proof on the shared one). Such a proof is
   * skipped, with the reason recorded, when the run's broker is not native.
   */
  dedicatedBroker?: boolean;
}

/**
 * Runs the claim and its control side by side on one broker, checks both, and
 * writes the evidence (passing or not) before returning. It never retries.
 */
export async function runProof(broker: BrokerInfo, proof: ProofDefinition, groupTool: string | null = inject("groupTool")): Promise<ProofResult> {
  const startedAt = new Date();
  if (proof.dedicatedBroker && broker.mode !== "native") {
    return skipped(broker, proof, startedAt, `it restarts a broker of its own, which needs native mode (this run is ${broker.mode})`);
  }
  const [claimRun, controlRun] = await Promise.all([
    runScenario(broker, groupTool, proof.id, proof.scenario, proof.dedicatedBroker),
    runScenario(broker, groupTool, `${proof.id}-control`, proof.control.scenario, proof.dedicatedBroker),
  ]);
  const [claim, control] = [claimRun.evidence, controlRun.evidence];
  // Every group of every proof is also held to the anomaly checks, whatever its claim,
  // and its offsets to what Kafka's own consumer-groups tool prints.
  const checks = [...proof.check(claim), ...noAnomalies(claim), claimRun.toolCheck];
  const controlChecks = proof.check(control);
  const differs = control.error !== undefined || controlChecks.some((check) => !check.ok);
  const result: ProofResult = {
    ...header(broker, proof, startedAt),
    // The control must break the claim's checks, never the second witness: that one must hold on both.
    verdict: claim.error === undefined && checks.every((check) => check.ok) && differs && controlRun.toolCheck.ok ? "pass" : "fail",
    checks,
    ...claim,
    control: { precondition: proof.control.precondition, checks: [...controlChecks, controlRun.toolCheck], differs, ...control },
  };
  await writeResult(result);
  return result;
}

function header(broker: BrokerInfo, proof: ProofDefinition, startedAt: Date) {
  return {
    id: proof.id,
    title: proof.title,
    claim: proof.claim,
    kafka: { version: broker.kafkaVersion, mode: broker.mode },
    client: { name: "kafkajs", version: KAFKAJS_VERSION },
    node: process.version,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}

/** A proof that cannot run here still leaves a result, saying so and why. */
async function skipped(broker: BrokerInfo, proof: ProofDefinition, startedAt: Date, reason: string): Promise<ProofResult> {
  const empty: ScenarioEvidence = { topics: [], produced: [], groups: [], timeline: [] };
  const result: ProofResult = {
    ...header(broker, proof, startedAt),
    verdict: "skipped",
    skipReason: reason,
    checks: [],
    ...empty,
    control: { precondition: proof.control.precondition, checks: [], differs: false, ...empty },
  };
  await writeResult(result);
  return result;
}

/** One scenario run: whatever happens, the evidence gathered so far is returned, with the consumer-groups tool's check of it. */
async function runScenario(
  broker: BrokerInfo,
  groupTool: string | null,
  id: string,
  scenario: (s: Scenario) => Promise<void>,
  dedicated = false,
): Promise<{ evidence: ScenarioEvidence; toolCheck: Check }> {
  await using own = dedicated ? await startNativeBroker({ version: broker.kafkaVersion, env: process.env }) : undefined;
  await using s = await Scenario.open(own ?? broker, id, own);
  let error: string | undefined;
  try {
    await scenario(s);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  const evidence = await s.evidence();
  // Asked now, as the evidence was just read: before `s` closes its clients (and, on an external cluster, deletes its groups).
  const toolCheck = await checkWithKafkaTool(groupTool, own ?? broker, evidence);
  return { evidence: error === undefined ? evidence : { ...evidence, error }, toolCheck };
}
