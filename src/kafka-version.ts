import { ConfigError } from "./errors.js";

/**
 * The Apache Kafka release every mode runs, pinned here and nowhere else.
 *
 * 4.4.0 is the newest release, and kafkajs 2.2.4 drives it through classic
 * consumer groups (JoinGroup/SyncGroup, OffsetCommit/OffsetFetch,
 * DescribeGroups, ListOffsets); README "Kafka version" says what was tried.
 */
export const KAFKA_VERSION = "4.4.0";

/**
 * The Kafka versions `npm run matrix` runs every cell on: the pinned release, and the
 * newest 3.9 (the last 3.x line, whose users are the ones asking "does this hold for us too?").
 */
export const MATRIX_KAFKA_VERSIONS = [KAFKA_VERSION, "3.9.2"] as const;

/**
 * The release lines that run: 3.9, the last 3.x (the first whose KRaft mode
 * formats and starts a single node the way ours does), and every 4.x. Older
 * 3.x lines and releases not yet made are refused rather than half-run.
 */
export const SUPPORTED_RANGE = "3.9.x or 4.x";

/** What differs between the lines: `3.9` (log4j 1, no share groups) or `4` (log4j 2, share groups). */
export type KafkaLine = "3.9" | "4";

const RELEASE = /^(\d+)\.(\d+)\.(\d+)$/;

/** The line a release belongs to, or undefined when it is outside `SUPPORTED_RANGE`. */
export function kafkaLine(version: string): KafkaLine | undefined {
  const match = RELEASE.exec(version);
  if (!match) return undefined;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major === 4) return "4";
  if (major === 3 && minor === 9) return "3.9";
  return undefined;
}

/**
 * The kafka-clients release the Java consumers run for a broker of `brokerVersion`: the broker's own on
 * Kafka 4, else the pinned release. The Java host also hosts share consumers (a Kafka 4 client), so on a
 * 3.9 broker, or a cluster whose release is not known, it runs Kafka 4's client, which speaks to brokers from 2.1.
 */
export function javaClientVersion(brokerVersion: string): string {
  return kafkaLine(brokerVersion) === "4" ? brokerVersion : KAFKA_VERSION;
}

/** The version to run: `KAFKA_VERSION` when set, the pinned one otherwise. */
export function kafkaVersionFrom(env: NodeJS.ProcessEnv): string {
  const wanted = env.KAFKA_VERSION?.trim();
  if (!wanted) return KAFKA_VERSION;
  if (!RELEASE.test(wanted)) {
    throw new ConfigError(
      `KAFKA_VERSION="${wanted}" is not an Apache Kafka release number.`,
      `Use a release such as ${KAFKA_VERSION} (supported: ${SUPPORTED_RANGE}), or unset KAFKA_VERSION to run the pinned one.`,
    );
  }
  if (!kafkaLine(wanted)) {
    throw new ConfigError(
      `KAFKA_VERSION="${wanted}" is outside the supported range: Apache Kafka ${SUPPORTED_RANGE}.`,
      `Use a release in that range, such as ${KAFKA_VERSION} or 3.9.2, or unset KAFKA_VERSION to run the pinned one.`,
    );
  }
  return wanted;
}

/**
 * Whether release `version` is `minimum` or newer; undefined when `version` is
 * no release number (an external cluster whose version was not given is "unknown").
 */
export function kafkaAtLeast(version: string, minimum: string): boolean | undefined {
  const [have, want] = [RELEASE.exec(version), RELEASE.exec(minimum)];
  if (!want) throw new Error(`"${minimum}" is not a Kafka release number (major.minor.patch)`);
  if (!have) return undefined;
  for (let i = 1; i <= 3; i++) {
    const difference = Number(have[i]) - Number(want[i]);
    if (difference !== 0) return difference > 0;
  }
  return true;
}
