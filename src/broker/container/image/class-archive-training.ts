import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { GenericContainer, getContainerRuntimeClient, Wait, type ContainerRuntimeClient } from "testcontainers";
import { containerConfig, RUN_LABEL } from "../../container-config.js";
import { READY_LINE } from "../../native/broker-log.js";
import { randomClusterId } from "../../native/native-broker.js";
import { engineAddress, watchContainers } from "../container-watchdog.js";
import { removeRunContainers } from "../leftover-containers.js";

/** Where the training broker writes the archive: /tmp is the one folder its user may write. */
const ARCHIVE_IN_CONTAINER = "/tmp/broker.jsa";
/** Kafka's clean shutdown, then writing a ~50 MB archive, on a busy machine. */
const STOP_TIMEOUT_MS = 60_000;

export interface TrainingOptions {
  /** The image without an archive, just imported. */
  image: string;
  version: string;
  env: NodeJS.ProcessEnv;
  /** The folder `broker.jsa` is written to (the image's home in the stage). */
  into: string;
  onProgress?: (message: string) => void;
}

/**
 * Runs the broker once in the new image, as the container provider would, with
 * `-XX:ArchiveClassesAtExit`; stops it cleanly, and takes out the class-data
 * sharing archive it wrote. The archive must come from the image's own JVM and
 * jars, so it cannot be made outside it. Needs an engine that runs containers
 * (podman's service, Docker); without one the image is built without an archive,
 * which only makes its brokers start slower. Returns whether an archive was made.
 */
export async function trainClassArchive(options: TrainingOptions): Promise<boolean> {
  let client: ContainerRuntimeClient;
  try {
    client = await getContainerRuntimeClient();
  } catch {
    options.onProgress?.(
      "No container engine answered (DOCKER_HOST): building without a class archive, so brokers start slower. " +
        "To add it later: podman rmi the image, start podman's service, build again.",
    );
    return false;
  }
  options.onProgress?.("Starting the broker once in the new image to record its class archive");
  const runId = randomBytes(8).toString("hex");
  const config = containerConfig({
    version: options.version,
    env: { ...options.env, KAFKA_IMAGE: options.image },
    // Nothing connects to it: the port only has to be a valid listener.
    port: 9092,
    clusterId: randomClusterId(),
    runId,
  });
  const watchdog = watchContainers(engineAddress(client.container.dockerode.modem), `${RUN_LABEL}=${runId}`);
  try {
    const started = await new GenericContainer(config.image)
      .withEnvironment({ ...config.environment, KAFKA_PROOFS_CLASS_ARCHIVE_AT_EXIT: ARCHIVE_IN_CONTAINER })
      .withLabels(config.labels)
      .withWaitStrategy(Wait.forLogMessage(READY_LINE))
      .withStartupTimeout(120_000)
      .start();
    const stopped = await started.stop({ remove: false, timeout: STOP_TIMEOUT_MS });
    await untar(await stopped.copyArchiveFromContainer(ARCHIVE_IN_CONTAINER), options.into);
  } catch (error) {
    options.onProgress?.(`The broker's class archive could not be recorded (${(error as Error).message}); building without one.`);
  } finally {
    await removeRunContainers(client, runId).catch(() => undefined);
    watchdog.release();
  }
  return existsSync(join(options.into, "broker.jsa"));
}

/** The Docker API hands files out as a tar stream. */
function untar(stream: NodeJS.ReadableStream, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const tar = spawn("tar", ["-x", "--no-same-owner", "-C", into], { stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    tar.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    tar.on("error", reject);
    tar.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`tar -x exited ${code}: ${stderr.trim()}`))));
    stream.pipe(tar.stdin);
  });
}
