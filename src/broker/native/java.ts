import { accessSync, constants, readFileSync, realpathSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { ToolchainError } from "../../errors.js";
import { runCommand } from "./run-command.js";
import { noteJvmStart } from "./jvm-starts.js";

/** Kafka 4 brokers need Java 17 (KIP-1013). */
export const MIN_JAVA_MAJOR = 17;

const INSTALL_HINT =
  `Install a Java ${MIN_JAVA_MAJOR}+ runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) ` +
  "and put it on PATH or set JAVA_HOME; or run with Docker (KAFKA_MODE=container) or an existing cluster (KAFKA_BROKERS).";

/** `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` from PATH. */
export function javaExecutable(env: NodeJS.ProcessEnv): string {
  return env.JAVA_HOME ? join(env.JAVA_HOME, "bin", "java") : "java";
}

/**
 * The major version from `java -version` output: `openjdk version "17.0.15"` → 17,
 * `java version "1.8.0_392"` → 8. Undefined when the text has no version.
 */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/**
 * The runtime's full version (its `java.runtime.version`) from `java -version`
 * output: `OpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)` →
 * `17.0.15+6-Debian-1deb12u1`. Two builds of one major version differ here, so
 * it tells a JDK update apart. Falls back to the quoted version.
 */
export function parseJavaBuild(versionOutput: string): string | undefined {
  return /Runtime Environment[^\n(]*\(build ([^)\s]+)\)/.exec(versionOutput)?.[1] ?? /version "([^"]+)"/.exec(versionOutput)?.[1];
}

export interface CheckedJava {
  java: string;
  major: number;
  build: string;
}

/** Runtimes already checked by this process: a run asks for each of its JVMs (broker, tool, host), and the answer does not change. */
const checked = new Map<string, Promise<CheckedJava>>();

/** Checks that `java` runs and is new enough; returns its path, major version and full version. */
export function checkJava(env: NodeJS.ProcessEnv): Promise<CheckedJava> {
  const java = javaExecutable(env);
  // Keyed by the executable and the PATH that finds it; a failed check is not kept, so a fix is seen at once.
  const key = `${java}\0${env.PATH ?? ""}`;
  let check = checked.get(key);
  if (!check) {
    check = runJavaCheck(java, env);
    checked.set(key, check);
    check.catch(() => checked.delete(key));
  }
  return check;
}

/**
 * The major and full version a JDK's `release` file states (`JAVA_VERSION="17.0.15"`,
 * `JAVA_RUNTIME_VERSION="17.0.15+6-Debian-1deb12u1"`); undefined when it states none.
 */
export function parseJavaRelease(releaseFile: string): { major: number; build: string } | undefined {
  const field = (name: string) => new RegExp(`^${name}="([^"]+)"`, "m").exec(releaseFile)?.[1];
  const version = field("JAVA_VERSION");
  const major = version === undefined ? undefined : parseJavaMajor(`version "${version}"`);
  return major === undefined ? undefined : { major, build: field("JAVA_RUNTIME_VERSION") ?? version! };
}

/** The `release` file of the JDK that `java` belongs to (`<jdk>/bin/java` → `<jdk>/release`), if it has one. */
function releaseFileOf(java: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = java.includes("/")
    ? [java]
    : (env.PATH ?? "")
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, java));
  // The first executable found is the one that runs, as with a shell's lookup.
  const found = candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  try {
    return found === undefined ? undefined : readFileSync(join(dirname(dirname(realpathSync(found))), "release"), "utf8");
  } catch {
    return undefined;
  }
}

async function runJavaCheck(java: string, env: NodeJS.ProcessEnv): Promise<CheckedJava> {
  // Read from the JDK's release file where there is one: a JVM start costs a second of CPU, in every process of a run.
  const stated = parseJavaRelease(releaseFileOf(java, env) ?? "");
  if (stated && stated.major >= MIN_JAVA_MAJOR) return { java, ...stated };
  let output: string;
  try {
    noteJvmStart("java-version", env);
    const result = await runCommand(java, ["-version"], { env });
    output = result.stderr + result.stdout;
  } catch (error) {
    throw new ToolchainError(`Java was not found (tried "${java}").`, INSTALL_HINT, { cause: error });
  }
  const major = parseJavaMajor(output);
  if (major === undefined) {
    throw new ToolchainError(`"${java} -version" did not report a version: ${output.trim().slice(0, 200)}`, INSTALL_HINT);
  }
  if (major < MIN_JAVA_MAJOR) {
    throw new ToolchainError(`Java ${major} was found at "${java}", but Apache Kafka 4 needs Java ${MIN_JAVA_MAJOR} or newer.`, INSTALL_HINT);
  }
  return { java, major, build: parseJavaBuild(output) ?? String(major) };
}
