import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { END_LINE, READY_LINE, readAnswer, requestLine, type ToolAnswer } from "./server-protocol.js";
import { classArchive, type ClassArchive } from "../broker/native/class-archive.js";

/** The single-file Java program, run by the source launcher; see its opening comment. */
export const SERVER_SOURCE = fileURLToPath(new URL("./GroupToolServer.java", import.meta.url));

/**
 * A small heap and the client compiler, as for the broker: the server answers a
 * few dozen requests, and C1-only compilation halves its start on two cores.
 * JVM warnings go to stderr, because stdout carries the answers.
 */
const JVM_OPTIONS = ["-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr"];
/** Covers compiling the source and a first connection on a loaded machine. */
const READY_TIMEOUT_MS = 60_000;
/** The tool's own calls give up after 5 s (its --timeout-ms default); a request makes a few per group. */
const REQUEST_TIMEOUT_MS = 30_000;
/** A first run writes the class archive as it exits, which takes a few seconds. */
const CLOSE_TIMEOUT_MS = 20_000;
const STDERR_KEPT = 4_000;

export interface GroupToolProcessOptions {
  java: string;
  javaMajor: number;
  /** Folder of Kafka's jars (with kafka-tools). */
  libs: string;
  bootstrapServers: readonly string[];
  env: NodeJS.ProcessEnv;
}

/**
 * Owns one GroupToolServer JVM and puts requests to it one at a time.
 *
 * The JVM cannot outlive its owner: it exits the moment its stdin closes, which
 * the OS does however the owner ends (a crash or `kill -9` included), even while
 * it is starting or answering; a normal exit of the owner also kills it, even if
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
  private pending: Deferred<string> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stderr = "";
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly archive: ClassArchive,
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
    const archive = classArchive(options.libs, "group-tool-classes", options.javaMajor);
    const args = [...JVM_OPTIONS, ...archive.options, "-cp", join(options.libs, "*"), SERVER_SOURCE, options.bootstrapServers.join(",")];
    return new GroupToolProcess(spawn(options.java, args, { env: options.env, stdio: ["pipe", "pipe", "pipe"] }), archive);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * `kafka-consumer-groups --describe` for each group, once the requests before it
   * are answered; on the broker it was started for, unless given another's address.
   */
  describe(groupIds: readonly string[], bootstrapServers: readonly string[] = []): Promise<ToolAnswer> {
    const line = requestLine(groupIds, bootstrapServers);
    const answer = this.queue.then(() => this.ask(line)).then((text) => readAnswer(groupIds, text));
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  private async ask(line: string): Promise<string> {
    await this.ready;
    if (this.failure) throw this.failure;
    const pending = (this.pending = deferred<string>());
    const timer = setTimeout(() => this.fail(`it did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`), REQUEST_TIMEOUT_MS);
    this.child.stdin.write(line);
    try {
      return await pending.promise;
    } finally {
      clearTimeout(timer);
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
    this.answerLines.push(line);
    if (line !== END_LINE) return;
    const answer = this.answerLines.join("\n");
    this.answerLines = [];
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(answer);
  }

  /** After this the server cannot be trusted to answer in order: it is killed, and every request fails with the reason. */
  private fail(what: string): void {
    if (this.failure || this.closing) return;
    const stderr = this.stderr.trim();
    const hint = this.isReady
      ? "It had been answering: the broker it asks may have become unreachable; its stderr, if shown above, says more."
      : "It runs from the cached Kafka jars with Java's source launcher, which needs a full JDK " +
        "(the jdk.compiler module; Debian/Ubuntu: openjdk-17-jdk-headless). Its stderr, if shown above, says what else went wrong.";
    this.failure = new Error(
      `Kafka's consumer-groups tool server (GroupToolServer.java) stopped: ${what}.${stderr ? `\n--- its stderr\n${stderr}` : ""}\n  → ${hint}`,
    );
    clearTimeout(this.readyTimer);
    this.startup.reject(this.failure);
    this.pending?.reject(this.failure);
    this.pending = undefined;
    this.child.kill("SIGKILL");
  }

  /** Ends the server: closing stdin lets it exit (and write the class archive); SIGKILL if it has not in time. */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      clearTimeout(this.readyTimer);
      const closed = new Error("Kafka's consumer-groups tool server was closed; it answers no more requests.");
      this.startup.reject(closed);
      this.pending?.reject(closed);
      this.failure ??= closed;
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill("SIGKILL"), CLOSE_TIMEOUT_MS);
      const running = this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
      if (running) await this.exited;
      clearTimeout(timer);
      process.removeListener("exit", this.killOnExit);
      await this.archive.settle();
    })());
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
