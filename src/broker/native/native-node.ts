import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BrokerError } from "../../errors.js";
import { waitFor } from "../../harness/wait.js";
import type { KafkaLine } from "../../kafka-version.js";
import { brokerLogging, LogFollower, READY_LINE, logTails } from "./broker-log.js";
import { createRunDir, guardJvm, runMark, signalOwnGroup, type RunDir } from "./process-guard.js";
import { runCommand } from "./run-command.js";
import { noteJvmStart } from "./jvm-starts.js";
import { StorageTemplate } from "./storage-template.js";

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** What every node of a run starts from: the Java runtime, Kafka's jars, and the JVM's options. */
export interface NodeRuntime {
  java: string;
  libs: string;
  line: KafkaLine;
  /** Heap, GC and compiler options. */
  jvmOptions: readonly string[];
  /** Class-data archive options for this node's JVM (see `classArchive`); empty for none. */
  archiveOptions: readonly string[];
}

/**
 * One KRaft node's JVM and its run folder (config, data, logs), guarded so that
 * it never outlives its owner (see `guardJvm`). The folder is the node's own, so
 * each JVM of a cluster has its own pid file, watchdog and leftover reaping.
 */
export class NativeNode {
  private jvm: { process: ChildProcess; exited: Promise<number | null>; release: () => void } | undefined;
  private follower: LogFollower | undefined;
  /** Stopped with SIGSTOP: it holds its sockets open and answers nothing until SIGCONT. */
  private paused = false;

  private constructor(
    readonly nodeId: number,
    private readonly runtime: NodeRuntime,
    private readonly runDir: RunDir,
    private readonly files: { properties: string; serverLog: string; stdout: string },
    private readonly javaArgs: readonly string[],
  ) {}

  /** Makes the run folder and writes the node's configuration; `properties` is given the data folder. */
  static async create(nodeId: number, runtime: NodeRuntime, properties: (logDir: string) => string): Promise<NativeNode> {
    const runDir = await createRunDir();
    try {
      const logs = join(runDir.path, "logs");
      const logging = brokerLogging(runtime.line, join(logs, "server.log"));
      const files = { properties: join(runDir.path, "server.properties"), serverLog: join(logs, "server.log"), stdout: join(logs, "stdout.log") };
      await mkdir(logs);
      await writeFile(join(runDir.path, logging.fileName), logging.text);
      await writeFile(files.properties, properties(join(runDir.path, "data")));
      const javaArgs = [...runtime.jvmOptions, logging.option(join(runDir.path, logging.fileName)), `-Dkafka.logs.dir=${logs}`, "-cp", join(runtime.libs, "*")];
      return new NativeNode(nodeId, runtime, runDir, files, javaArgs);
    } catch (error) {
      await runDir.remove();
      throw error;
    }
  }

  get pid(): number | undefined {
    return this.jvm?.process.pid;
  }

  /** Whether its JVM is running (launched, and not yet seen to exit). */
  get isRunning(): boolean {
    const jvm = this.jvm?.process;
    return jvm !== undefined && jvm.exitCode === null && jvm.signalCode === null;
  }

  /**
   * Formats the node's storage: a copy of the release's template (see `StorageTemplate`) where there is one and
   * nothing is added, else with Kafka's storage tool; `extraArgs` add to its `format` command (SCRAM users).
   */
  async format(clusterId: string, extraArgs: readonly string[] = []): Promise<void> {
    const template = extraArgs.length === 0 ? StorageTemplate.besideLibs(this.runtime.libs) : undefined;
    const data = join(this.runDir.path, "data");
    if (template && (await template.exists())) return template.copyTo(data, this.nodeId, clusterId);
    await this.formatWithTool(clusterId, extraArgs);
    await template?.keep(data);
  }

  private async formatWithTool(clusterId: string, extraArgs: readonly string[]): Promise<void> {
    // Only an existing archive is read here: the storage tool's short run must not be the one that writes it.
    const shared = this.runtime.archiveOptions.filter((option) => option.startsWith("-XX:SharedArchiveFile"));
    const args = [...this.javaArgs, ...shared, "kafka.tools.StorageTool", "format", `--cluster-id=${clusterId}`, "-c", this.files.properties, ...extraArgs];
    noteJvmStart("storage-format");
    const result = await runCommand(this.runtime.java, args);
    if (result.code !== 0) {
      throw new BrokerError(
        `Formatting node ${this.nodeId}'s storage failed (exit ${result.code}):\n${(result.stderr + result.stdout).trim().slice(-2000)}`,
        "Check the broker settings above; the storage tool is Kafka's own (kafka.tools.StorageTool).",
      );
    }
  }

