import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RefusedRequest, type GroupKind, type ToolAnswer, type ToolDryRun } from "./server-protocol.js";

/**
 * The tool server lives in the test run's main process (the global setup), and
 * proofs run in worker processes: they reach it over loopback HTTP.
 *
 *     POST <url>  {"groups": ["g1", "g2"], "bootstrapServers"?: ["host:port"], "kind"?: "consumer" | "share",
 *                  "clientProperties"?: {"security.protocol": "SASL_PLAINTEXT", …}}
 *       →  200 ToolAnswer as JSON;  403 / 400 / 502 {"error": "..."}
 *
 *     POST <url>  {"resets": [["--group", "g", "--topic", "t:0", "--shift-by", "-3"], …], "bootstrapServers"?: …, "clientProperties"?: …}
 *       →  200 ToolDryRun[] as JSON: `kafka-consumer-groups --reset-offsets --dry-run <args>` for each
 *
 * Without `bootstrapServers` the tool asks the broker it was started for.
 *
 * Any local process can reach a loopback port, so every request must carry the
 * run's key: random, made here when the server starts, and known only through
 * the URL, which the run hands its workers through vitest's provided context (never
 * a command line or the environment). A request without it is refused before its
 * body is read.
 */
export const DESCRIBE_PATH = "/describe";
const KEY_PARAMETER = "key";
/** Group ids are at most a few hundred bytes each; anything larger is not a request from us. */
const MAX_BODY_BYTES = 1 << 20;

export interface DescribeRequest {
  groups: string[];
  bootstrapServers: string[];
  /** Which tool describes them: consumer groups (the default) or share groups. */
  kind: GroupKind;
  /** The tool's client properties for a broker that needs SASL/TLS, as `--command-config` would give them. */
  clientProperties: Record<string, string>;
}

/** Dry runs of resets, each the tool's arguments after `--reset-offsets --dry-run`. */
export interface DryRunRequest {
  resets: string[][];
  bootstrapServers: string[];
  clientProperties: Record<string, string>;
}

type Handlers = { describe: (request: DescribeRequest) => Promise<ToolAnswer>; dryRun?: (request: DryRunRequest) => Promise<ToolDryRun[]> };

export interface ToolHttpServer extends AsyncDisposable {
  /** Where to POST group ids. */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveGroupTool(
  describe: (request: DescribeRequest) => Promise<ToolAnswer>,
  dryRun?: (request: DryRunRequest) => Promise<ToolDryRun[]>,
): Promise<ToolHttpServer> {
  const handlers: Handlers = { describe, ...(dryRun ? { dryRun } : {}) };
  const key = randomBytes(32).toString("hex");
  const server = createServer((request, response) => {
    // What the handler does not answer itself (a request line whose URL does not parse) is answered 500 here: a
    // rejection left unhandled would end the process that serves the whole test run.
    handle(request, response, key, handlers).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else reply(response, 500, { error: messageOf(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  return { url: `http://127.0.0.1:${port}${DESCRIBE_PATH}?${KEY_PARAMETER}=${key}`, close, [Symbol.asyncDispose]: close };
}

async function handle(request: IncomingMessage, response: ServerResponse, key: string, { describe, dryRun }: Handlers): Promise<void> {
  const target = new URL(request.url ?? "/", "http://127.0.0.1");
  if (!sameKey(target.searchParams.get(KEY_PARAMETER), key)) {
    return reply(response, 403, {
      error: 'this consumer-groups tool server answers only the test run that started it; use the URL its global setup provides (inject("groupTool")), key included',
    });
  }
  if (request.method !== "POST" || target.pathname !== DESCRIBE_PATH) {
    return reply(response, 404, { error: `POST ${DESCRIBE_PATH} with {"groups": [...]} is the only request served here` });
  }
  const text = await readBody(request).catch((error: unknown) => error as Error);
  const resets = typeof text === "string" ? dryRunRequest(text) : undefined;
  if (resets !== undefined) {
    if ("error" in resets) return reply(response, 400, { error: `the request was not {"resets": [[non-empty strings], …], …}: ${resets.error}` });
    if (!dryRun) return reply(response, 404, { error: "this server runs no dry runs of resets" });
    try {
      return reply(response, 200, await dryRun(resets));
    } catch (error) {
      return reply(response, error instanceof RefusedRequest ? 400 : 502, { error: messageOf(error) });
    }
  }
  let body: DescribeRequest;
  try {
    if (typeof text !== "string") throw text;
    body = describeRequest(text);
  } catch (error) {
    return reply(response, 400, {
      error: `the request was not {"groups": [non-empty strings], "bootstrapServers"?: [strings], "kind"?: "consumer" | "share", "clientProperties"?: {string: string}}: ${messageOf(error)}`,
    });
  }
  try {
    reply(response, 200, await describe(body));
  } catch (error) {
    reply(response, error instanceof RefusedRequest ? 400 : 502, { error: messageOf(error) });
  }
}

function sameKey(given: string | null, key: string): boolean {
  const [a, b] = [Buffer.from(given ?? ""), Buffer.from(key)];
  return a.length === b.length && timingSafeEqual(a, b);
}

function describeRequest(body: string): DescribeRequest {
  const parsed = JSON.parse(body) as { groups?: unknown; bootstrapServers?: unknown; kind?: unknown; clientProperties?: unknown } | null;
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "");
  const groups = parsed?.groups;
  const bootstrapServers = parsed?.bootstrapServers ?? [];
  const kind = parsed?.kind ?? "consumer";
  const clientProperties = parsed?.clientProperties ?? {};
  const properties = (value: unknown): value is Record<string, string> =>
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
  if (!strings(groups) || groups.length === 0 || !strings(bootstrapServers) || (kind !== "consumer" && kind !== "share") || !properties(clientProperties)) {
    // Not the body itself: its client properties may hold a password.
    throw new Error(
      `got ${JSON.stringify({ groups, bootstrapServers, kind, clientProperties: properties(clientProperties) ? Object.keys(clientProperties) : typeof clientProperties }).slice(0, 200)}`,
    );
  }
  return { groups, bootstrapServers, kind, clientProperties };
}

/** A body with `resets` asks for dry runs (or is refused as one); undefined for any other body. */
function dryRunRequest(body: string): DryRunRequest | { error: string } | undefined {
  let parsed: { resets?: unknown; bootstrapServers?: unknown; clientProperties?: unknown } | null;
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || !("resets" in parsed)) return undefined;
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "");
  const { resets, bootstrapServers = [], clientProperties = {} } = parsed;
  const properties =
    typeof clientProperties === "object" && clientProperties !== null && !Array.isArray(clientProperties) && Object.values(clientProperties).every((v) => typeof v === "string");
  if (!Array.isArray(resets) || resets.length === 0 || !resets.every((run) => strings(run) && run.length > 0) || !strings(bootstrapServers) || !properties) {
    return { error: `got ${JSON.stringify({ resets, bootstrapServers }).slice(0, 200)}` };
  }
  return { resets: resets as string[][], bootstrapServers, clientProperties: clientProperties as Record<string, string> };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`more than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
