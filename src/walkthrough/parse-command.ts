import { parseDatetime, parseDuration, parseShift, type ResetSpec } from "../harness/reset-targets.js";
import { GROUP_LABELS, SCENARIO_NAMES, type Command, type GroupLabel, type ParseResult, type Position, type ScenarioName } from "./command.js";
import { splitWords } from "./split-words.js";

/**
 * Text → a command, or a one-line error saying what was wrong and how to
 * write it instead. Pure: what needs the broker (is the offset inside the
 * log? has the consumer received it?) is checked by `offset-rules.ts`.
 */
export function parseCommand(line: string): ParseResult {
  if (line.trim().startsWith("#")) return ok({ kind: "nothing" });
  const split = splitWords(line);
  if ("error" in split) return fail(split.error);
  const [name, ...args] = split.words;
  if (name === undefined) return ok({ kind: "nothing" });
  switch (name.toLowerCase()) {
    case "produce":
      return parseProduce(args);
    case "status":
      return noArguments("status", args) ?? ok({ kind: "status" });
    case "ack":
      return parseAck(args);
    case "reset":
      return parseReset(args);
    case "scenario":
      return parseScenario(args);
    case "stall":
      return parseStall(args);
    case "autocommit":
      return parseAutocommit(args);
    case "help":
    case "?":
      return ok({ kind: "help" });
    case "quit":
    case "exit":
      return noArguments(name, args) ?? ok({ kind: "quit" });
    default:
      return fail(`unknown command "${name}": type help for the list`);
  }
}

function parseProduce(args: string[]): ParseResult {
  const [text, key, ...extra] = args;
  if (text === undefined) return fail(`produce needs the message text: produce <text> [key], e.g. produce "Hello Kafka!" test-1`);
  if (extra.length > 0) {
    return fail(`produce takes <text> [key], not ${args.length} words: put text with spaces in quotes, e.g. produce "Hello Kafka!" test-1`);
  }
  return ok({ kind: "produce", text, key: key ?? null });
}

function parseAck(args: string[]): ParseResult {
  const usage = "ack <A|B> <offset> (or <partition>:<offset>), e.g. ack A 4";
  const [group, position, ...extra] = args;
  if (group === undefined || position === undefined) return fail(`ack needs a group and an offset: ${usage}`);
  if (extra.length > 0) return fail(`ack takes a group and one offset: ${usage}`);
  const label = parseGroup(group);
  if (typeof label !== "string") return label;
  const parsed = parsePosition(position);
  return "error" in parsed ? fail(parsed.error) : ok({ kind: "ack", group: label, position: parsed });
}

export const RESET_USAGE =
  "reset <A|B> [earliest|latest|<offset>|<partition>:<offset>|datetime:<ISO>|shift:<±N>|by-duration:<PnDTnHnMnS>] [partition=<N>] [dry-run], e.g. reset A shift:-3 partition=0";

/**
 * `reset A`, `reset A latest`, `reset A 1:4`, `reset A datetime:2026-01-01T12:00:00Z`, `reset A shift:-3`,
 * `reset A by-duration:PT1H`, each optionally with `partition=<N>` (one partition; all by default) and `dry-run`
 * (show the offsets it would set; change nothing), in any order after the group. Every word is understood or refused:
 * a word given twice, two targets, or a partition given two ways is an error, not a guess.
 */
function parseReset(args: string[]): ParseResult {
  const [group, ...rest] = args;
  if (group === undefined) return fail(`reset needs a group: ${RESET_USAGE}`);
  const label = parseGroup(group);
  if (typeof label !== "string") return label;
  let spec: { word: string; spec: ResetSpec; partition?: number } | undefined;
  let partition: { word: string; value: number } | undefined;
  let dryRun = false;
  for (const word of rest) {
    const lower = word.toLowerCase();
    if (lower === "dry-run" || lower === "--dry-run") {
      if (dryRun) return fail(`dry-run is given twice: give it once`);
      dryRun = true;
      continue;
    }
    if (lower.startsWith("partition=")) {
      if (partition) return fail(`the partition is given twice (${partition.word} and ${word}): give it once`);
      const value = parseWholeNumber(word.slice("partition=".length), "partition");
      if (typeof value !== "number") return fail(value.error);
      partition = { word, value };
      continue;
    }
    const parsed = parseResetSpec(word);
    if ("error" in parsed) return fail(parsed.error);
    if (spec) return fail(`reset takes one target, not two (${spec.word} and ${word}): ${RESET_USAGE}`);
    spec = { word, ...parsed };
  }
  if (spec?.partition !== undefined && partition !== undefined) {
    return fail(`the partition is given twice (${spec.word} and ${partition.word}): write ${spec.word.slice(spec.word.indexOf(":") + 1)} ${partition.word}, or ${spec.word} alone`);
  }
  const chosen = spec?.partition ?? partition?.value;
  return ok({
    kind: "reset",
    group: label,
    target: { request: { spec: spec?.spec ?? { to: "earliest" }, ...(chosen === undefined ? {} : { partition: chosen }) }, dryRun },
  });
}

