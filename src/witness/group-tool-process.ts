import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { classArchive, type ClassArchive } from "../broker/native/class-archive.js";
import { compiledArchiveName } from "../broker/native/compiled-java.js";
import { brokerToAsk } from "./broker-choice.js";
import { deferred, type Deferred } from "./deferred.js";
import { killedWithParent } from "./parent-death-signal.js";
import {
  CLOSE_LINE,
  endOfAnswer,
  READY_LINE,
  readAnswer,
  readResetAnswer,
  requestLine,
  resetRequestLine,
  unanswered,
  type GroupKind,
  type ToolAnswer,
  type ToolDryRun,
} from "./server-protocol.js";
import { noteJvmStart } from "../broker/native/jvm-starts.js";

/** The single-file Java program, compiled once (see `compiledJava`) or run by the source launcher; see its opening comment. */
export const SERVER_SOURCE = fileURLToPath(new URL("./GroupToolServer.java", import.meta.url));

/**
 * A small heap and the client compiler, as for the broker: the server answers a few dozen requests,
 * and C1-only compilation halves its start on two cores. JVM warnings go to stderr: stdout carries the answers.
 */
const JVM_OPTIONS = ["-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr"];
/** Covers compiling the source and a first connection on a loaded machine. */
const READY_TIMEOUT_MS = 60_000;
/** A live broker answers in well under a second; one that is down keeps the tool waiting about 35 s, and that request fails alone. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** A first run writes the class archive as it exits, which takes a few seconds. */
const CLOSE_TIMEOUT_MS = 20_000;
const STDERR_KEPT = 4_000;

export interface GroupToolProcessOptions {
  java: string;
  javaMajor: number;
  /** Folder of Kafka's jars (with kafka-tools). */
  libs: string;
  /** The server compiled into a jar (`compiledJava`); without it the source launcher compiles it at every start. */
  jar?: string;
  bootstrapServers: readonly string[];
  env: NodeJS.ProcessEnv;
  /** How long one request may take before it fails (default REQUEST_TIMEOUT_MS); the server goes on. */
  requestTimeoutMs?: number;
}

/**
 * Owns one GroupToolServer JVM and puts requests to it; it answers them side by side.
 *
 * The JVM cannot outlive its owner. On Linux the kernel kills it the moment its
 * owner ends, however that happens (`kill -9` included), even while it starts
 * (see parent-death-signal.ts). Everywhere, it halts when its stdin closes, which
 * the OS does when the owner ends; a normal exit of the owner kills it, even if
 * nobody called close(). Ctrl-C reaches it too, as it stays in the terminal's process group.
 */
