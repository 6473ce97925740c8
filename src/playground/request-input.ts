import { parseDatetime, parseDuration, parseShift, type ResetSpec } from "../harness/reset-targets.js";
import type { ResetTarget } from "../walkthrough/command.js";
import { PRODUCE_BODY, ROUTES, type ObjectBody, type Route, type RouteSpec } from "./openapi.js";

/** A request the playground refuses: its HTTP status and the one line that says why. Nothing was changed. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

/** Bodies above this are refused unread: a message in the playground is a line of text, not a payload. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ProduceInput {
  content: string;
  key: string | null;
  partition?: number;
}

/** The query parameter every route takes besides its own: the run's token, for what cannot set a header (the page's script tag). */
export const TOKEN_PARAMETER = "token";

/** The route a request's method and path name, with the group its path names, if any; `undefined` when there is none. */
export function matchRoute(method: string, pathname: string): { route: Route; group?: string } | undefined {
  const given = pathname.split("/");
  for (const route of ROUTES) {
    const wanted = route.path.split("/");
    if (route.method !== method || wanted.length !== given.length) continue;
    let group: string | undefined;
    const matches = wanted.every((segment, i) => {
      if (segment !== "{group}") return segment === given[i];
      group = given[i];
      return group !== "";
    });
    if (matches) return { route, ...(group === undefined ? {} : { group: decodeSegment(group) }) };
  }
  return undefined;
}

// A segment that is not valid percent-encoding is kept as sent, so that it is refused as an unknown group, not as a crash.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Refuses a request that carries what its route does not take: a query parameter the route does not list, one
 * given twice, or a body on a route that takes its arguments in the query (or takes none). An empty body is no
 * body. `at` is the request as sent, e.g. `POST /consumers/A/acknowledge`, for the message. The server calls
 * this before it acts, so a request it did not understand changes nothing.
 */
export function checkArguments(route: RouteSpec, at: string, query: URLSearchParams, body: string): void {
  const known = new Set([...route.query.map((parameter) => parameter.name), TOKEN_PARAMETER]);
  const counts = new Map<string, number>();
  for (const name of query.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const [name, count] of counts) {
    if (!known.has(name)) throw new RequestError(400, `${at} does not take the query parameter "${name}": ${whatItTakes(route)}`);
    if (count > 1) throw new RequestError(400, `the query parameter "${name}" is given ${count} times: give it once`);
  }
  if (route.body === undefined && body.length > 0) {
    const where = route.query.length > 0 ? `takes its arguments in the query (${queryExample(route)})` : "takes no arguments";
    throw new RequestError(400, `${at} ${where}; it takes no body`);
  }
}

function whatItTakes(route: RouteSpec): string {
  if (route.query.length > 0) return `it takes ${words([...route.query.map((parameter) => parameter.name), TOKEN_PARAMETER])}`;
  if (route.body !== undefined) return `it takes only ${TOKEN_PARAMETER}; its arguments go in a JSON body, ${bodyExample(route.body)}`;
  return `it takes only ${TOKEN_PARAMETER}`;
}

function queryExample(route: RouteSpec): string {
  return `?${route.query.map((parameter) => `${parameter.name}=…`).join("&")}`;
}

function bodyExample(body: ObjectBody): string {
  return `{${Object.entries(body.properties)
    .map(([name, { type }]) => `"${name}": ${type === "string" ? '"..."' : "0"}`)
    .join(", ")}}`;
}

function words(names: readonly string[]): string {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The group a path names, if the playground has it; a 404 naming the groups it has otherwise. */
export function knownGroup(word: string, labels: readonly string[]): string {
  const label = labels.find((l) => l === word.toUpperCase());
  if (label === undefined) {
    throw new RequestError(404, `there is no consumer "${word}": the consumers are ${labels.join(", ")}`);
  }
  return label;
}

/** A query parameter that must be a whole number from 0 up; `undefined` when it is absent and optional. */
export function wholeNumber(params: URLSearchParams, name: string, example: string, required: true): number;
export function wholeNumber(params: URLSearchParams, name: string, example: string, required: false): number | undefined;
export function wholeNumber(params: URLSearchParams, name: string, example: string, required: boolean): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === "") {
    if (required) throw new RequestError(400, `${name} is missing: add it to the query, e.g. ${example}`);
    return undefined;
  }
  if (!/^\d{1,15}$/.test(raw)) throw new RequestError(400, `${name} "${raw}" is not a number: give a whole number from 0 up, e.g. ${example}`);
  return Number(raw);
}

