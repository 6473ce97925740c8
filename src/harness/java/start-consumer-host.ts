import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkJava } from "../../broker/native/java.js";
import { kafkaJarsDir } from "../../broker/native/kafka-jars.js";
import type { BrokerInfo } from "../../broker/started-broker.js";
import { ToolchainError } from "../../errors.js";
import { kafkaLine } from "../../kafka-version.js";
import type { Cell } from "../cell.js";
import type { JavaHostEndpoint } from "./java-clients.js";
import { compiledHost, HostProcess } from "./host-process.js";

export interface ConsumerHost extends AsyncDisposable {
  readonly endpoint: JavaHostEndpoint;
  close(): Promise<void>;
}

/**
 * The run's one JVM of Java consumers (see ConsumerHost.java), for a cell whose
 * client is Java: from the jars the broker runs (nothing is downloaded for it),
 * compiled once into their cache folder. Every worker connects to it over
 * loopback with the secret it is given; it exits when this process's end closes its stdin.
 */
export async function startConsumerHost(cell: Cell, broker: BrokerInfo, env: NodeJS.ProcessEnv): Promise<ConsumerHost> {
  const cannot = (why: string, what: string) => new ToolchainError(`The ${cell.name} cell cannot run: ${why}.`, what);
  if (kafkaLine(broker.kafkaVersion) !== "4") {
    throw cannot(`it needs Kafka 4 (the consumer protocol is generally available from 4.0), and this broker is ${broker.kafkaVersion}`, "Run it on the pinned Kafka 4 release (unset KAFKA_VERSION).");
  }
  if (broker.security) throw cannot("the Java consumers are not given SASL/TLS settings", "Run it on a native or container broker, or an external cluster without SASL/TLS.");
  const libs = kafkaJarsDir(broker.kafkaVersion, env);
  if (!existsSync(join(libs, ".complete"))) {
    throw cannot(`Kafka ${broker.kafkaVersion}'s jars are not cached in ${libs}`, "Run once in native mode (KAFKA_MODE=native), which caches them; the Java consumers run from the same jars.");
  }
  const { java, major } = await checkJava(env);
  const classes = await compiledHost(java, major, libs, env);
  const secret = randomBytes(16).toString("hex");
  const location = { java, javaMajor: major, libs, classes };
  const jvm = new HostProcess(location, "serve", { ...env, KAFKA_PROOFS_HOST_SECRET: secret });
  let partial = "";
  jvm.child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("@@ ready ")) jvm.onReady(line.slice("@@ ready ".length).trim());
  });
  const port = Number(await jvm.ready);
  const close = () => jvm.close();
  return { endpoint: { ...location, port, secret }, close, [Symbol.asyncDispose]: close };
}
