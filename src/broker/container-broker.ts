import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { getContainerRuntimeClient, Wait, type ContainerRuntimeClient, type StartedTestContainer } from "testcontainers";
import { BrokerError } from "../errors.js";
import { engineAddress, watchContainers } from "./container/container-watchdog.js";
import { containerStartHint, engineMissingHint } from "./container/container-hints.js";
import { removeLeftoverContainers, removeRunContainers } from "./container/leftover-containers.js";
import { PublishedContainer } from "./container/published-container.js";
import { containerConfig, RUN_LABEL } from "./container-config.js";
import { READY_LINE } from "./native/broker-log.js";
import { freePort } from "./native/free-port.js";
import { randomClusterId } from "./native/native-broker.js";
import { tailLines } from "./native/run-command.js";
import type { StartedBroker } from "./started-broker.js";

/** A cold JVM on two busy cores, formatting storage first, can take most of a minute. */
const STARTUP_TIMEOUT_MS = 120_000;
/** Enough of the broker's log to show why it stopped. */
const LOG_KEPT_CHARS = 16_384;

/**
 * Starts the official apache/kafka image, or `KAFKA_IMAGE` (such as the local image
 * that scripts/kafka-image.ts builds), through testcontainers.
 *
 * Cleanup does not rely on Ryuk, which podman users and offline machines run without:
 * teardown stops and removes the container; a watchdog removes it if this process dies
 * first (Ctrl-C, a crash); and each start removes containers whose owner died anyway.
 */
export async function startContainerBroker(options: { version: string; env: NodeJS.ProcessEnv }): Promise<StartedBroker> {
  const runId = randomBytes(8).toString("hex");
  const config = containerConfig({ version: options.version, env: options.env, port: await freePort(), clusterId: randomClusterId(), runId });
  const client = await runtimeClient(options.env);
  await removeLeftoverContainers(client);

  const watchdog = watchContainers(engineAddress(client.container.dockerode.modem), `${RUN_LABEL}=${runId}`);
  // Kept for the error message: testcontainers removes a container that never got ready, and its log with it.
  const log: { text: string; stream?: Readable } = { text: "" };
  let container: StartedTestContainer;
  try {
    container = await new PublishedContainer(config.image)
      .withEnvironment(config.environment)
      .withPortBindings(config.portBindings)
      .withLabels(config.labels)
      .withWaitStrategy(Wait.forLogMessage(READY_LINE))
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .withLogConsumer((stream) => {
        log.stream = stream;
        stream.on("data", (chunk: Buffer | string) => (log.text = (log.text + chunk.toString()).slice(-LOG_KEPT_CHARS)));
      })
      .start();
    // Ready: the log is no longer needed here, and following it would only keep a connection busy.
    log.stream?.destroy();
  } catch (error) {
    // testcontainers removes a container that failed its wait, but not one that was created and failed to start.
    await removeRunContainers(client, runId).catch(() => undefined);
    watchdog.release();
    const tail = tailLines(log.text, 15);
    const logText = tail.length > 0 ? `\n--- last lines of the broker's log\n${tail.join("\n")}` : "";
    throw new BrokerError(`The Kafka container (${config.image}) did not start: ${(error as Error).message}${logText}`, containerStartHint(config.image, error), { cause: error });
  }

  const started = container;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // No grace period: the broker's data lives and dies with the container.
      await started.stop({ remove: true, removeVolumes: true, timeout: 0 });
      watchdog.release();
    })());
  return {
    bootstrapServers: [`${started.getHost()}:${config.port}`],
    kafkaVersion: options.version,
    mode: "container",
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

async function runtimeClient(env: NodeJS.ProcessEnv): Promise<ContainerRuntimeClient> {
  try {
    return await getContainerRuntimeClient();
  } catch (error) {
    throw new BrokerError(`No container engine answered (DOCKER_HOST=${env.DOCKER_HOST ?? "unset"}).`, engineMissingHint(), { cause: error });
  }
}
