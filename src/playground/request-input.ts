import type { ResetTarget } from "../walkthrough/command.js";

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
  const { content, key, partition } = body as Record<string, unknown>;
  if (content === undefined) throw new RequestError(422, `content is missing: send {"content": "...", "key": "..."}`);
  if (typeof content !== "string") throw new RequestError(422, `content must be a string, not ${typeOf(content)}`);
  if (key !== undefined && key !== null && typeof key !== "string") throw new RequestError(422, `key must be a string or null, not ${typeOf(key)}`);
  if (partition !== undefined && !(Number.isInteger(partition) && (partition as number) >= 0 && (partition as number) < partitions)) {
    throw new RequestError(422, `partition must be a whole number from 0 to ${partitions - 1}, or left out to partition by key; got ${JSON.stringify(partition)}`);
  }
  return { content, key: (key as string | undefined) ?? null, ...(partition === undefined ? {} : { partition: partition as number }) };
}

/** Where `POST /consumers/reset?to=...` moves a group: `earliest` (the default), `latest`, or an offset for every partition. */
export function parseResetTarget(params: URLSearchParams): ResetTarget {
  const to = params.get("to") ?? "earliest";
  if (to === "earliest" || to === "latest") return { to };
  if (/^\d{1,15}$/.test(to)) return { to: "offset", position: { offset: Number(to) } };
  throw new RequestError(400, `to "${to}" is not a reset target: use earliest, latest or an offset (a whole number)`);
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
