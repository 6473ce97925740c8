import type { BrokerSupport } from "../broker/api-versions.js";
import type { CellName } from "../evidence/results-layout.js";
import { kafkaAtLeast } from "../kafka-version.js";

/**
 * What a broker must support for a claim (or a cell), by the feature its cluster finalizes and the request kind its
 * clients send: how a broker whose release is not known is judged (`BrokerSupport`, from its ApiVersions answer).
 */
export interface FeatureNeed {
  /** The feature and the lowest level that has it: `group.version` 1 is the consumer group protocol. */
  feature: string;
  level: number;
  /** The request kind (API key) the clients send for it, and its name. */
  api: number;
  apiName: string;
  what: string;
}

/** The oldest Kafka release a claim (or a cell) holds on, and why; and, for a broker of unknown release, the feature it needs. */
export interface KafkaRequirement {
  version: string;
  reason: string;
  feature?: FeatureNeed;
}

export const CONSUMER_GROUP_PROTOCOL: FeatureNeed = {
  feature: "group.version",
  level: 1,
  api: 68,
  apiName: "ConsumerGroupHeartbeat",
  what: "the consumer group protocol (KIP-848)",
};
export const SHARE_GROUPS: FeatureNeed = { feature: "share.version", level: 1, api: 76, apiName: "ShareGroupHeartbeat", what: "share groups (KIP-932)" };

/** Cells that need a newer Kafka than the oldest supported release: every proof is skipped there on an older one. */
export const CELL_REQUIRES_KAFKA: Partial<Record<CellName, KafkaRequirement>> = {
  "java/consumer": { version: "4.0.0", reason: "the consumer group protocol (KIP-848) is generally available from Kafka 4.0", feature: CONSUMER_GROUP_PROTOCOL },
};

/** The broker a run has, as far as applicability goes: its release ("unknown" for an external cluster not told), and what it said it supports. */
export interface BrokerFacts {
  kafkaVersion: string;
  supports?: BrokerSupport;
}

/**
 * Why a requirement is not met, or undefined when it is (or cannot be judged). A known release is judged by its
 * number; a release that is not known, by what the broker said it supports; a broker that said nothing is taken
 * to be new enough: the broker will say if not.
 */
export function unmet(requirement: KafkaRequirement, broker: BrokerFacts): string | undefined {
  const newEnough = kafkaAtLeast(broker.kafkaVersion, requirement.version);
  if (newEnough === false) return requirement.reason;
  const need = requirement.feature;
  if (newEnough !== undefined || !need || !broker.supports) return undefined;
  const level = broker.supports.finalized[need.feature] ?? 0;
  if (level < need.level) return `the broker does not support ${need.what}: it finalizes ${need.feature} at ${level}, and ${need.level} is needed`;
  if (!broker.supports.apis[need.api]) return `the broker does not support ${need.what}: it takes no ${need.apiName} requests`;
  return undefined;
}

/** "not applicable on Kafka 3.9.2: …", or "on this cluster" where its release is not known. */
function notApplicableOn(broker: BrokerFacts, reason: string): string {
  return `not applicable on ${kafkaAtLeast(broker.kafkaVersion, "0.0.0") === undefined ? "this cluster" : `Kafka ${broker.kafkaVersion}`}: ${reason}`;
}

/**
 * Why a cell cannot run on this broker at all, or undefined when it can: the
 * consumer group protocol (KIP-848) is a Kafka 4 feature, so the java/consumer cell
 * has nothing to run on 3.9, nor on a cluster that does not enable it.
 */
export function cellNotApplicableOn(cell: CellName, broker: BrokerFacts): string | undefined {
  const needs = CELL_REQUIRES_KAFKA[cell];
  return needs && unmet(needs, broker);
}

/** What a proof says about where it runs; see `ProofDefinition`. */
export interface ProofNeeds {
  requiresKafka?: KafkaRequirement;
  notApplicable?: Partial<Record<CellName, string>>;
  dedicatedBroker?: boolean;
  shareConsumers?: boolean;
}

/** What this run is. `javaHostAbsent`: why the run has no Java consumer host, or null when it has one. */
export interface RunFacts extends BrokerFacts {
  cell: CellName;
  brokerMode: string;
  javaHostAbsent: string | null;
}

/**
 * Why the proof is not run here, in the words the results file and the test
 * report give; undefined when it runs. A proof that cannot run is skipped with
 * this reason, never silently. A cluster whose version is unknown (an external
 * one, KAFKA_VERSION unset) is judged by what it said it supports (see `unmet`).
 */
export function whyNotRun(proof: ProofNeeds, run: RunFacts): string | undefined {
  const requirement = proof.requiresKafka && unmet(proof.requiresKafka, run);
  if (requirement) return notApplicableOn(run, requirement);
  const cellNeeds = cellNotApplicableOn(run.cell, run);
  if (cellNeeds !== undefined) return notApplicableOn(run, cellNeeds);
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
export const SHARE_GROUPS_GA: KafkaRequirement = { version: "4.2.0", reason: "share groups (KIP-932) are generally available from Kafka 4.2", feature: SHARE_GROUPS };

/**
 * For proofs whose every consumer is a share consumer: they are the same in
 * every cell, so they run once, in the cell with Kafka's Java client on the newest protocol.
 */
const ONLY_SHARE_CONSUMERS = "no consumer-group member here: the share consumers are Kafka's Java KafkaShareConsumer in every cell; it runs in java/consumer";
export const SHARE_CONSUMERS_ONLY: Partial<Record<CellName, string>> = { "kafkajs/classic": ONLY_SHARE_CONSUMERS, "java/classic": ONLY_SHARE_CONSUMERS };
