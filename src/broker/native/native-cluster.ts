import { randomBytes } from "node:crypto";
import { ConfigError } from "../../errors.js";
import { kafkaLine, SUPPORTED_RANGE } from "../../kafka-version.js";
import { clusterBrokerSettings, proofBrokerSettings, serverProperties, type Voter } from "../broker-settings.js";
import { saslBrokerSettings, scramFormatArguments, type ScramUser } from "../sasl-settings.js";
import type { StartedBroker } from "../started-broker.js";
import { classArchive } from "./class-archive.js";
import { freePorts } from "./free-port.js";
import { checkJava } from "./java.js";
import { ensureKafkaJars } from "./kafka-jars.js";
import { NativeNode, type NodeRuntime } from "./native-node.js";
import { reapLeftovers } from "./process-guard.js";

/**
 * The JVM's options. A single test broker gets a roomy heap; a node of a cluster
 * a small one, as three share a two-core machine (measured: a node of a proof's
 * cluster stays under 200 MB resident). The serial GC and C1-only compilation
 * start a JVM about twice as fast on two cores.
 */
const COMMON_JVM_OPTIONS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.awt.headless=true"];
const SINGLE_HEAP = ["-Xms256m", "-Xmx1g"];
const CLUSTER_NODE_HEAP = ["-Xms96m", "-Xmx256m"];
/**
 * Kafka's log cleaner allocates its dedupe buffer (128 MB by default) on the heap when the
 * node starts: a 256 MB heap ran out of memory there. 16 MB still compacts a proof's `__consumer_offsets`.
 */
const SMALL_HEAP_SETTINGS = { "log.cleaner.dedupe.buffer.size": String(16 * 1024 * 1024) };

/** The super user the brokers of a SASL cluster use among themselves, and proofs use to set things up. */
const ADMIN_USER = "admin";

export interface NativeOptions {
  version: string;
  env: NodeJS.ProcessEnv;
  /** Settings on top of the proof settings (tests use this to break a start on purpose; proofs, to invert a precondition). */
  extraSettings?: Record<string, string>;
  onProgress?: (message: string) => void;
}

export interface ClusterOptions extends NativeOptions {
  /** Combined broker + controller nodes (default 1); each internal topic gets up to three replicas (see `clusterBrokerSettings`). */
  nodes?: number;
  /**
   * SCRAM users to create, one per service: the cluster then speaks SASL_PLAINTEXT with SCRAM-SHA-512
   * to clients and runs Kafka's standard authorizer, and `security` is its super user's.
   */
  scramUsers?: readonly string[];
}

/**
 * A random KRaft cluster id: 16 bytes, URL-safe base64 without padding, as `kafka-storage random-uuid` prints.
 * One in 64 starts with "-", so it is always passed as `--cluster-id=<id>`, never as a separate argument.
 */
export function randomClusterId(): string {
  return randomBytes(16).toString("base64url");
}

export interface NativeBroker extends StartedBroker {
  /**
   * Stops every node cleanly and starts it again on the same ports and data, as an
   * operator's restart would; with `freshStorage`, on newly formatted storage instead.
   */
  restart(options?: { freshStorage?: boolean }): Promise<void>;
}

/** A node of a cluster, as clients know it. */
export interface ClusterNode {
  readonly nodeId: number;
  /** `host:port` of its client listener. */
  readonly address: string;
}

export interface NativeCluster extends NativeBroker {
  readonly nodes: readonly ClusterNode[];
  /** The services' SCRAM users, with their passwords (empty without SASL). */
  readonly users: readonly ScramUser[];
  /** `kill -9` of one node's JVM; resolves once it has exited. The rest of the cluster carries on. */
  killNode(nodeId: number): Promise<void>;
  /** Starts a node killed with `killNode` again, on its ports and data; resolves once it has logged that it started. */
  restartNode(nodeId: number): Promise<void>;
  /** SIGSTOP of one node's JVM (see `NativeNode.pause`); `resumeNode` continues it. */
  pauseNode(nodeId: number): void;
  resumeNode(nodeId: number): void;
  /** Whether the node is stopped by `pauseNode`. */
  isPaused(nodeId: number): boolean;
  /** Whether the node's JVM runs. */
  isRunning(nodeId: number): boolean;
  /** The node's JVM's pid while it runs, to measure it from outside. */
  pidOf(nodeId: number): number | undefined;
}