  /** Removes the node's data, for a fresh `format`. */
  async wipeData(): Promise<void> {
    await rm(join(this.runDir.path, "data"), { recursive: true, force: true });
  }

  /** Starts the JVM and guards it; does not wait for it to be ready (see `waitUntilReady`). */
  async launch(): Promise<void> {
    if (this.isRunning) throw new Error(`node ${this.nodeId} is already running`);
    this.follower = new LogFollower(this.files.serverLog);
    await this.follower.skipExisting();
    const out = await open(this.files.stdout, "a");
    // Detached: the JVM leads its own process group, so Ctrl-C in the terminal reaches
    // the owner (which stops it in order) and stopping kills the whole group.
    noteJvmStart("broker");
    const jvm = spawn(this.runtime.java, [...this.javaArgs, ...this.runtime.archiveOptions, runMark(this.runDir.path), "kafka.Kafka", this.files.properties], {
      detached: true,
      stdio: ["ignore", out.fd, out.fd],
    });
    await out.close();
    const exited = new Promise<number | null>((resolve) => jvm.once("exit", (code) => resolve(code)));
    const guard = await guardJvm({ ownerPid: process.pid, jvmPid: jvm.pid!, runDir: this.runDir.path, startedAt: new Date().toISOString() }, jvm);
    this.jvm = { process: jvm, exited, release: () => guard.release() };
  }

  /** Waits for the node to log that it started; a node that exits or takes too long is stopped, with its log in the error. */
  async waitUntilReady(timeoutMs = READY_TIMEOUT_MS): Promise<void> {
    const jvm = this.jvm?.process;
    const follower = this.follower;
    if (!jvm || !follower) throw new Error(`node ${this.nodeId} was not launched`);
    let ready = false;
    try {
      await waitFor(
        `Kafka node ${this.nodeId} to log that it started`,
        async () => {
          if ((await follower.readNew()).includes(READY_LINE)) return (ready = true);
          return this.isRunning ? undefined : false;
        },
        { timeoutMs, intervalMs: 50 },
      );
    } catch {
      // fall through to the error below, with the log tail
    }
    if (ready) return;
    const how = jvm.exitCode !== null ? `exited with code ${jvm.exitCode}` : `was not ready after ${timeoutMs / 1000} s`;
    const logs = await logTails([this.files.serverLog, this.files.stdout]);
    await this.stop();
    throw new BrokerError(`The Kafka broker ${how} (node ${this.nodeId}).\n${logs}`, "The broker's log above says why; a port clash or a bad setting are the usual causes.");
  }

  /** SIGSTOP of the JVM's process group: a long stall (a GC pause, a frozen VM), invisible to its peers but as silence. */
  pause(): void {
    const jvm = this.jvm;
    if (!jvm || !this.isRunning) throw new Error(`node ${this.nodeId} is not running, so it cannot be paused`);
    if (signalOwnGroup(jvm.process, "SIGSTOP")) this.paused = true;
  }

  /** SIGCONT: the node carries on from where it stopped, its clocks suddenly late. */
  resume(): void {
    const jvm = this.jvm;
    if (jvm && this.paused) signalOwnGroup(jvm.process, "SIGCONT");
    this.paused = false;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** SIGTERM lets Kafka shut down cleanly; SIGKILL if it has not within the timeout. */
  async stop(): Promise<void> {
    await this.end("SIGTERM");
  }

  /** `kill -9` of the JVM: no shutdown, no goodbye to the rest of the cluster, as a crash or a pulled plug. */
  async kill(): Promise<void> {
    await this.end("SIGKILL");
  }

  private async end(signal: "SIGTERM" | "SIGKILL"): Promise<void> {
    const jvm = this.jvm;
    if (!jvm) return;
    if (this.isRunning) {
      // A stopped JVM would hold a SIGTERM until it is continued, and stop only at the SIGKILL ten seconds later.
      if (this.paused && signal === "SIGTERM") signalOwnGroup(jvm.process, "SIGCONT");
      signalOwnGroup(jvm.process, signal);
      const timer = setTimeout(() => signalOwnGroup(jvm.process, "SIGKILL"), STOP_TIMEOUT_MS);
      await jvm.exited;
      clearTimeout(timer);
    }
    jvm.release();
    this.jvm = undefined;
    this.paused = false;
  }

  /** Stops the JVM if it runs and removes the run folder. */
  async remove(): Promise<void> {
    await this.stop();
    await this.runDir.remove();
  }
}