/** The JSON body of `POST /produce`: `{"content": "...", "key": "..."}`, with an optional partition. */
export function parseProduceBody(text: string, partitions: number): ProduceInput {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new RequestError(400, `the body is not JSON (${(error as Error).message}): send {"content": "...", "key": "..."}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new RequestError(422, `the body is JSON but not an object: send {"content": "...", "key": "..."}`);
  }
  const fields = Object.keys(PRODUCE_BODY.properties);
  const unknown = Object.keys(body).find((name) => !fields.includes(name));
  if (unknown !== undefined) throw new RequestError(400, `POST /produce does not take the field "${unknown}": its body's fields are ${words(fields)}`);
  const { content, key, partition } = body as Record<string, unknown>;
  if (content === undefined) throw new RequestError(422, `content is missing: send {"content": "...", "key": "..."}`);
  if (typeof content !== "string") throw new RequestError(422, `content must be a string, not ${typeOf(content)}`);
  if (key !== undefined && key !== null && typeof key !== "string") throw new RequestError(422, `key must be a string or null, not ${typeOf(key)}`);
  if (partition !== undefined && !(Number.isInteger(partition) && (partition as number) >= 0 && (partition as number) < partitions)) {
    throw new RequestError(422, `partition must be a whole number from 0 to ${partitions - 1}, or left out to partition by key; got ${JSON.stringify(partition)}`);
  }
  return { content, key: (key as string | undefined) ?? null, ...(partition === undefined ? {} : { partition: partition as number }) };
}

/**
 * Where `POST /consumers/reset` moves a group, as `kafka-consumer-groups --reset-offsets` would: one of `to`
 * (`earliest`, the default; `latest`; an offset; `datetime:<ISO-8601 with zone>`), `shift` (±N, clamped to the log)
 * or `by_duration` (`PnDTnHnMnS`); on every partition or only `partition`; `dry_run=true` shows the offsets and
 * changes nothing. `partitions` is how many the topic has. Every refusal is a 400 naming what to write instead.
 */
export function parseResetTarget(params: URLSearchParams, partitions: number): ResetTarget {
  const given = (["to", "shift", "by_duration"] as const).filter((name) => params.has(name));
  if (given.length > 1) throw new RequestError(400, `${words(given)} each say where to reset to: give one of them`);
  const partition = wholeNumber(params, "partition", "partition=0", false);
  if (partition !== undefined && partition >= partitions) {
    throw new RequestError(400, `there is no partition ${partition}: the topic has ${partitions === 1 ? "1 partition (0)" : `${partitions} partitions (0 to ${partitions - 1})`}`);
  }
  const dryRun = params.get("dry_run");
  if (dryRun !== null && dryRun !== "true" && dryRun !== "false")
    throw new RequestError(400, `dry_run "${dryRun}" is not true or false: give dry_run=true to see the offsets without moving them`);
  return { request: { spec: resetSpec(params), ...(partition === undefined ? {} : { partition }) }, dryRun: dryRun === "true" };
}

function resetSpec(params: URLSearchParams): ResetSpec {
  const shift = params.get("shift");
  if (shift !== null) return { to: "shift", by: orRefuse(parseShift(shift)) };
  const duration = params.get("by_duration");
  if (duration !== null) return { to: "duration", durationMs: orRefuse(parseDuration(duration)) };
  const to = params.get("to") ?? "earliest";
  if (to === "earliest" || to === "latest") return { to };
  if (/^\d{1,15}$/.test(to)) return { to: "offset", offset: Number(to) };
  if (to.startsWith("datetime:")) return { to: "datetime", timestamp: orRefuse(parseDatetime(to.slice("datetime:".length))) };
  throw new RequestError(400, `to "${to}" is not a reset target: use earliest, latest, an offset (a whole number) or datetime:<ISO-8601>, e.g. to=datetime:2026-01-01T12:00:00Z`);
}

function orRefuse(parsed: number | { error: string }): number {
  if (typeof parsed === "number") return parsed;
  throw new RequestError(400, parsed.error);
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
