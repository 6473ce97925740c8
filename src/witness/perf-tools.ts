import { spawn } from "node:child_process";
import { join } from "node:path";
import type { ToolLocation } from "./start-group-tool.js";
import { noteJvmStart } from "../broker/native/jvm-starts.js";

/**
 * Kafka's own load tools, `ProducerPerformance` and `ConsumerPerformance`, run
 * from the same jars and Java as the broker. Each run is one short-lived JVM
 * that is killed if this process exits first, so none outlives its owner's exit.
 */

/** A small heap and the client compiler: the tools run seconds, not hours, and share two cores with the broker. */
const JVM_OPTIONS = ["-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:disable", "-Xlog:all=warning:stderr"];

/** Runs one of Kafka's tools from the broker's jars to its end; rejects with its last lines when it exits non-zero. */
export async function runTool(location: ToolLocation, mainClass: string, args: readonly string[]): Promise<string> {
  noteJvmStart("perf-tool");
  const child = spawn(location.java, [...JVM_OPTIONS, "-cp", join(location.libs, "*"), mainClass, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    if (code !== 0)
      throw new Error(
        `Kafka's ${mainClass.split(".").pop()} exited with code ${code}: ${stderr.trim().split("\n").slice(-5).join(" | ") || stdout.trim().split("\n").slice(-3).join(" | ")}`,
      );
    return stdout;
  } finally {
    process.removeListener("exit", kill);
  }
}

export interface ProducerPerformanceRun {
  /** What the tool says it sent, and acknowledged, from its summary line. */
  sent: number;
  recordsPerSecond: number;
}

/**
 * `ProducerPerformance`: `count` records of `recordSize` bytes to `topic`, as
 * fast as it can, acks=1. Batches of 128 kB make it switch partition often, so
 * even a small count lands on every partition.
 */
export async function runProducerPerformance(
  location: ToolLocation,
  bootstrapServers: readonly string[],
  topic: string,
  count: number,
  recordSize = 100,
): Promise<ProducerPerformanceRun> {
  const props = [`bootstrap.servers=${bootstrapServers.join(",")}`, "acks=1", "batch.size=131072", "linger.ms=5", "buffer.memory=67108864"];
  const output = await runTool(location, "org.apache.kafka.tools.ProducerPerformance", [
    ...["--topic", topic, "--num-records", String(count), "--record-size", String(recordSize), "--throughput", "-1", "--producer-props", ...props],
  ]);
  return parseProducerSummary(output);
}

/** The summary line: "1000000 records sent, 211237.85 records/sec (20.15 MB/sec), …". */
export function parseProducerSummary(output: string): ProducerPerformanceRun {
  const summaries = [...output.matchAll(/^(\d+) records sent, ([\d.]+) records\/sec/gm)];
  const last = summaries[summaries.length - 1];
  if (!last) throw new Error(`ProducerPerformance printed no summary line; its output ended: ${output.trim().split("\n").slice(-3).join(" | ")}`);
  return { sent: Number(last[1]), recordsPerSecond: Number(last[2]) };
}

export interface ConsumerPerformanceRun {
  messages: number;
  /** Over the whole run, joining the group included, and over fetching alone. */
  messagesPerSecond: number;
  fetchMessagesPerSecond: number;
}

/**
 * `ConsumerPerformance`: reads `count` messages of `topic` from the start in a
 * group of its own. Kafka 4.x names the count `--num-records` (3.9's `--messages` is deprecated there).
 */
export async function runConsumerPerformance(
  location: ToolLocation,
  kafkaVersion: string,
  bootstrapServers: readonly string[],
  topic: string,
  count: number,
  group: string,
): Promise<ConsumerPerformanceRun> {
  const countFlag = kafkaVersion.startsWith("3.") ? "--messages" : "--num-records";
  const output = await runTool(location, "org.apache.kafka.tools.ConsumerPerformance", [
    ...["--bootstrap-server", bootstrapServers.join(","), "--topic", topic, countFlag, String(count), "--group", group, "--timeout", "60000"],
  ]);
  return parseConsumerSummary(output);
}

/** Its two lines: a header ("start.time, end.time, …, data.consumed.in.nMsg, nMsg.sec, …") and the figures. */
export function parseConsumerSummary(output: string): ConsumerPerformanceRun {
  const lines = output.split("\n").map((l) => l.trim());
  const at = lines.findIndex((l) => l.startsWith("start.time"));
  if (at < 0 || !lines[at + 1]) throw new Error(`ConsumerPerformance printed no summary; its output ended: ${lines.slice(-3).join(" | ")}`);
  const names = lines[at]!.split(",").map((s) => s.trim());
  const values = lines[at + 1]!.split(",").map((s) => s.trim());
  const field = (name: string) => {
    const value = Number(values[names.indexOf(name)]);
    if (!Number.isFinite(value)) throw new Error(`ConsumerPerformance's summary has no number for ${name}: ${lines[at + 1]}`);
    return value;
  };
  return { messages: field("data.consumed.in.nMsg"), messagesPerSecond: field("nMsg.sec"), fetchMessagesPerSecond: field("fetch.nMsg.sec") };
}
