import { GenericContainer, Wait } from "testcontainers";
import { BrokerError } from "../errors.js";
import { containerConfig } from "./container-config.js";
import { READY_LINE } from "./native/broker-log.js";
import { freePort } from "./native/free-port.js";
import { randomClusterId } from "./native/native-broker.js";
import type { StartedBroker } from "./started-broker.js";

/** Starts the official apache/kafka image (or `KAFKA_IMAGE`) through testcontainers. */
export async function startContainerBroker(options: { version: string; env: NodeJS.ProcessEnv }): Promise<StartedBroker> {
  const config = containerConfig({ version: options.version, env: options.env, port: await freePort(), clusterId: randomClusterId() });
  let container;
  try {
    container = await new GenericContainer(config.image)
      .withEnvironment(config.environment)
      .withExposedPorts({ container: config.port, host: config.port })
      .withLabels(config.labels)
      .withWaitStrategy(Wait.forLogMessage(READY_LINE))
      .withStartupTimeout(120_000)
      .start();
  } catch (error) {
    throw new BrokerError(
      `The Kafka container (${config.image}) did not start: ${(error as Error).message}`,
      "Check that Docker runs and can pull the image (or set KAFKA_IMAGE to a local one); or use KAFKA_MODE=native with Java 17+.",
      { cause: error },
    );
  }
  const started = container;
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= started.stop({ remove: true, removeVolumes: true }).then(() => undefined));
  return {
    bootstrapServers: [`${started.getHost()}:${config.port}`],
    kafkaVersion: options.version,
    mode: "container",
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
