import { randomBytes, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InputError } from "../walkthrough/input-error.js";
import { openApiDocument, routeName } from "./openapi.js";
import { JOINABLE_GROUPS, type PlaygroundActions } from "./playground-actions.js";
import { checkArguments, knownGroup, matchRoute, MAX_BODY_BYTES, parseProduceBody, parseResetTarget, RequestError, wholeNumber } from "./request-input.js";

const PAGE = new URL("./page/", import.meta.url);

export interface PlaygroundServer extends AsyncDisposable {
  /** The page's address, token included: `http://127.0.0.1:PORT/?token=...`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * The playground's HTTP API and page on 127.0.0.1. Every request must carry
 * the run's random token (`?token=` or the `X-Playground-Token` header):
 * any local process can reach a loopback port, and only the one that was
 * shown the URL may drive the playground. Requests that change something run
 * one at a time, so two resets never interleave.
 */
export async function startPlaygroundServer(actions: PlaygroundActions, options: { port?: number } = {}): Promise<PlaygroundServer> {
  const token = randomBytes(16).toString("hex");
  const [html, script] = await Promise.all([readFile(new URL("index.html", PAGE), "utf8"), readFile(new URL("page.js", PAGE), "utf8")]);
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof RequestError ? error.status : error instanceof InputError ? 409 : 500;
      const message = error instanceof Error ? error.message : String(error);
      send(response, status, { detail: message.split("\n")[0] });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://playground");
    if (!hasToken(request, url, token)) {
      request.resume();
      throw new RequestError(401, "missing or wrong token: use the URL the playground printed (…/?token=…), or send it as the X-Playground-Token header");
    }
    const at = `${request.method} ${url.pathname}`;
    const matched = matchRoute(request.method ?? "", url.pathname);
    if (matched === undefined) {
      request.resume();
      throw new RequestError(404, `no route ${at}: see GET /openapi.json for the routes`);
    }
    // Every route reads its body, even one that takes none: a body is refused, never ignored, however it was sent.
    const body = await readBody(request);
    checkArguments(matched.route, at, url.searchParams, body);
    const labels = actions.session.labels();
    const name = routeName(matched.route);
    switch (name) {
      case "GET /":
        if ((request.headers.accept ?? "").includes("text/html")) return sendText(response, "text/html; charset=utf-8", html.replaceAll("__TOKEN__", token));
        return send(response, 200, {
          status: "running",
          message: "Kafka consumer groups playground",
          topic: actions.session.topic,
          groups: Object.fromEntries(labels.map((l) => [l, actions.session.groupIds[l]])),
          broker: actions.session.broker.bootstrapServers,
        });
      case "GET /page.js":
        return sendText(response, "text/javascript; charset=utf-8", script);
      case "GET /openapi.json":
        return send(response, 200, openApiDocument());
      case "GET /consumers/status":
        return send(response, 200, await actions.status());
      case "POST /produce": {
        const partitions = (await actions.session.logs()).length;
        const input = parseProduceBody(body, partitions);
        return send(response, 200, await oneAtATime(() => actions.produce(input)));
      }
      case "POST /consumers/reset": {
        const group = url.searchParams.get("group");
        const chosen = group === null || group === "" ? labels : [knownGroup(group, labels)];
        const target = parseResetTarget(url.searchParams, (await actions.session.logs()).length);
        return send(response, 200, await oneAtATime(() => actions.reset(chosen, target)));
      }
      case "POST /scenario/original":
        return send(response, 200, await oneAtATime(() => actions.originalScenario()));
      case "POST /consumers/{group}/join": {
        const label = knownGroup(matched.group!, [...new Set([...labels, ...JOINABLE_GROUPS])]);
        return send(response, 200, await oneAtATime(() => actions.join(label)));
      }
      case "POST /consumers/{group}/acknowledge": {
        const label = knownGroup(matched.group!, labels);
        const offset = wholeNumber(url.searchParams, "message_offset", "message_offset=4", true);
        const partition = wholeNumber(url.searchParams, "partition", "partition=0", false) ?? 0;
        return send(response, 200, await oneAtATime(() => actions.acknowledge(label, partition, offset)));
      }
      default: {
        const unhandled: never = name;
        throw new Error(`the route ${String(unhandled)} is described but has no handler`);
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeServer(server));
  return { url: `http://127.0.0.1:${port}/?token=${token}`, port, token, close, [Symbol.asyncDispose]: close };
}

function hasToken(request: IncomingMessage, url: URL, token: string): boolean {
  const given = url.searchParams.get("token") ?? request.headers["x-playground-token"];
  if (typeof given !== "string" || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/** The body as text; a body over `MAX_BODY_BYTES` is refused without reading the rest. */
function readBody(request: IncomingMessage): Promise<string> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    request.resume();
    return Promise.reject(new RequestError(413, `the body is ${declared} bytes; the playground takes at most ${MAX_BODY_BYTES}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () =>
      size > MAX_BODY_BYTES
        ? reject(new RequestError(413, `the body is over ${MAX_BODY_BYTES} bytes, the most the playground takes`))
        : resolve(Buffer.concat(chunks).toString("utf8")),
    );
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(`${JSON.stringify(body)}\n`);
}

function sendText(response: ServerResponse, type: string, text: string): void {
  response.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
