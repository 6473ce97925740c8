import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { ToolchainError } from "../../errors.js";
import { isAlive } from "./process-guard.js";
import { runCommand, tailLines } from "./run-command.js";
import { noteJvmStart } from "./jvm-starts.js";

/** Where resolved jars live: one folder per Kafka version, outside the repo, kept across runs. */
export function kafkaJarsDir(version: string, env: NodeJS.ProcessEnv): string {
  const cacheHome = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
  return join(cacheHome, "kafka-consumer-group-proofs", `kafka-${version}`, "libs");
}

/**
 * The broker (`kafka_2.13`, which also holds the storage tool) and `kafka-tools`
 * (the consumer-groups command), with their runtime dependencies.
 */
export function runtimePom(version: string, extra: { groupId: string; artifactId: string; version: string }[] = []): string {
  const dependencies = [{ groupId: "org.apache.kafka", artifactId: "kafka_2.13", version }, { groupId: "org.apache.kafka", artifactId: "kafka-tools", version }, ...extra]
    .map((d) => `    <dependency><groupId>${d.groupId}</groupId><artifactId>${d.artifactId}</artifactId><version>${d.version}</version></dependency>`)
    .join("\n");
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kafka-consumer-group-proofs</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
${dependencies}
  </dependencies>
</project>
`;
}

/**
 * Kafka logs through SLF4J but ships no binding in its Maven dependencies (the
 * distribution adds one). Pick the log4j2 bridge that matches the SLF4J API and
 * the log4j-core the release brought, so the broker's own log is written.
 */
export function loggingBinding(jarNames: readonly string[]): { groupId: string; artifactId: string; version: string } | undefined {
  const log4j = jarNames.map((name) => /^log4j-core-(.+)\.jar$/.exec(name)?.[1]).find(Boolean);
  const slf4j = jarNames.map((name) => /^slf4j-api-(\d+)\..+\.jar$/.exec(name)?.[1]).find(Boolean);
  if (!log4j || !slf4j) return undefined;
  const artifactId = slf4j === "1" ? "log4j-slf4j-impl" : "log4j-slf4j2-impl";
  if (jarNames.some((name) => name.startsWith(`${artifactId}-`))) return undefined;
  return { groupId: "org.apache.logging.log4j", artifactId, version: log4j };
}

export interface ResolveOptions {
  version: string;
  env: NodeJS.ProcessEnv;
  /** Extra arguments for mvn (a settings file, a local repository). */
  mavenArgs?: readonly string[];
  /** Called with a short status line while downloading. */
  onProgress?: (message: string) => void;
}

/**
 * The cached jars for a version, resolving them with Maven the first time.
 *
 * Runs at the same time may share the cache: each resolves into a folder of its
 * own and renames it into place in one step, so a run sees either no jars or all
 * of them. The first rename wins; a run that loses uses the winner's jars (which
 * may already be in use) and removes only its own folder.
 */
export async function ensureKafkaJars(options: ResolveOptions): Promise<string> {
  const libs = kafkaJarsDir(options.version, options.env);
  if (isComplete(libs)) return libs;

  await mkdir(dirname(libs), { recursive: true });
  await removeAbandoned(libs);
  // Beside its destination, so the rename stays on one file system.
  const work = await mkdtemp(`${libs}${PARTIAL}${process.pid}-`);
  try {
    options.onProgress?.(`Resolving Apache Kafka ${options.version} from Maven Central into ${libs} (first run only)`);
    await copyDependencies(options, work, runtimePom(options.version));
    const binding = loggingBinding(await readdir(join(work, "libs")));
    if (binding) await copyDependencies(options, work, runtimePom(options.version, [binding]));
    await writeFile(join(work, "libs", COMPLETE), `${new Date().toISOString()}\n`);
    await installInto(libs, join(work, "libs"), options.version);
    options.onProgress?.(`Apache Kafka ${options.version} jars cached`);
    return libs;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Written last into a resolved folder: a folder without it is not a cache. */
const COMPLETE = ".complete";
/** Each run's own resolving folder: `<libs>.partial-<pid>-<random>`. */
const PARTIAL = ".partial-";

function isComplete(libs: string): boolean {
  return existsSync(join(libs, COMPLETE));
}

/** Moves a resolved folder into place, unless another run's is there already. */
async function installInto(libs: string, resolved: string, version: string): Promise<void> {
  try {
    await rename(resolved, libs);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Another run installed the same release first (a rename onto a full folder fails).
    if ((code === "ENOTEMPTY" || code === "EEXIST") && isComplete(libs)) return;
    if (code === "ENOTEMPTY" || code === "EEXIST") {
      throw new ToolchainError(
        `The jar cache ${libs} exists but is incomplete (it has no ${COMPLETE} file), so Apache Kafka ${version}'s jars could not be put there.`,
        `Nothing in this project writes such a folder; remove it (rm -r "${libs}") and run again.`,
        { cause: error },
      );
    }
    throw new ToolchainError(
      `Apache Kafka ${version}'s jars were resolved but could not be moved into the cache ${libs}: ${(error as Error).message}`,
      `Check that ${dirname(libs)} is writable and has space, then run again.`,
      { cause: error },
    );
  }
}