export class GroupToolProcess implements AsyncDisposable {
  /** Resolves with the milliseconds from spawn to `@@ ready`; rejects if the server never got there. */
  readonly ready: Promise<number>;
  private readonly startup = deferred<number>();
  private readonly startedAt = Date.now();
  private readonly readyTimer: NodeJS.Timeout;
  private readonly exited: Promise<void>;
  private readonly killOnExit = () => this.child.kill("SIGKILL");
  private isReady = false;
  private partialLine = "";
  private answerLines: string[] = [];
  private nextId = 1;
  /** Requests written and not yet answered, by id; one that timed out is dropped, and its late answer with it. */
  private readonly pending = new Map<number, Deferred<string>>();
  private stderr = "";
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly archive: ClassArchive,
    private readonly bootstrapServers: readonly string[],
    private readonly requestTimeoutMs: number,
  ) {
    this.ready = this.startup.promise;
    // Nobody may ever ask; a failed start must not become an unhandled rejection.
    this.ready.catch(() => undefined);
    this.readyTimer = setTimeout(() => this.fail(`it was not ready after ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    process.once("exit", this.killOnExit);
    this.exited = new Promise((resolve) => child.once("close", () => resolve()));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => this.read(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT)));
    // EPIPE when the JVM died first; its exit is reported below, with its stderr.
    child.stdin.on("error", () => undefined);
    child.on("error", (error) => this.fail(`it could not be started (${error.message})`));
    child.on("exit", (code, signal) => {
      if (!this.closing) this.fail(`it exited (${signal ?? `code ${code}`})`);
    });
  }

  /** Spawns the JVM and returns at once; the first request waits until it is ready. */
  static start(options: GroupToolProcessOptions): GroupToolProcess {
    const archive = classArchive(options.libs, options.jar ? compiledArchiveName(options.jar) : "group-tool-classes", options.javaMajor);
    const program = options.jar ? ["-cp", `${options.jar}${delimiter}${join(options.libs, "*")}`, "GroupToolServer"] : ["-cp", join(options.libs, "*"), SERVER_SOURCE];
    const jvm = killedWithParent(options.java, [...JVM_OPTIONS, ...archive.options, ...program, options.bootstrapServers.join(",")]);
    noteJvmStart("group-tool", options.env);
    const child = spawn(jvm.command, jvm.args, { env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    return new GroupToolProcess(child, archive, options.bootstrapServers, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * `kafka-consumer-groups --describe` for each group, on the broker it was started
   * for, or another of the run's (see `brokerToAsk`; others are refused with a
   * RefusedRequest). Fails alone if it takes longer than the request time limit.
   */
  async describe(
    groupIds: readonly string[],
    bootstrapServers: readonly string[] = [],
    kind: GroupKind = "consumer",
    clientProperties: Readonly<Record<string, string>> = {},
  ): Promise<ToolAnswer> {
    const servers = brokerToAsk(bootstrapServers, this.bootstrapServers);
    const id = this.nextId++;
    const line = requestLine(id, groupIds, servers, kind, clientProperties);
    return readAnswer(
      groupIds,
      await this.ask(id, line, () => unanswered(groupIds, servers.length === 0 ? this.bootstrapServers : servers, servers.length === 0, this.requestTimeoutMs)),
      kind,
    );
  }

  /**
   * `kafka-consumer-groups --reset-offsets --dry-run <args>` for each run, in this one JVM: what the tool would set,
   * as its table of new offsets. Nothing is reset.
   */
  async dryRunResets(
    runs: readonly (readonly string[])[],
    bootstrapServers: readonly string[] = [],
    clientProperties: Readonly<Record<string, string>> = {},
  ): Promise<ToolDryRun[]> {
    const servers = brokerToAsk(bootstrapServers, this.bootstrapServers);
    const id = this.nextId++;
    const line = resetRequestLine(id, runs, servers, clientProperties);
    const broker = servers.length === 0 ? this.bootstrapServers : servers;
    return readResetAnswer(
      runs,
      await this.ask(
        id,
        line,
        () => new Error(`Kafka's consumer-groups tool gave no answer to ${runs.length} dry run(s) of a reset within ${this.requestTimeoutMs / 1000} s, asking ${broker.join(",")}`),
      ),
    );
  }

  /** Sends one request line and waits for its whole answer, or fails alone after the request time limit. */
  private async ask(id: number, line: string, timedOut: () => Error): Promise<string> {
    await this.ready;
    if (this.failure) throw this.failure;
    const answer = deferred<string>();
    this.pending.set(id, answer);
    const timer = setTimeout(() => {
      this.pending.delete(id);
      answer.reject(timedOut());
    }, this.requestTimeoutMs);
    this.child.stdin.write(line);
    try {
      return await answer.promise;
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }

  private read(chunk: string): void {
    const lines = (this.partialLine + chunk).split("\n");
    this.partialLine = lines.pop() ?? "";
    for (const line of lines) this.onLine(line);
  }

  private onLine(line: string): void {
    if (!this.isReady) {
      // Anything before the ready line is the JVM's, not an answer.
      if (line !== READY_LINE) return;
      this.isReady = true;
      clearTimeout(this.readyTimer);
      this.startup.resolve(Date.now() - this.startedAt);
      return;
    }
    const id = endOfAnswer(line);
    if (id === undefined) {
      this.answerLines.push(line);
      return;
    }
    // Each answer comes whole, so the lines since the last end are this one's.
    const answer = this.answerLines.join("\n");
    this.answerLines = [];
    this.pending.get(id)?.resolve(answer);
  }

  /** The server stopped or never started: it is killed, and every request fails with the reason. */
  private fail(what: string): void {
    if (this.failure || this.closing) return;
    const stderr = this.stderr.trim();
    const hint = this.isReady
      ? "It had been answering; its stderr, if shown above, says why it stopped."
      : "It runs from the cached Kafka jars with Java's source launcher, which needs a full JDK " +
        "(the jdk.compiler module; Debian/Ubuntu: openjdk-17-jdk-headless). Its stderr, if shown above, says what else went wrong.";
    this.failure = new Error(`Kafka's consumer-groups tool server (GroupToolServer.java) stopped: ${what}.${stderr ? `\n--- its stderr\n${stderr}` : ""}\n  → ${hint}`);
    clearTimeout(this.readyTimer);
    this.startup.reject(this.failure);
    this.rejectPending(this.failure);
    this.child.kill("SIGKILL");
  }

  private rejectPending(reason: Error): void {
    for (const answer of this.pending.values()) answer.reject(reason);
    this.pending.clear();
  }

  /**
   * Ends the server: `@@ close` lets it exit cleanly (and write the class archive);
   * SIGKILL if it has not in time. One not yet ready has answered nothing and has
   * nothing to finish: it is killed at once, not waited for while it starts.
   */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      clearTimeout(this.readyTimer);
      const closed = new Error("Kafka's consumer-groups tool server was closed; it answers no more requests.");
      this.startup.reject(closed);
      this.rejectPending(closed);
      this.failure ??= closed;
      this.child.stdin.end(CLOSE_LINE);
      if (!this.isReady) this.child.kill("SIGKILL");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), CLOSE_TIMEOUT_MS);
      const running = this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
      if (running) await this.exited;
      clearTimeout(timer);
      process.removeListener("exit", this.killOnExit);
      await this.archive.settle();
    })());
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
