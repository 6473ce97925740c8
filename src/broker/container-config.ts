import { PROOF_BROKER_SETTINGS } from "./broker-settings.js";

/** The label every container we start carries, so leftovers can be found and removed. */
export const CONTAINER_LABEL = "kafka-consumer-group-proofs";
/** Inside the container only; never published. */
const CONTROLLER_PORT = 29093;

/** `group.initial.rebalance.delay.ms` → `KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS`, the apache/kafka image's env convention. */
export function kafkaEnvName(property: string): string {
  const escapes: Record<string, string> = { ".": "_", _: "__", "-": "___" };
  // One pass, so an underscore made from a dot or dash is not escaped again.
  return `KAFKA_${property.replace(/[._-]/g, (c) => escapes[c]!).toUpperCase()}`;
}

export interface ContainerConfig {
  image: string;
  /** Published as the same number on the host, so the advertised address is right before the container starts. */
  port: number;
  environment: Record<string, string>;
  labels: Record<string, string>;
}

/**
 * The official image configured as one combined KRaft node with the proof settings.
 * The client listener listens on the same port number inside and outside, which lets
 * it advertise `host:port` up front instead of rewriting its config after start.
 */
export function containerConfig(input: { version: string; env: NodeJS.ProcessEnv; port: number; clusterId: string }): ContainerConfig {
  const advertisedHost = input.env.TESTCONTAINERS_HOST_OVERRIDE?.trim() || "localhost";
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
  const environment: Record<string, string> = { CLUSTER_ID: input.clusterId };
  for (const [key, value] of Object.entries({ ...node, ...PROOF_BROKER_SETTINGS })) environment[kafkaEnvName(key)] = value;
  return {
    image: input.env.KAFKA_IMAGE?.trim() || `apache/kafka:${input.version}`,
    port: input.port,
    environment,
    labels: { [CONTAINER_LABEL]: "broker", [`${CONTAINER_LABEL}.owner-pid`]: String(process.pid) },
  };
}
