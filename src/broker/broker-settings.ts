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
  // One node: the share-group state topic (created when a share group is first used) has one replica,
  // and one partition rather than 50: the first share group of a run waits while the topic is made.
  "share.coordinator.state.topic.replication.factor": "1",
  "share.coordinator.state.topic.min.isr": "1",
  "share.coordinator.state.topic.num.partitions": "1",
  // Share groups (KIP-932) hand out assignments in heartbeat replies, every 5 s by default and never
  // more often than the 5 s minimum: a new share group's first delivery took about 5.7 s here. Members
  // of proofs heartbeat every 250 ms, as those of the consumer protocol do.
  "group.share.min.heartbeat.interval.ms": "100",
  "group.share.heartbeat.interval.ms": "250",
  // A share group's assignment is recomputed at most once a second by default, so a member that has
  // joined waits up to a second more for its partitions; 0 recomputes it as soon as members change.
  "group.share.assignment.interval.ms": "0",
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

/**
 * What a cluster of `nodes` adds to the proof settings: every internal topic (the
 * committed offsets' `__consumer_offsets` among them) and every topic a proof makes
 * get up to three replicas, of which all but one must hold a write before it is
 * acknowledged, so one node can die without losing an acknowledged write or
 * stopping writes. A single node keeps one replica of everything.
 */
export function clusterBrokerSettings(version: string, nodes: number): Record<string, string> {
  if (!Number.isInteger(nodes) || nodes < 1) throw new Error(`a cluster has a whole number of nodes, at least one; got ${nodes}`);
  const replicas = String(Math.min(3, nodes));
  const minInSync = String(Math.max(1, Math.min(3, nodes) - 1));
  const settings: Record<string, string> = {
    "offsets.topic.replication.factor": replicas,
    "transaction.state.log.replication.factor": replicas,
    "transaction.state.log.min.isr": minInSync,
    "default.replication.factor": replicas,
    // Commits are written with acks=all: with two of three in sync, one dead node neither loses nor blocks them.
    "min.insync.replicas": minInSync,
  };
  if (nodes > 1) {
    // The controller fences a silent broker (and moves its leaderships) after 9 s by default; 6 s, with
    // heartbeats every second, makes a failover quicker yet still tolerates a busy two-core machine.
    settings["broker.session.timeout.ms"] = "6000";
    settings["broker.heartbeat.interval.ms"] = "1000";
  }
  if (kafkaLine(version) === "4") {
    settings["share.coordinator.state.topic.replication.factor"] = replicas;
    settings["share.coordinator.state.topic.min.isr"] = minInSync;
  }
  return settings;
}

/** A KRaft controller's address, as `controller.quorum.voters` names it. */
export interface Voter {
  nodeId: number;
  host: string;
  port: number;
}

export interface KraftNode {
  nodeId: number;
  /** Where clients connect, and what the broker advertises to them. */
  clientListener: { host: string; port: number };
  controllerListener: { host: string; port: number };
  logDir: string;
  /** Every controller of the cluster, this node's among them; absent: this node alone. */
  voters?: readonly Voter[];
  /** How clients (and the brokers among themselves) connect: in the clear, or with SASL (see `saslBrokerSettings`). */
  clientProtocol?: "PLAINTEXT" | "SASL_PLAINTEXT";
}

/** A combined broker + controller KRaft node, as `server.properties` text. */
export function serverProperties(node: KraftNode, settings: Readonly<Record<string, string>>): string {
  const client = `${node.clientListener.host}:${node.clientListener.port}`;
  const controller = `${node.controllerListener.host}:${node.controllerListener.port}`;
  const voters = node.voters ?? [{ nodeId: node.nodeId, ...node.controllerListener }];
  if (!voters.some((v) => v.nodeId === node.nodeId)) {
    throw new Error(`node ${node.nodeId} is not among the voters ${voters.map((v) => v.nodeId).join(", ")}: a combined node is one of the controllers`);
  }
  const protocol = node.clientProtocol ?? "PLAINTEXT";
  const own: Record<string, string> = {
    "process.roles": "broker,controller",
    "node.id": String(node.nodeId),
    "controller.quorum.voters": voters.map((v) => `${v.nodeId}@${v.host}:${v.port}`).join(","),
    listeners: `${protocol}://${client},CONTROLLER://${controller}`,
    "advertised.listeners": `${protocol}://${client}`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": protocol,
    "listener.security.protocol.map": `${protocol}:${protocol},CONTROLLER:PLAINTEXT`,
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
