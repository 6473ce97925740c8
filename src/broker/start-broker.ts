import { kafkaVersionFrom } from "../kafka-version.js";
import { startContainerBroker } from "./container-broker.js";
import { dockerAnswers, dockerEndpoint } from "./docker-engine.js";
import { connectExternalBroker } from "./external-broker.js";
import { startNativeBroker } from "./native/native-broker.js";
import { parseModeChoice, selectMode } from "./select-mode.js";
import type { StartedBroker } from "./started-broker.js";

/** Starts (or connects to) the broker the environment asks for; see `selectMode`. */
export async function startBroker(env: NodeJS.ProcessEnv = process.env, onProgress: (message: string) => void = (message) => console.log(message)): Promise<StartedBroker> {
  const choice = parseModeChoice(env.KAFKA_MODE);
  const version = kafkaVersionFrom(env);
  const mode = await selectMode({
    choice,
    hasExternalBrokers: Boolean(env.KAFKA_BROKERS?.trim()),
    dockerAnswers: () => dockerAnswers(dockerEndpoint(env.DOCKER_HOST)),
  });
  switch (mode) {
    case "external":
      return connectExternalBroker(env);
    case "container":
      return startContainerBroker({ version, env });
    case "native":
      return startNativeBroker({ version, env, onProgress });
  }
}
