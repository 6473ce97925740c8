import { KAFKA_VERSION, kafkaLine } from "../kafka-version.js";

/**
 * Broker settings for proofs, shared by every mode that starts its own broker.
 * Each departs from Kafka's default for a reason a proof depends on.
 * These exist on every supported line (3.9 and 4.x).
 */
const EVERY_LINE: Readonly<Record<string, string>> = {
  // A group's first member would otherwise wait 3 s for others before the first rebalance.
  "group.initial.rebalance.delay.ms": "0",
  // Lets a proof give a consumer a short session, so a dead member is noticed in about a second.
  "group.min.session.timeout.ms": "1000",
  // One node: every internal topic has one replica, and a few partitions start faster than 50.
  "offsets.topic.replication.factor": "1",
  "offsets.topic.num.partitions": "1",
  "transaction.state.log.replication.factor": "1",
  "transaction.state.log.min.isr": "1",
  "transaction.state.log.num.partitions": "1",
  "default.replication.factor": "1",
  "num.partitions": "1",
  // A typo in a topic name must fail, not create an empty topic a proof would read as "no messages".
  "auto.create.topics.enable": "false",
  // Two cores: Kafka's defaults (3 network, 8 I/O threads) only contend.
  "num.network.threads": "2",
  "num.io.threads": "2",
};

/**
 * Settings Kafka 4 added. 3.9 has no share groups (KIP-932 arrived in 4.0), so
 * it does not know these and would only log them as unused.
 */
const KAFKA_4_ONLY: Readonly<Record<string, string>> = {
  // One node: the share-group state topic (created when a share group is first used) has one replica.
  "share.coordinator.state.topic.replication.factor": "1",
  "share.coordinator.state.topic.min.isr": "1",
  // The consumer group protocol (KIP-848) hands out assignments in heartbeat replies, every 5 s by
  // default: a member would wait seconds to learn of a join. Members of proofs heartbeat every 250 ms.
  "group.consumer.min.heartbeat.interval.ms": "100",
  "group.consumer.heartbeat.interval.ms": "250",
  // As group.min.session.timeout.ms for the classic protocol: lets a proof's group (its
  // consumer.session.timeout.ms group config) notice a dead member in about a second.
  "group.consumer.min.session.timeout.ms": "1000",
};

/** The proof settings a broker of `version` knows: each line gets only its own. */
export function proofBrokerSettings(version: string): Readonly<Record<string, string>> {
  return kafkaLine(version) === "4" ? { ...EVERY_LINE, ...KAFKA_4_ONLY } : EVERY_LINE;
}

/** The proof settings of the pinned release. */
export const PROOF_BROKER_SETTINGS = proofBrokerSettings(KAFKA_VERSION);

export interface KraftNode {
  nodeId: number;
  /** Where clients connect, and what the broker advertises to them. */
  clientListener: { host: string; port: number };
  controllerListener: { host: string; port: number };
  logDir: string;
}

/** A single combined broker + controller KRaft node, as `server.properties` text. */
export function serverProperties(node: KraftNode, settings: Readonly<Record<string, string>>): string {
  const client = `${node.clientListener.host}:${node.clientListener.port}`;
  const controller = `${node.controllerListener.host}:${node.controllerListener.port}`;
  const own: Record<string, string> = {
    "process.roles": "broker,controller",
    "node.id": String(node.nodeId),
    "controller.quorum.voters": `${node.nodeId}@${controller}`,
    listeners: `PLAINTEXT://${client},CONTROLLER://${controller}`,
    "advertised.listeners": `PLAINTEXT://${client}`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "PLAINTEXT",
    "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
    "log.dirs": node.logDir,
  };
  return Object.entries({ ...own, ...settings })
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join("\n")
    .concat("\n");
}

/** java.util.Properties treats a backslash as an escape; paths on Windows carry them. */
function escapeProperty(value: string): string {
  return value.replaceAll("\\", "\\\\");
}
