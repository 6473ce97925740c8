import { kafkaAtLeast } from "../kafka-version.js";
import type { CellName } from "./cell.js";

/** The oldest Kafka release a claim (or a cell) holds on, and why. */
export interface KafkaRequirement {
  version: string;
  reason: string;
}

/** Cells that need a newer Kafka than the oldest supported release: every proof is skipped there on an older one. */
export const CELL_REQUIRES_KAFKA: Partial<Record<CellName, KafkaRequirement>> = {
  "java/consumer": { version: "4.0.0", reason: "the consumer group protocol (KIP-848) is generally available from Kafka 4.0" },
};

/**
 * Why a cell cannot run on a Kafka version at all, or undefined when it can: the
 * consumer group protocol (KIP-848) is a Kafka 4 feature, so the java/consumer cell
 * has nothing to run on 3.9.
 */
export function cellNotApplicableOn(cell: CellName, kafkaVersion: string): string | undefined {
  const needs = CELL_REQUIRES_KAFKA[cell];
  return needs && kafkaAtLeast(kafkaVersion, needs.version) === false ? needs.reason : undefined;
}

/** What a proof says about where it runs; see `ProofDefinition`. */
export interface ProofNeeds {
  requiresKafka?: KafkaRequirement;
  notApplicable?: Partial<Record<CellName, string>>;
  dedicatedBroker?: boolean;
  shareConsumers?: boolean;
}

/** What this run is. `javaHostAbsent`: why the run has no Java consumer host, or null when it has one. */
export interface RunFacts {
  cell: CellName;
  kafkaVersion: string;
  brokerMode: string;
  javaHostAbsent: string | null;
}

/**
 * Why the proof is not run here, in the words the results file and the test
 * report give; undefined when it runs. A proof that cannot run is skipped with
 * this reason, never silently. A cluster whose version is unknown (an external
 * one, KAFKA_VERSION unset) is taken to be new enough: the broker will say if not.
 */
export function whyNotRun(proof: ProofNeeds, run: RunFacts): string | undefined {
  const requirement = proof.requiresKafka;
  if (requirement && kafkaAtLeast(run.kafkaVersion, requirement.version) === false) return `not applicable on Kafka ${run.kafkaVersion}: ${requirement.reason}`;
  const cellNeeds = cellNotApplicableOn(run.cell, run.kafkaVersion);
  if (cellNeeds !== undefined) return `not applicable on Kafka ${run.kafkaVersion}: ${cellNeeds}`;
  const notApplicable = proof.notApplicable?.[run.cell];
  if (notApplicable !== undefined) return `not applicable in ${run.cell}: ${notApplicable}`;
  if (proof.dedicatedBroker && run.brokerMode !== "native") return `it restarts a broker of its own, which needs native mode (this run is ${run.brokerMode})`;
  if (run.cell.startsWith("java/") && run.javaHostAbsent !== null) return `not run in ${run.cell}: ${run.javaHostAbsent}`;
  if (proof.shareConsumers && run.javaHostAbsent !== null) {
    return `not run: its share consumers are Kafka's Java KafkaShareConsumer, and this run has no Java consumer host (${run.javaHostAbsent})`;
  }
  return undefined;
}

/** What every proof with share groups requires of Kafka. */
export const SHARE_GROUPS_GA: KafkaRequirement = { version: "4.2.0", reason: "share groups (KIP-932) are generally available from Kafka 4.2" };

/**
 * For proofs whose every consumer is a share consumer: they are the same in
 * every cell, so they run once, in the cell with Kafka's Java client on the newest protocol.
 */
const ONLY_SHARE_CONSUMERS = "no consumer-group member here: the share consumers are Kafka's Java KafkaShareConsumer in every cell; it runs in java/consumer";
export const SHARE_CONSUMERS_ONLY: Partial<Record<CellName, string>> = { "kafkajs/classic": ONLY_SHARE_CONSUMERS, "java/classic": ONLY_SHARE_CONSUMERS };
