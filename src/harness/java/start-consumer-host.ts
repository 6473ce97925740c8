import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkJava } from "../../broker/native/java.js";
import { ensureKafkaJars, kafkaJarsDir } from "../../broker/native/kafka-jars.js";
import type { BrokerInfo } from "../../broker/started-broker.js";
import { SetupError, ToolchainError } from "../../errors.js";
import { javaClientVersion, kafkaLine } from "../../kafka-version.js";
import { cellNotApplicableOn } from "../applicability.js";
import type { Cell } from "../cell.js";
import type { JavaHostEndpoint } from "./java-clients.js";
import { compiledHost, HostProcess } from "./host-process.js";

export interface ConsumerHost extends AsyncDisposable {
  readonly endpoint: JavaHostEndpoint;
  close(): Promise<void>;
}

/**
 * The run's one JVM of Java consumers (see ConsumerHost.java), for a cell whose
 * client is Java and for share consumers in every cell: from the jars a Kafka 4
 * broker runs (nothing is downloaded for it; a 3.9 broker's consumers are Kafka
 * 4's, `javaClientVersion`), compiled once into their cache folder.
 * Every worker connects to it over loopback with the secret it is given; it
 * exits when this process's end closes its stdin. `user` names who needs it, for
 * errors ("The java/consumer cell", "Share consumers").
 */
export async function startConsumerHost(user: string, broker: BrokerInfo, env: NodeJS.ProcessEnv): Promise<ConsumerHost> {
  const cannot = (why: string, what: string) => new ToolchainError(`${user} cannot run: ${why}.`, what);
  const clientVersion = javaClientVersion(broker.kafkaVersion);
  if (kafkaLine(clientVersion) !== "4") {
    throw cannot(`the Java consumer host needs Kafka 4's clients, and this broker is ${broker.kafkaVersion}`, "Run it on the pinned Kafka 4 release (unset KAFKA_VERSION).");
  }
  if (broker.security) throw cannot("the Java consumers are not given SASL/TLS settings", "Run it on a native or container broker, or an external cluster without SASL/TLS.");
  const libs =
    clientVersion !== broker.kafkaVersion && broker.mode !== "container"
      ? // A 3.9 broker or a cluster of unknown release: Kafka 4's clients, resolved like a broker's jars (with Maven).
        await ensureKafkaJars({ version: clientVersion, env })
      : kafkaJarsDir(clientVersion, env);
  if (!existsSync(join(libs, ".complete"))) {
    throw cannot(
      `Kafka ${clientVersion}'s jars are not cached in ${libs}`,
      "Run once in native mode (KAFKA_MODE=native), which caches them; the Java consumers run from the same jars.",
    );
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

/**
 * The run's Java consumer host: for its Java cells, and for share consumers in every cell (kafkajs has
 * none). A Java cell the user named must have it: a host that cannot start stops the run. Otherwise it
 * is `absent`, with the reason, and what needs it is recorded as not run, saying why.
 */
export async function consumerHostFor(
  cells: { cells: readonly Cell[]; explicit: boolean },
  broker: BrokerInfo,
  env: NodeJS.ProcessEnv,
): Promise<{ host?: ConsumerHost; absent: string | null }> {
  const javaCells = cells.cells.filter((cell) => cell.client === "java" && cellNotApplicableOn(cell.name, broker) === undefined);
  const user = javaCells.length === 0 ? "Share consumers" : `The ${javaCells.map((cell) => cell.name).join(" and ")} cell${javaCells.length > 1 ? "s" : ""}`;
  try {
    return { host: await startConsumerHost(user, broker, env), absent: null };
  } catch (error) {
    if (!(error instanceof SetupError) || (cells.explicit && javaCells.length > 0)) throw error;
    return { absent: error.message.split("\n")[0] ?? error.message };
  }
}
