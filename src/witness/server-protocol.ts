import { parseDescribeOutput, type ShareToolRow, type ToolRow } from "./describe-output.js";

/**
 * The conversation with GroupToolServer.java over its stdin and stdout.
 *
 * A request is one line: an id, the kind of groups (`consumer`, or `share` for share
 * groups), the broker's bootstrap address (empty for the one the server was started
 * with), client properties for a broker that needs SASL/TLS (`key=value` entries
 * separated by U+001F; empty for none), then group ids, separated by tabs. The answer is, for each group, a line
 * `@@ group <id>` followed by what `kafka-consumer-groups --describe --group <id>`
 * (`kafka-share-groups` for share groups) prints, then a line `@@ end <request id>`. Answers come
 * whole, in the order they are ready. The server says `@@ ready` once; `@@ close` ends it.
 */
export const READY_LINE = "@@ ready";
export const GROUP_LINE_PREFIX = "@@ group ";
export const END_LINE_PREFIX = "@@ end ";
export const CLOSE_LINE = "@@ close\n";

/** A request that is not served, whatever the tool would say: the caller's to fix (HTTP 400). */
export class RefusedRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedRequest";
  }
}

/** What the tool said about some groups, as data. */
/** Consumer groups (`kafka-consumer-groups`), or share groups (`kafka-share-groups`, KIP-932). */
export type GroupKind = "consumer" | "share";

/** The command a terminal would run for a group of this kind, for transcripts. */
export const TOOL_COMMAND: Record<GroupKind, string> = { consumer: "kafka-consumer-groups", share: "kafka-share-groups" };

export interface ToolAnswer {
  rows: ToolRow[];
  /** The rows of share groups' tables (START-OFFSET, LAG); empty for consumer groups. */
  shareRows: ShareToolRow[];
  /** Groups the tool said do not exist: they hold no committed offsets. */
  missing: string[];
  /** Anything else the tool reported (errors, unreadable lines), each prefixed with its group. */
  problems: string[];
  /** The tool's output as a terminal would show it, one command per group. */
  transcript: string;
}

/** Separates a request's client properties. */
const PROPERTY_SEPARATOR = "\u001f";

/** The request line; a group id, address or client property that would break the line is refused. */
export function requestLine(
  id: number,
  groupIds: readonly string[],
  bootstrapServers: readonly string[] = [],
  kind: GroupKind = "consumer",
  clientProperties: Readonly<Record<string, string>> = {},
): string {
  const unfit = [...groupIds, ...bootstrapServers].filter((field) => field === "" || /[\t\r\n,]/.test(field));
  if (unfit.length > 0) {
    throw new RefusedRequest(`group ids and addresses must be non-empty, with no comma, tab or line break; got ${unfit.map((f) => JSON.stringify(f)).join(", ")}`);
  }
  return `${[String(id), kind, bootstrapServers.join(","), propertiesField(clientProperties), ...groupIds].join("\t")}\n`;
}

/** The request line's field of client properties; a property that would break the line is refused. */
function propertiesField(clientProperties: Readonly<Record<string, string>>): string {
  const properties = Object.entries(clientProperties);
  // Values are not echoed: a SASL property holds a password.
  const unfitProperty = properties.find(([key, value]) => !/^[a-z][a-z0-9.]*$/.test(key) || ["\t", "\r", "\n", PROPERTY_SEPARATOR].some((c) => value.includes(c)));
  if (unfitProperty)
    throw new RefusedRequest(`client property ${JSON.stringify(unfitProperty[0])} has a name or value the request line cannot carry (a tab, line break or U+001F)`);
  return properties.map(([key, value]) => `${key}=${value}`).join(PROPERTY_SEPARATOR);
}

/** A request that had no answer in time: it fails alone, and says about what and where. */
export function unanswered(groupIds: readonly string[], broker: readonly string[], runBroker: boolean, timeoutMs: number): Error {
  return new Error(
    `Kafka's consumer-groups tool gave no answer about ${groupIds.length === 1 ? "group" : "groups"} ${groupIds.join(", ")} ` +
      `within ${timeoutMs / 1000} s, asking ${runBroker ? "the run's broker" : "the broker"} at ${broker.join(",")}. ` +
      "Only this request failed; the tool goes on answering others. It waits that long only for a broker that is down or overloaded: is it up?",
  );
}

/** The request id a line ends the answer to, if it is an end line. */
export function endOfAnswer(line: string): number | undefined {
  if (!line.startsWith(END_LINE_PREFIX)) return undefined;
  const id = line.slice(END_LINE_PREFIX.length);
  return /^\d+$/.test(id) ? Number(id) : undefined;
}

/**
 * Reads the server's answer to one request (its lines before `@@ end <id>`) for the
 * groups asked about. Each group's section is read on its own, so a note or an
 * error is known to be about that group whatever words it uses.
 */
