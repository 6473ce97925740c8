import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
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
 */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  if (!existsSync(join(root, "index.html"))) {
    throw new Error(`${root} holds no built site (no index.html).\n  → Build it first: npm run docs:build`);
  }
  const base = options.base ?? "/";
  const host = options.host ?? "127.0.0.1";
  const server = createServer((request, response) => {
    const file = resolveFile(root, base, request.url ?? "/");
    const status = file ? 200 : 404;
    const path = file ?? join(root, "404.html");
    if (!existsSync(path)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    response.writeHead(status, { "content-type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" });
    createReadStream(path).pipe(response);
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

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** The file for a request path, or undefined; never a file outside `root`. */
function resolveFile(root: string, base: string, url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, "http://site").pathname);
  } catch {
    return undefined;
  }
  if (!path.startsWith(base)) return undefined;
  const relative = normalize(path.slice(base.length));
  const candidate = join(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  for (const file of [candidate, join(candidate, "index.html"), `${candidate}.html`]) {
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}
