import { ConfigError } from "./errors.js";

/**
 * The Apache Kafka release every mode runs, pinned here and nowhere else.
 *
 * 4.4.0 is the newest release, and kafkajs 2.2.4 drives it through classic
 * consumer groups (JoinGroup/SyncGroup, OffsetCommit/OffsetFetch,
 * DescribeGroups, ListOffsets); README "Kafka version" says what was tried.
 */
export const KAFKA_VERSION = "4.4.0";

const RELEASE = /^\d+\.\d+\.\d+$/;

/** The version to run: `KAFKA_VERSION` when set, the pinned one otherwise. */
export function kafkaVersionFrom(env: NodeJS.ProcessEnv): string {
  const wanted = env.KAFKA_VERSION?.trim();
  if (!wanted) return KAFKA_VERSION;
  if (!RELEASE.test(wanted)) {
    throw new ConfigError(
      `KAFKA_VERSION="${wanted}" is not an Apache Kafka release number.`,
      `Use a release such as ${KAFKA_VERSION}, or unset KAFKA_VERSION to run the pinned one.`,
    );
  }
  return wanted;
}
