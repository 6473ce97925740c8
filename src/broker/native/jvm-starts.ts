import { appendFileSync } from "node:fs";

/**
 * Every JVM the project starts, by what it is for. Starting a JVM is the most
 * expensive thing a run does on two cores (seconds of CPU to load Kafka's
 * classes), so `npm run bench` counts them: with `KAFKA_PROOFS_JVM_LOG` set to a
 * file, each start appends its kind there, from whichever process of the run
 * starts it (one short append: lines from several processes do not interleave).
 */
export const JVM_KINDS = ["broker", "storage-format", "group-tool", "consumer-host", "consumer-own", "compile", "java-version", "perf-tool", "maven"] as const;
export type JvmKind = (typeof JVM_KINDS)[number];

export function noteJvmStart(kind: JvmKind, env: NodeJS.ProcessEnv = process.env): void {
  const log = env.KAFKA_PROOFS_JVM_LOG;
  if (log) appendFileSync(log, `${kind}\n`);
}

/** The starts a log holds, per kind, in `JVM_KINDS` order; kinds never started are left out. */
export function countJvmStarts(log: string): { kind: JvmKind; starts: number }[] {
  const lines = log.split("\n").filter((line) => line !== "");
  return JVM_KINDS.map((kind) => ({ kind, starts: lines.filter((line) => line === kind).length })).filter((entry) => entry.starts > 0);
}
