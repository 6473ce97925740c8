import { existsSync } from "node:fs";
import { join } from "node:path";
import { compiledJava } from "../broker/native/compiled-java.js";
import { checkJava } from "../broker/native/java.js";
import { kafkaJarsDir } from "../broker/native/kafka-jars.js";
import type { BrokerInfo } from "../broker/started-broker.js";
import { ToolchainError } from "../errors.js";
import { kafkaVersionFrom } from "../kafka-version.js";
import { GroupToolProcess, SERVER_SOURCE } from "./group-tool-process.js";
import { serveGroupTool } from "./tool-http-server.js";

/** What running the tool needs: a Java runtime and Kafka's jars, already on this machine. */
export interface ToolLocation {
  java: string;
  javaMajor: number;
  libs: string;
}

/**
 * Where the consumer-groups tool can run from, or why it cannot. Native mode
 * has resolved the jars and checked Java before the broker started. In the other
 * modes the tool is used when a native run already cached the same jars (nothing
 * is downloaded for it), and not against a cluster that needs SASL or TLS
 * settings, which the tool is not given.
 */
export async function locateGroupTool(broker: BrokerInfo, env: NodeJS.ProcessEnv): Promise<ToolLocation | { unavailable: string }> {
  if (broker.security) return { unavailable: "the cluster needs SASL/TLS settings, which the tool is not given" };
  const version = kafkaVersionFrom(env);
  const libs = kafkaJarsDir(version, env);
  if (!existsSync(join(libs, ".complete")) || !existsSync(join(libs, `kafka-tools-${version}.jar`))) {
    return { unavailable: `Kafka ${version}'s jars are not cached in ${libs} (a native run caches them; none is downloaded for this)` };
  }
  try {
    const { java, major } = await checkJava(env);
    return { java, javaMajor: major, libs };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  }
}

export interface GroupToolEndpoint extends AsyncDisposable {
  /** For `describeGroupsWithKafkaTool(url, groupIds)`, from the run's own processes: it carries the key every request needs. */
  readonly url: string;
  /** Resolves with the tool server's start time in ms once it is ready; rejects if it failed. */
  readonly ready: Promise<number>;
  /** The JVM's, for tests that watch it from outside. */
  readonly pid: number | undefined;
  close(): Promise<void>;
}

/**
 * Starts Kafka's consumer-groups tool as a server for this broker and serves it
 * over loopback HTTP. Returns at once: the JVM warms up while proofs begin, and
 * the first request waits for it. Undefined when the tool cannot run here (see
 * `locateGroupTool`); in native mode it must, as its answers are part of every proof.
 */
export async function startGroupTool(broker: BrokerInfo, env: NodeJS.ProcessEnv): Promise<GroupToolEndpoint | undefined> {
  const location = await locateGroupTool(broker, env);
  if ("unavailable" in location) {
    if (broker.mode !== "native") return undefined;
    throw new ToolchainError(
      `Kafka's consumer-groups tool cannot run: ${location.unavailable}.`,
      "Native mode checks every proof's offsets with it, from the same jars and Java as the broker; run again to re-resolve them.",
    );
  }
  const jar = await compiledJava({ sources: [SERVER_SOURCE], ...location, env });
  const tool = GroupToolProcess.start({ ...location, jar, bootstrapServers: broker.bootstrapServers, env });
  let http;
  try {
    http = await serveGroupTool(
      ({ groups, bootstrapServers, kind, clientProperties }) => tool.describe(groups, bootstrapServers, kind, clientProperties),
      ({ resets, bootstrapServers, clientProperties }) => tool.dryRunResets(resets, bootstrapServers, clientProperties),
    );
  } catch (error) {
    await tool.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= http.close().finally(() => tool.close()));
  return { url: http.url, ready: tool.ready, pid: tool.pid, close, [Symbol.asyncDispose]: close };
}
