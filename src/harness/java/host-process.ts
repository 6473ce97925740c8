import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import { basename, delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { classArchive, type ClassArchive } from "../../broker/native/class-archive.js";
import { runCommand } from "../../broker/native/run-command.js";

/** The Java program that hosts Kafka's consumers; see its opening comment. */
export const HOST_SOURCE = fileURLToPath(new URL("./ConsumerHost.java", import.meta.url));

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

/**
 * Compiles the host once into a jar in the Kafka version's cache folder, named after the
 * source's hash and the Java major version, so every later JVM starts without
 * the source launcher's compile (seconds on a busy machine). Concurrent first
 * runs each compile into a folder of their own; the first rename wins.
 */
export async function compiledHost(java: string, javaMajor: number, libs: string, env: NodeJS.ProcessEnv): Promise<string> {
  const hash = createHash("sha256").update(readFileSync(HOST_SOURCE)).digest("hex").slice(0, 12);
  const classes = join(dirname(libs), `consumer-host-${hash}-java${javaMajor}`);
  const jar = join(classes, "consumer-host.jar");
  if (existsSync(jar)) return jar;
  const work = await mkdtemp(`${classes}.partial-`);
  try {
    // javac through the same runtime (the jdk.compiler module), as the source launcher would use.
    // Spelled out: the launcher expands "libs/*" for a JVM's class path, but javac run as a module does not.
    const jars = readdirSync(libs).filter((name) => name.endsWith(".jar")).map((name) => join(libs, name));
    const args = ["--module", "jdk.compiler/com.sun.tools.javac.Main", "-nowarn", "-d", join(work, "classes"), "-cp", jars.join(delimiter), HOST_SOURCE];
    let result = await runCommand(java, args, { env });
    // In a jar, not a folder: a class-data archive can only be made of classes from jars.
    if (result.code === 0) result = await runCommand(java, ["--module", "jdk.jartool/sun.tools.jar.Main", "cf", join(work, "consumer-host.jar"), "-C", join(work, "classes"), "."], { env });
    if (result.code !== 0) {
      throw new Error(
        `The Java consumer host (ConsumerHost.java) did not compile:\n${(result.stderr + result.stdout).trim().slice(-STDERR_KEPT)}\n` +
          "  → It compiles with the JDK's own compiler (jdk.compiler); install a full JDK (Debian/Ubuntu: openjdk-17-jdk-headless).",
      );
    }
    await rm(join(work, "classes"), { recursive: true, force: true });
    await rename(work, classes).catch(() => undefined);
    return jar;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
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
  private readonly killOnExit = () => this.child.kill("SIGKILL");
  readonly exited: Promise<void>;
  readonly child: ChildProcessWithoutNullStreams;

  constructor(location: HostLocation, mode: "serve" | "stdio", env: NodeJS.ProcessEnv) {
    // Named after the compiled host's folder (its source's hash): an archive of another build of it would not map.
    this.archive = classArchive(location.libs, `${basename(dirname(location.classes))}-classes`, location.javaMajor);
    const classPath = [location.classes, join(location.libs, "*")].join(delimiter);
    this.child = spawn(location.java, [...JVM_OPTIONS, ...this.archive.options, "-cp", classPath, "ConsumerHost", mode], { env, stdio: ["pipe", "pipe", "pipe"] });
    process.once("exit", this.killOnExit);
    this.exited = new Promise((resolve) => this.child.once("close", () => resolve()));
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT)));
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
    await this.archive.settle();
  }
}
