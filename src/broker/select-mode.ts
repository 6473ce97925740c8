import { ConfigError } from "../errors.js";
import { BROKER_MODES, type BrokerMode } from "./started-broker.js";

export const MODE_CHOICES = ["auto", ...BROKER_MODES] as const;
export type ModeChoice = (typeof MODE_CHOICES)[number];

/** Reads `KAFKA_MODE`; unset or empty means auto. */
export function parseModeChoice(raw: string | undefined): ModeChoice {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "") return "auto";
  if ((MODE_CHOICES as readonly string[]).includes(value)) return value as ModeChoice;
  throw new ConfigError(`KAFKA_MODE="${raw}" is not a mode we know.`, `Set KAFKA_MODE to one of: ${MODE_CHOICES.join(", ")} (or leave it unset for auto).`);
}

export interface SelectionFacts {
  choice: ModeChoice;
  /** `KAFKA_BROKERS` is set to something. */
  hasExternalBrokers: boolean;
  /** Asked only when needed: does a Docker engine answer? */
  dockerAnswers: () => Promise<boolean>;
}

/**
 * auto → external if `KAFKA_BROKERS` is set, else container if a Docker
 * engine answers, else native. An explicit choice is taken as given, except
 * that external without `KAFKA_BROKERS` cannot work and says so.
 */
export async function selectMode(facts: SelectionFacts): Promise<BrokerMode> {
  if (facts.choice === "external" && !facts.hasExternalBrokers) {
    throw new ConfigError(
      "KAFKA_MODE=external needs the cluster's address, and KAFKA_BROKERS is not set.",
      "Set KAFKA_BROKERS=host:port[,host:port...], or choose another KAFKA_MODE.",
    );
  }
  if (facts.choice !== "auto") return facts.choice;
  if (facts.hasExternalBrokers) return "external";
  return (await facts.dockerAnswers()) ? "container" : "native";
}