/** One reset target word; `<partition>:<offset>` names its partition too. */
function parseResetSpec(word: string): { spec: ResetSpec; partition?: number } | { error: string } {
  const lower = word.toLowerCase();
  if (lower === "earliest" || lower === "latest") return { spec: { to: lower } };
  const colon = word.indexOf(":");
  const kind = colon < 0 ? "" : lower.slice(0, colon);
  const value = word.slice(colon + 1);
  if (kind === "datetime") {
    const timestamp = parseDatetime(value);
    return typeof timestamp === "number" ? { spec: { to: "datetime", timestamp } } : timestamp;
  }
  if (kind === "shift") {
    const by = parseShift(value);
    return typeof by === "number" ? { spec: { to: "shift", by } } : by;
  }
  if (kind === "by-duration") {
    const durationMs = parseDuration(value);
    return typeof durationMs === "number" ? { spec: { to: "duration", durationMs } } : durationMs;
  }
  if (/^[a-z][a-z-]*[:=]/i.test(word) || /^[a-z-]+$/i.test(word)) return { error: `"${word}" is not a reset target or option: ${RESET_USAGE}` };
  const position = parsePosition(word);
  if ("error" in position) return position;
  return { spec: { to: "offset", offset: position.offset }, ...(position.partition === undefined ? {} : { partition: position.partition }) };
}

/** The longest stall the walkthrough plays: ten session timeouts. */
export const MAX_STALL_SECONDS = 60;

function parseStall(args: string[]): ParseResult {
  const usage = `stall <A|B> <seconds>, e.g. stall A 10s (1 to ${MAX_STALL_SECONDS} seconds)`;
  const [group, duration, ...extra] = args;
  if (group === undefined || duration === undefined) return fail(`stall needs a group and how long: ${usage}`);
  if (extra.length > 0) return fail(`stall takes a group and one duration: ${usage}`);
  const label = parseGroup(group);
  if (typeof label !== "string") return label;
  const match = /^(\d+)s?$/i.exec(duration);
  const seconds = match ? Number(match[1]) : Number.NaN;
  if (!(seconds >= 1 && seconds <= MAX_STALL_SECONDS)) return fail(`"${duration}" is not a whole number of seconds from 1 to ${MAX_STALL_SECONDS}: ${usage}`);
  return ok({ kind: "stall", group: label, seconds });
}

function parseAutocommit(args: string[]): ParseResult {
  const usage = "autocommit <A|B> <on|off>, e.g. autocommit A on";
  const [group, setting, ...extra] = args;
  if (group === undefined || setting === undefined) return fail(`autocommit needs a group and on or off: ${usage}`);
  if (extra.length > 0) return fail(`autocommit takes a group and one setting: ${usage}`);
  const label = parseGroup(group);
  if (typeof label !== "string") return label;
  const on = setting.toLowerCase();
  if (on !== "on" && on !== "off") return fail(`"${setting}" is not on or off: ${usage}`);
  return ok({ kind: "autocommit", group: label, on: on === "on" });
}

function parseScenario(args: string[]): ParseResult {
  const [name, ...extra] = args;
  const known = SCENARIO_NAMES.join(", ");
  if (name === undefined) return fail(`scenario needs a name: scenario seed (the scenarios are: ${known})`);
  if (extra.length > 0 || !(SCENARIO_NAMES as readonly string[]).includes(name.toLowerCase())) {
    return fail(`there is no scenario "${args.join(" ")}": the scenarios are: ${known}`);
  }
  return ok({ kind: "scenario", name: name.toLowerCase() as ScenarioName });
}

function parseGroup(word: string): GroupLabel | { ok: false; error: string } {
  const label = GROUP_LABELS.find((known) => known === word.toUpperCase());
  return label ?? fail(`there is no group "${word}": the groups are A and B`);
}

/** `4` (partition left to the caller) or `1:4` (partition 1, offset 4). */
export function parsePosition(word: string): Position | { error: string } {
  const colon = word.indexOf(":");
  if (colon < 0) {
    const offset = parseWholeNumber(word, "offset");
    return typeof offset === "number" ? { offset } : offset;
  }
  const partition = parseWholeNumber(word.slice(0, colon), "partition");
  if (typeof partition !== "number") return partition;
  const offset = parseWholeNumber(word.slice(colon + 1), "offset");
  if (typeof offset !== "number") return offset;
  return { partition, offset };
}

function parseWholeNumber(word: string, what: "offset" | "partition"): number | { error: string } {
  if (word === "") return { error: `the ${what} is missing: write <partition>:<offset>, e.g. 0:4` };
  if (/^-\d+$/.test(word)) return { error: `${what} ${word} is negative: ${what}s start at 0` };
  if (!/^\d+$/.test(word)) return { error: `${what} "${word}" is not a number: write a whole number such as 4` };
  const value = Number(word);
  if (!Number.isSafeInteger(value)) return { error: `${what} ${word} is too large to be a Kafka ${what}` };
  return value;
}

function noArguments(name: string, args: string[]): ParseResult | undefined {
  return args.length > 0 ? fail(`${name} takes no arguments (got "${args.join(" ")}")`) : undefined;
}

function ok(command: Command): ParseResult {
  return { ok: true, command };
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
