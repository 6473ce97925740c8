import { hostname } from "node:os";
import { PROOF_BROKER_SETTINGS } from "./broker-settings.js";

/** The label every container we start carries, so leftovers can be found and removed. */
export const CONTAINER_LABEL = "kafka-consumer-group-proofs";
/** Which process on which machine started it: a container whose owner is dead is a leftover. */
export const OWNER_PID_LABEL = `${CONTAINER_LABEL}.owner-pid`;
export const OWNER_HOST_LABEL = `${CONTAINER_LABEL}.owner-host`;
/** One broker start: what its watchdog removes when the owner dies. */
export const RUN_LABEL = `${CONTAINER_LABEL}.run`;
/**
 * The podman service that serves this run (scripts/podman-service.sh exports its id in
 * `SERVICE_VARIABLE`): stopping that service removes its containers, and no one else's.
 */
export const SERVICE_LABEL = `${CONTAINER_LABEL}.service`;
export const SERVICE_VARIABLE = "KAFKA_PROOFS_PODMAN_SERVICE";
/** Inside the container only; never published. */
const CONTROLLER_PORT = 29093;

/**
 * The JVM options the native broker runs with (src/broker/native/native-broker.ts): a test
 * broker holds little data, and on two cores these start it about twice as fast as Kafka's
 * defaults. Both images read these variables (the official one through kafka-server-start.sh,
 * whose property filter also lets an unused `heap.opts` property through: harmless).
 */
const JVM_ENVIRONMENT = {
  KAFKA_HEAP_OPTS: "-Xms256m -Xmx1g",
  KAFKA_JVM_PERFORMANCE_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Djava.awt.headless=true",
};

/** `group.initial.rebalance.delay.ms` → `KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS`, the apache/kafka image's env convention. */
export function kafkaEnvName(property: string): string {
  const escapes: Record<string, string> = { ".": "_", _: "__", "-": "___" };
  // One pass, so an underscore made from a dot or dash is not escaped again.
  return `KAFKA_${property.replace(/[._-]/g, (c) => escapes[c]!).toUpperCase()}`;
}

/** The Docker API's `HostConfig.PortBindings`: container port → where the host publishes it. */
export type PortBindings = Record<string, { HostIp: string; HostPort: string }[]>;

/** Names that reach the engine's host through its loopback interface. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export interface ContainerConfig {
  image: string;
  /** Published as the same number on the host, so the advertised address is right before the container starts. */
  port: number;
  /**
   * On the host's loopback interface only: a test broker with no authentication must not be
   * reachable from the network. Every interface only when TESTCONTAINERS_HOST_OVERRIDE names
   * another host, as when the engine runs elsewhere and clients reach it by that name.
   */
  portBindings: PortBindings;
  environment: Record<string, string>;
  labels: Record<string, string>;
}

export interface ContainerConfigInput {
  version: string;
  env: NodeJS.ProcessEnv;
  port: number;
  clusterId: string;
  /** Names this start, so its watchdog removes this container and no other. */
  runId: string;
}

/**
 * One combined KRaft node with the proof settings, in the official image's env
 * convention, which the local image (scripts/kafka-image.ts) reads the same way.
 * The client listener listens on the same port number inside and outside, which lets
 * it advertise `host:port` up front instead of rewriting its config after start.
 */
export function containerConfig(input: ContainerConfigInput): ContainerConfig {
  const advertisedHost = input.env.TESTCONTAINERS_HOST_OVERRIDE?.trim() || "localhost";
  // "" is the Docker API's "every interface".
  const hostIp = LOOPBACK_HOSTS.has(advertisedHost.toLowerCase()) ? "127.0.0.1" : "";
  const node: Record<string, string> = {
    "node.id": "1",
    "process.roles": "broker,controller",
    "controller.quorum.voters": `1@localhost:${CONTROLLER_PORT}`,
    listeners: `PLAINTEXT://0.0.0.0:${input.port},CONTROLLER://0.0.0.0:${CONTROLLER_PORT}`,
    "advertised.listeners": `PLAINTEXT://${advertisedHost}:${input.port}`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "PLAINTEXT",
    "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
  };
  const environment: Record<string, string> = { CLUSTER_ID: input.clusterId, ...JVM_ENVIRONMENT };
  for (const [key, value] of Object.entries({ ...node, ...PROOF_BROKER_SETTINGS })) environment[kafkaEnvName(key)] = value;
  return {
    image: input.env.KAFKA_IMAGE?.trim() || `apache/kafka:${input.version}`,
    port: input.port,
    portBindings: { [`${input.port}/tcp`]: [{ HostIp: hostIp, HostPort: String(input.port) }] },
    environment,
    labels: {
      [CONTAINER_LABEL]: "broker",
      [OWNER_PID_LABEL]: String(process.pid),
      [OWNER_HOST_LABEL]: hostname(),
      [RUN_LABEL]: input.runId,
      ...serviceLabel(input.env),
    },
  };
}

/** The label that ties a container to the podman service serving this run, if one does. */
export function serviceLabel(env: NodeJS.ProcessEnv): Record<string, string> {
  const service = env[SERVICE_VARIABLE]?.trim();
  return service ? { [SERVICE_LABEL]: service } : {};
}