export function readAnswer(groupIds: readonly string[], answer: string, kind: GroupKind = "consumer"): ToolAnswer {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  const stray: string[] = [];
  for (const line of answer.split("\n")) {
    if (line.startsWith(GROUP_LINE_PREFIX)) sections.set(line.slice(GROUP_LINE_PREFIX.length), (current = []));
    else if (endOfAnswer(line) !== undefined) current = undefined;
    else if (current) current.push(line);
    else if (line.trim() !== "") stray.push(line);
  }
  const result: ToolAnswer = { rows: [], shareRows: [], missing: [], problems: stray.map((line) => `(before any group) ${line}`), transcript: "" };
  const transcript: string[] = [];
  for (const group of groupIds) {
    const section = sections.get(group);
    if (section === undefined) {
      result.problems.push(`${group}: the server gave no answer for this group`);
      continue;
    }
    const text = section.join("\n");
    transcript.push(`$ ${TOOL_COMMAND[kind]} --describe --group ${group}\n${text.trim()}`);
    const output = parseDescribeOutput(text);
    const others = [...output.rows, ...output.shareRows].filter((row) => row.group !== group);
    result.rows.push(...output.rows.filter((row) => row.group === group));
    result.shareRows.push(...output.shareRows.filter((row) => row.group === group));
    if (output.missing.includes(group)) result.missing.push(group);
    result.problems.push(...output.problems.map((line) => `${group}: ${line}`), ...others.map((row) => `${group}: a row for another group, ${row.group}`));
  }
  result.transcript = transcript.join("\n\n");
  return result;
}

/** Starts each dry run's section of a reset answer: `@@ reset <n>`, n counting the request's dry runs from 0. */
export const RESET_LINE_PREFIX = "@@ reset ";

/** One new offset the tool's dry run reports (a row of GROUP TOPIC PARTITION NEW-OFFSET). */
export interface ToolResetRow {
  group: string;
  topic: string;
  partition: number;
  offset: number;
}

/** What the tool said about one dry run: its new offsets, anything else it printed (an error, a refusal), and the transcript. */
export interface ToolDryRun {
  rows: ToolResetRow[];
  problems: string[];
  transcript: string;
}

/**
 * The line asking for dry runs of resets, each given as the tool's arguments after `--reset-offsets --dry-run`
 * (`--group g --topic t:0 --shift-by -3`). An argument that would break the line is refused.
 */
export function resetRequestLine(
  id: number,
  runs: readonly (readonly string[])[],
  bootstrapServers: readonly string[] = [],
  clientProperties: Readonly<Record<string, string>> = {},
): string {
  const unfit = runs.flat().filter((arg) => arg === "" || ["\t", "\r", "\n", PROPERTY_SEPARATOR].some((c) => arg.includes(c)));
  if (runs.length === 0 || runs.some((run) => run.length === 0) || unfit.length > 0) {
    throw new RefusedRequest(`a dry run is a non-empty list of arguments, none empty or holding a tab, line break or U+001F; got ${JSON.stringify(runs).slice(0, 200)}`);
  }
  const unfitServer = bootstrapServers.filter((field) => field === "" || /[\t\r\n,]/.test(field));
  if (unfitServer.length > 0)
    throw new RefusedRequest(`addresses must be non-empty, with no comma, tab or line break; got ${unfitServer.map((f) => JSON.stringify(f)).join(", ")}`);
  return `${[String(id), "reset", bootstrapServers.join(","), propertiesField(clientProperties), ...runs.map((run) => run.join(PROPERTY_SEPARATOR))].join("\t")}\n`;
}

/** Reads the answer to a reset request of `runs` dry runs: the tool's table for each, in order. */
export function readResetAnswer(runs: readonly (readonly string[])[], answer: string): ToolDryRun[] {
  const sections = new Map<number, string[]>();
  let current: string[] | undefined;
  for (const line of answer.split("\n")) {
    if (line.startsWith(RESET_LINE_PREFIX)) sections.set(Number(line.slice(RESET_LINE_PREFIX.length)), (current = []));
    else if (endOfAnswer(line) !== undefined) current = undefined;
    else current?.push(line);
  }
  return runs.map((run, i) => {
    const section = sections.get(i);
    const command = `$ kafka-consumer-groups --reset-offsets --dry-run ${run.join(" ")}`;
    if (section === undefined) return { rows: [], problems: ["the server gave no answer for this dry run"], transcript: command };
    const rows: ToolResetRow[] = [];
    const problems: string[] = [];
    for (const line of section) {
      const trimmed = line.trim();
      if (trimmed === "" || /^GROUP\s+TOPIC\s+PARTITION\s+NEW-OFFSET$/.test(trimmed)) continue;
      const row = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)$/.exec(trimmed);
      if (row) rows.push({ group: row[1]!, topic: row[2]!, partition: Number(row[3]), offset: Number(row[4]) });
      else problems.push(trimmed);
    }
    return { rows, problems, transcript: `${command}\n${section.join("\n").trim()}` };
  });
}
