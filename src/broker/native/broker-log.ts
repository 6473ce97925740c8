import { open, readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { KafkaLine } from "../../kafka-version.js";
import { tailLines } from "./run-command.js";

/** The line a Kafka KRaft node logs once both its controller and broker accept connections. */
export const READY_LINE = "Kafka Server started";

/** log4j2 configuration that writes the broker's whole log to one file in its run folder. */
export function log4jProperties(logFile: string): string {
  return [
    "status = warn",
    "appender.file.type = File",
    "appender.file.name = file",
    `appender.file.fileName = ${logFile.replaceAll("\\", "/")}`,
    "appender.file.layout.type = PatternLayout",
    "appender.file.layout.pattern = [%d] %p %m (%c)%n",
    "rootLogger.level = info",
    "rootLogger.appenderRef.file.ref = file",
    "",
  ].join("\n");
}

/** The same for log4j 1 (reload4j), which Kafka 3.x logs through. */
export function log4j1Properties(logFile: string): string {
  return [
    "log4j.rootLogger = INFO, file",
    "log4j.appender.file = org.apache.log4j.FileAppender",
    `log4j.appender.file.File = ${logFile.replaceAll("\\", "/")}`,
    "log4j.appender.file.layout = org.apache.log4j.PatternLayout",
    "log4j.appender.file.layout.ConversionPattern = [%d] %p %m (%c)%n",
    "",
  ].join("\n");
}

export interface BrokerLogging {
  /** The configuration file's name in the run folder. */
  fileName: string;
  text: string;
  /** The JVM option that points the logging library at the file. */
  option(configPath: string): string;
}

/**
 * How a broker of a line is made to log to `logFile`: Kafka 4 logs through
 * log4j 2 (KIP-653); 3.9 through reload4j, which reads log4j 1 properties and,
 * given none, logs nothing at all (the ready line included).
 */
export function brokerLogging(line: KafkaLine, logFile: string): BrokerLogging {
  if (line === "3.9") {
    return { fileName: "log4j.properties", text: log4j1Properties(logFile), option: (path) => `-Dlog4j.configuration=file:${path.replaceAll("\\", "/")}` };
  }
  return { fileName: "log4j2.properties", text: log4jProperties(logFile), option: (path) => `-Dlog4j2.configurationFile=${path}` };
}

/** Reads a growing log file from where the last read stopped. */
export class LogFollower {
  private offset = 0;
  constructor(readonly path: string) {}

  /** Starts reading at the current end: what a restarted broker logs, not what it logged before. */
  async skipExisting(): Promise<void> {
    try {
      this.offset = (await stat(this.path)).size;
    } catch {
      this.offset = 0;
    }
  }

  /** The text appended since the previous call ("" when the file does not exist yet). */
  async readNew(): Promise<string> {
    let handle;
    try {
      handle = await open(this.path, "r");
    } catch {
      return "";
    }
    try {
      const { size } = await handle.stat();
      if (size <= this.offset) return "";
      const buffer = Buffer.alloc(size - this.offset);
      await handle.read(buffer, 0, buffer.length, this.offset);
      this.offset = size;
      return buffer.toString("utf8");
    } finally {
      await handle.close();
    }
  }
}

/**
 * For an error message: each log's ERROR lines (where Kafka says why it stopped;
 * the stack trace after them rarely does), then its last lines, labelled by file.
 */
export async function logTails(files: readonly string[], count = 12): Promise<string> {
  const parts: string[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => "");
    const lines = text.split("\n");
    const errors = lines.flatMap((line, i) => {
      if (!/^\[[^\]]+\] (ERROR|FATAL) /.test(line)) return [];
      // The exception's own message follows the ERROR line; the stack frames after it do not help.
      const next = lines[i + 1] ?? "";
      return next && !next.startsWith("[") && !next.startsWith("\tat ") ? [line, `  ${next}`] : [line];
    });
    const tail = tailLines(text, count);
    // The run folder is removed after a failed start, so the text is quoted rather than the path.
    const name = basename(file);
    if (errors.length > 0) parts.push(`--- errors in the broker's ${name}\n${errors.slice(-10).join("\n")}`);
    if (tail.length > 0) parts.push(`--- last lines of the broker's ${name}\n${tail.join("\n")}`);
  }
  return parts.join("\n") || "(the broker wrote no log)";
}
