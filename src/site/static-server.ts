import { constants, existsSync } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** A running server for the built site; closing it (or `await using`) drops open connections too. */
export interface StaticServer extends AsyncDisposable {
  /** The site's root URL, base included: `http://127.0.0.1:4173/`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The URL path the site was built for (`/` or `/<repository>/`). */
  base?: string;
}

/**
 * Serves the files under `root` read-only, as a static host (GitHub Pages) would:
 * `/x/` → `/x/index.html`, `/x` → `/x.html` when that exists, 404.html otherwise.
 * A file that cannot be read (a rebuild under way) fails its own request with a 404 or
 * 500, never the server; links are followed only while they stay inside `root`.
 */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  if (!existsSync(join(root, "index.html"))) {
    throw new Error(`${root} holds no built site (no index.html).\n  → Build it first: npm run docs:build`);
  }
  const base = options.base ?? "/";
  const host = options.host ?? "127.0.0.1";
  const server = createServer((request, response) => {
    respond(root, base, request.url ?? "/", response).catch(() => {
      if (response.headersSent) response.destroy();
      else response.writeHead(500, { "content-type": "text/plain" }).end("The file could not be read");
    });
  });
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return { url: `http://${host}:${port}${base}`, close, [Symbol.asyncDispose]: close };
}

async function respond(root: string, base: string, url: string, response: ServerResponse): Promise<void> {
  // Resolved for each request: the folder may be removed and built again while it is served.
  const realRoot = await realpath(root).catch(() => undefined);
  const page = realRoot === undefined ? undefined : await readPage(realRoot, base, url);
  const found = page ?? (realRoot === undefined ? undefined : await readInside(realRoot, join(realRoot, "404.html")));
  if (!found) {
    response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    return;
  }
  const headers = { "content-type": CONTENT_TYPES[extname(found.path)] ?? "application/octet-stream", "cache-control": "no-store" };
  response.writeHead(page ? 200 : 404, headers).end(found.body);
}

interface FoundFile {
  path: string;
  body: Buffer;
}

/** The page for a request path, or undefined; never a file outside `realRoot`. */
async function readPage(realRoot: string, base: string, url: string): Promise<FoundFile | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, "http://site").pathname);
  } catch {
    return undefined;
  }
  if (!path.startsWith(base)) return undefined;
  const candidate = join(realRoot, normalize(path.slice(base.length)));
  for (const file of [candidate, join(candidate, "index.html"), `${candidate}.html`]) {
    const found = await readInside(realRoot, file);
    if (found) return found;
  }
  return undefined;
}

/**
 * The file's content, if it is a regular file whose real path (links resolved) lies
 * inside `realRoot`. What is opened is the real path checked, and its handle is what is
 * read, so a file swapped between the check and the read is not read in its place.
 */
async function readInside(realRoot: string, file: string): Promise<FoundFile | undefined> {
  const real = await realpath(file).catch(() => undefined);
  if (real === undefined || !real.startsWith(realRoot + sep)) return undefined;
  // Non-blocking: opening a named pipe would otherwise wait for a writer, holding the request forever.
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
  if (!handle) return undefined;
  try {
    if (!(await handle.stat()).isFile()) return undefined;
    // Read whole: a built site's files are small, and an error then comes before any header is sent.
    return { path: real, body: await handle.readFile() };
  } finally {
    await handle.close();
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
