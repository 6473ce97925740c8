import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BrokerError, ConfigError } from "../../errors.js";
import { waitFor } from "../../harness/wait.js";
import { kafkaLine, SUPPORTED_RANGE } from "../../kafka-version.js";
import { proofBrokerSettings, serverProperties } from "../broker-settings.js";
import type { StartedBroker } from "../started-broker.js";
import { brokerLogging, LogFollower, READY_LINE, logTails } from "./broker-log.js";
import { freePorts } from "./free-port.js";
import { classArchive } from "./class-archive.js";
import { checkJava } from "./java.js";
import { ensureKafkaJars } from "./kafka-jars.js";
import { createRunDir, guardJvm, reapLeftovers, runMark, signalOwnGroup } from "./process-guard.js";
import { runCommand } from "./run-command.js";

/**
 * Small heap and the client compiler: a test broker holds little data, and
 * C1-only compilation starts it about twice as fast on two cores.
 */
const JVM_OPTIONS = ["-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.awt.headless=true"];
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface NativeOptions {
  version: string;
  env: NodeJS.ProcessEnv;
  /** Settings on top of the proof settings (tests use this to break a start on purpose). */
  extraSettings?: Record<string, string>;
  onProgress?: (message: string) => void;
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
   * Stops the JVM cleanly and starts it again on the same ports and data, as an
   * operator's restart would; with `freshStorage`, on newly formatted storage instead.
   */
  restart(options?: { freshStorage?: boolean }): Promise<void>;
}

/** Starts a single-node KRaft broker from Apache Kafka's own jars, on free loopback ports. */
export async function startNativeBroker(options: NativeOptions): Promise<NativeBroker> {
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
  const runDir = await createRunDir();
  const archive = classArchive(libs, "broker-classes", build);
  try {
    const [clientPort, controllerPort] = await freePorts(2);
    const logging = brokerLogging(line, join(runDir.path, "logs", "server.log"));
    const files = {
      properties: join(runDir.path, "server.properties"),
      log4j: join(runDir.path, logging.fileName),
      serverLog: join(runDir.path, "logs", "server.log"),
      stdout: join(runDir.path, "logs", "stdout.log"),
    };
    await mkdir(join(runDir.path, "logs"));
    await writeFile(files.log4j, logging.text);
    await writeFile(
      files.properties,
      serverProperties(
        {
          nodeId: 1,
          clientListener: { host: "127.0.0.1", port: clientPort! },
          controllerListener: { host: "127.0.0.1", port: controllerPort! },
          logDir: join(runDir.path, "data"),
        },
        { ...proofBrokerSettings(options.version), ...options.extraSettings },
      ),
    );
    const javaArgs = [
      ...JVM_OPTIONS,
      logging.option(files.log4j),
      `-Dkafka.logs.dir=${join(runDir.path, "logs")}`,
      "-cp",
      join(libs, "*"),
    ];

    const shared = archive.options.filter((option) => option.startsWith("-XX:SharedArchiveFile"));
    const format = async () => {
      const result = await runCommand(java, [...javaArgs, ...shared, "kafka.tools.StorageTool", "format", `--cluster-id=${randomClusterId()}`, "-c", files.properties]);
      if (result.code !== 0) {
        throw new BrokerError(
          `Formatting the broker's storage failed (exit ${result.code}):\n${(result.stderr + result.stdout).trim().slice(-2000)}`,
          "Check the broker settings above; the storage tool is Kafka's own (kafka.tools.StorageTool).",
        );
      }
    };
    const launch = async (): Promise<() => Promise<void>> => {
      const follower = new LogFollower(files.serverLog);
      await follower.skipExisting();
      const out = await open(files.stdout, "a");
      // Detached: the JVM leads its own process group, so Ctrl-C in the terminal reaches
      // the test runner (which stops it in order) and stopping kills the whole group.
      const jvm = spawn(java, [...javaArgs, ...archive.options, runMark(runDir.path), "kafka.Kafka", files.properties], {
        detached: true,
        stdio: ["ignore", out.fd, out.fd],
      });
      await out.close();
      const exited = new Promise<number | null>((resolve) => jvm.once("exit", (code) => resolve(code)));
      const guard = await guardJvm({ ownerPid: process.pid, jvmPid: jvm.pid!, runDir: runDir.path, startedAt: new Date().toISOString() }, jvm);
      const stopThis = async () => {
        await stopJvm(jvm, exited);
        guard.release();
      };
      try {
        await waitUntilReady(jvm, follower, [files.serverLog, files.stdout]);
      } catch (error) {
        await stopThis();
        throw error;
      }
      return stopThis;
    };

    await format();
    let stopJvmNow = await launch();
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await stopJvmNow();
        await archive.settle();
        await runDir.remove();
      })());
    return {
      bootstrapServers: [`127.0.0.1:${clientPort}`],
      kafkaVersion: options.version,
      mode: "native",
      stop,
      [Symbol.asyncDispose]: stop,
      async restart({ freshStorage = false } = {}) {
        await stopJvmNow();
        if (freshStorage) {
          await rm(join(runDir.path, "data"), { recursive: true, force: true });
          await format();
        }
        stopJvmNow = await launch();
      },
    };
  } catch (error) {
    await archive.discard();
    await runDir.remove();
    throw error;
  }
}

async function waitUntilReady(jvm: ChildProcess, follower: LogFollower, logs: string[]): Promise<void> {
  let ready = false;
  try {
    await waitFor(
      "the Kafka broker to log that it started",
      async () => {
        if ((await follower.readNew()).includes(READY_LINE)) return (ready = true);
        if (jvm.exitCode !== null || jvm.signalCode !== null) return false;
        return undefined;
      },
      { timeoutMs: READY_TIMEOUT_MS, intervalMs: 50 },
    );
  } catch {
    // fall through to the error below, with the log tail
  }
  if (ready) return;
  const how = jvm.exitCode !== null ? `exited with code ${jvm.exitCode}` : `was not ready after ${READY_TIMEOUT_MS / 1000} s`;
  throw new BrokerError(
    `The Kafka broker ${how}.\n${await logTails(logs)}`,
    "The broker's log above says why; a port clash or a bad setting are the usual causes.",
  );
}

/** SIGTERM lets Kafka shut down cleanly; SIGKILL if it has not within the timeout. */
async function stopJvm(jvm: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (jvm.exitCode !== null || jvm.signalCode !== null) return;
  signalOwnGroup(jvm, "SIGTERM");
  const timer = setTimeout(() => signalOwnGroup(jvm, "SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