/** Resolving folders whose run died before removing them (kill -9 during a download). */
async function removeAbandoned(libs: string): Promise<void> {
  const prefix = `${basename(libs)}${PARTIAL}`;
  for (const name of await readdir(dirname(libs)).catch(() => [] as string[])) {
    const owner = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (owner !== undefined && !isAlive(Number(owner))) await rm(join(dirname(libs), name), { recursive: true, force: true });
  }
}

async function copyDependencies(options: ResolveOptions, work: string, pom: string): Promise<void> {
  const mvn = options.env.MVN || "mvn";
  await writeFile(join(work, "pom.xml"), pom);
  let downloads = 0;
  const args = ["-B", ...(options.mavenArgs ?? []), "dependency:copy-dependencies", "-DincludeScope=runtime", "-DoutputDirectory=libs"];
  let result;
  try {
    noteJvmStart("maven", options.env);
    result = await runCommand(mvn, args, {
      cwd: work,
      env: options.env,
      onLine: (line) => {
        if (!line.includes("Downloaded from")) return;
        downloads += 1;
        if (downloads % 20 === 0) options.onProgress?.(`  ${downloads} files downloaded`);
      },
    });
  } catch (error) {
    throw new ToolchainError(
      `Maven was not found (tried "${mvn}"); it is needed once to fetch Apache Kafka ${options.version} from Maven Central.`,
      "Install Maven (Debian/Ubuntu: apt-get install maven) or set MVN to its path; or run with Docker (KAFKA_MODE=container).",
      { cause: error },
    );
  }
  if (result.code !== 0) throw mavenFailure(options.version, result.stdout + result.stderr);
}

/** Turns Maven's failure output into an error that says which of the usual causes it was. */
export function mavenFailure(version: string, output: string): ToolchainError {
  const errors = tailLines(
    output
      .split("\n")
      .filter((line) => line.includes("[ERROR]"))
      .join("\n"),
    4,
  ).join("\n    ");
  const detail = errors ? `\n    ${errors}` : "";
  if (/Could not find artifact org\.apache\.kafka:kafka_2\.13/.test(output)) {
    return new ToolchainError(
      `Apache Kafka ${version} is not published on Maven Central (org.apache.kafka:kafka_2.13:${version}).${detail}`,
      "Set KAFKA_VERSION to a released version, or unset it to run the pinned one.",
    );
  }
  return new ToolchainError(
    `Maven could not download Apache Kafka ${version}, and no cached copy exists.${detail}`,
    "Check that Maven Central (or the mirror in ~/.m2/settings.xml) is reachable, then run again; the jars are cached after one success.",
  );
}
