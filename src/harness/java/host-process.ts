import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { classArchive, type ClassArchive } from "../../broker/native/class-archive.js";
import { compiledArchiveName, compiledJava } from "../../broker/native/compiled-java.js";
import { noteJvmStart } from "../../broker/native/jvm-starts.js";

/** The Java program that hosts Kafka's consumers (see ConsumerHost.java's opening comment), and its share-group members. */
export const HOST_SOURCES = ["./ConsumerHost.java", "./ShareMember.java", "./BulkProducer.java", "./SeverableSelectorProvider.java"].map((file) =>
  fileURLToPath(new URL(file, import.meta.url)),
);

/** As for the consumer-groups tool's server: a small heap, the client compiler, JVM warnings on stderr. */
const JVM_OPTIONS = ["-Xms32m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr"];
/** Covers a JVM start and a first connection on a loaded machine. */
const READY_TIMEOUT_MS = 60_000;
const STDERR_KEPT = 4_000;

/** Where the host runs from: a Java runtime, Kafka's cached jars, and the host compiled beside them. */
export interface HostLocation {
  java: string;
  javaMajor: number;
  libs: string;
  /** The compiled host's jar. */
  classes: string;
}

/** The host compiled once into a jar beside Kafka's cached jars (see `compiledJava`). */
export function compiledHost(java: string, javaMajor: number, libs: string, env: NodeJS.ProcessEnv): Promise<string> {
  return compiledJava({ sources: HOST_SOURCES, java, javaMajor, libs, env });
}

/**
 * A host JVM: `serve` for the run's shared host (a loopback port), `stdio` for a
 * consumer that lives and dies with a JVM of its own. It exits when its stdin
 * closes, however its owner ends; a normal exit of the owner kills it too.
 */
export class HostProcess {
  /** Resolves with the text after "@@ ready" (the port, for `serve`). */
  readonly ready: Promise<string>;
  /** Called by whoever reads stdout, with the text after "@@ ready". */
  onReady: (rest: string) => void = () => undefined;
  private stderr = "";
  private readonly archive: ClassArchive;
  /** Set when the JVM said, on its way out, that it served nothing (see ConsumerHost.java): its class archive would be of its start alone. */
  private idle = false;
  private readonly killOnExit = () => this.child.kill("SIGKILL");
  readonly exited: Promise<void>;
  readonly child: ChildProcessWithoutNullStreams;

  /** `severable`: its connections can be cut (`sever`, `restore`), through SeverableSelectorProvider.java. */
  constructor(location: HostLocation, mode: "serve" | "stdio", env: NodeJS.ProcessEnv, severable = false) {
    // Named after the compiled host's folder (its source's hash): an archive of another build of it would not map.
    this.archive = classArchive(location.libs, compiledArchiveName(location.classes), location.javaMajor);
    const classPath = [location.classes, join(location.libs, "*")].join(delimiter);
    noteJvmStart(mode === "serve" ? "consumer-host" : "consumer-own", env);
    const cuttable = severable ? ["-Djava.nio.channels.spi.SelectorProvider=SeverableSelectorProvider", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"] : [];
    this.child = spawn(location.java, [...JVM_OPTIONS, ...cuttable, ...this.archive.options, "-cp", classPath, "ConsumerHost", mode], { env, stdio: ["pipe", "pipe", "pipe"] });
    process.once("exit", this.killOnExit);
    this.exited = new Promise((resolve) => this.child.once("close", () => resolve()));
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT)));
    this.child.stdout.on("data", (chunk: Buffer | string) => {
      if (String(chunk).includes("@@ idle")) this.idle = true;
    });
    this.child.stdin.on("error", () => undefined);
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(this.failure(`it was not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      this.child.once("error", (error) => reject(this.failure(`it could not be started (${error.message})`)));
      this.child.once("exit", (code, signal) => reject(this.failure(`it exited (${signal ?? `code ${code}`}) before it was ready`)));
      this.onReady = (rest) => {
        clearTimeout(timer);
        resolve(rest);
      };
    });
    this.ready.catch(() => this.child.kill("SIGKILL"));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The JVM's own last words, for an error message. */
  failure(what: string): Error {
    const stderr = this.stderr.trim();
    return new Error(`The Java consumer host stopped: ${what}.${stderr ? `\n--- its stderr\n${stderr}` : ""}`);
  }

  /** Kills it at once, as a crash would: its consumers send nothing more. */
  async kill(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
    await this.settle();
  }

  /** Ends it by closing stdin; SIGKILL if it has not exited in time. */
  async close(timeoutMs = 20_000): Promise<void> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    if (this.child.exitCode === null && this.child.signalCode === null) await this.exited;
    clearTimeout(timer);
    await this.settle();
  }

  private async settle(): Promise<void> {
    process.removeListener("exit", this.killOnExit);
    // An archive written by a host that served nothing holds only the classes of its start: every later start
    // would map it and load the consumers' classes without it, slower for good. The next host that works writes one.
    await (this.idle ? this.archive.discard() : this.archive.settle());
  }
}