/** Starts KRaft nodes (each a broker and a controller) from Apache Kafka's own jars, on free loopback ports. */
export async function startNativeCluster(options: ClusterOptions): Promise<NativeCluster> {
  const count = options.nodes ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 9) {
    throw new ConfigError(`A native cluster of ${count} nodes was asked for.`, "Ask for 1 to 9 nodes; proofs use 1 or 3.");
  }
  await reapLeftovers();
  const line = kafkaLine(options.version);
  if (!line) {
    throw new ConfigError(
      `Apache Kafka ${options.version} is outside the supported range: Apache Kafka ${SUPPORTED_RANGE}.`,
      "Set KAFKA_VERSION to a release in that range, or unset it to run the pinned one.",
    );
  }
  const { java, build } = await checkJava(options.env);
  const libs = await ensureKafkaJars(options);
  const archive = classArchive(libs, "broker-classes", build);
  const ports = await freePorts(2 * count);
  const voters: Voter[] = Array.from({ length: count }, (_, i) => ({ nodeId: i + 1, host: "127.0.0.1", port: ports[2 * i + 1]! }));
  const sasl = options.scramUsers === undefined ? undefined : withPasswords([ADMIN_USER, ...options.scramUsers]);
  const settings = {
    ...proofBrokerSettings(options.version),
    ...clusterBrokerSettings(options.version, count),
    ...(count > 1 ? SMALL_HEAP_SETTINGS : {}),
    ...(sasl ? saslBrokerSettings(sasl[0]!) : {}),
    ...options.extraSettings,
  };
  const nodes: NativeNode[] = [];
  try {
    for (const voter of voters) {
      // One JVM writes a missing class-data archive; the others start without one rather than race it.
      const archiveOptions = voter.nodeId === 1 ? archive.options : archive.options.filter((o) => o.startsWith("-XX:SharedArchiveFile"));
      const runtime: NodeRuntime = { java, libs, line, jvmOptions: [...(count === 1 ? SINGLE_HEAP : CLUSTER_NODE_HEAP), ...COMMON_JVM_OPTIONS], archiveOptions };
      const clientPort = ports[2 * (voter.nodeId - 1)]!;
      const properties = (logDir: string) =>
        serverProperties(
          {
            nodeId: voter.nodeId,
            clientListener: { host: "127.0.0.1", port: clientPort },
            controllerListener: voter,
            logDir,
            voters,
            clientProtocol: sasl ? "SASL_PLAINTEXT" : "PLAINTEXT",
          },
          settings,
        );
      nodes.push(await NativeNode.create(voter.nodeId, runtime, properties));
    }
    const formatArgs = sasl ? scramFormatArguments(sasl) : [];
    const format = (clusterId: string) => Promise.all(nodes.map((node) => node.format(clusterId, formatArgs)));
    // Together: a node's broker is ready only once a majority of the controllers has elected a leader.
    const launch = async () => {
      for (const node of nodes) await node.launch();
      await Promise.all(nodes.map((node) => node.waitUntilReady()));
    };
    await format(randomClusterId());
    await launch();

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await Promise.all(nodes.map((node) => node.stop()));
        await archive.settle();
        await Promise.all(nodes.map((node) => node.remove()));
      })());
    const nodeOf = (nodeId: number) => {
      const node = nodes.find((n) => n.nodeId === nodeId);
      if (!node) throw new Error(`the cluster has nodes ${nodes.map((n) => n.nodeId).join(", ")}; there is no node ${nodeId}`);
      return node;
    };
    const addresses = voters.map((v) => `127.0.0.1:${ports[2 * (v.nodeId - 1)]}`);
    return {
      bootstrapServers: addresses,
      kafkaVersion: options.version,
      mode: "native",
      ...(sasl ? { security: { sasl: { mechanism: "scram-sha-512" as const, username: sasl[0]!.username, password: sasl[0]!.password } } } : {}),
      nodes: voters.map((v, i) => ({ nodeId: v.nodeId, address: addresses[i]! })),
      users: sasl?.slice(1) ?? [],
      stop,
      [Symbol.asyncDispose]: stop,
      killNode: (nodeId) => nodeOf(nodeId).kill(),
      async restartNode(nodeId) {
        const node = nodeOf(nodeId);
        await node.launch();
        await node.waitUntilReady();
      },
      pauseNode: (nodeId) => nodeOf(nodeId).pause(),
      resumeNode: (nodeId) => nodeOf(nodeId).resume(),
      isPaused: (nodeId) => nodeOf(nodeId).isPaused,
      isRunning: (nodeId) => nodeOf(nodeId).isRunning,
      pidOf: (nodeId) => nodeOf(nodeId).pid,
      async restart({ freshStorage = false } = {}) {
        await Promise.all(nodes.map((node) => node.stop()));
        if (freshStorage) {
          await Promise.all(nodes.map((node) => node.wipeData()));
          await format(randomClusterId());
        }
        await launch();
      },
    };
  } catch (error) {
    await Promise.all(nodes.map((node) => node.remove()));
    await archive.discard();
    throw error;
  }
}

/** A random password for each user: made per run, known only to the run. */
function withPasswords(usernames: readonly string[]): ScramUser[] {
  return usernames.map((username) => ({ username, password: randomBytes(12).toString("hex") }));
}
