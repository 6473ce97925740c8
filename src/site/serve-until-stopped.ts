import { serveStatic, type StaticServer } from "./static-server.js";

/** The port `npm start` prefers, so the URL stays the same from one run to the next. */
export const PREFERRED_PORT = 4173;

/**
 * Serves the built site on `port` (or any free port when that one is taken),
 * reports its URL, and keeps it up until Ctrl-C or SIGTERM.
 */
export async function serveUntilStopped(root: string, options: { port: number; base: string; onReady: (url: string) => void }): Promise<void> {
  let server: StaticServer;
  try {
    server = await serveStatic(root, { port: options.port, base: options.base });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    server = await serveStatic(root, { port: 0, base: options.base });
  }
  options.onReady(server.url);
  await new Promise<void>((resolve, reject) => {
    // A server that does not close is the caller's error to report, not an unhandled rejection.
    const stop = () => {
      server.close().then(resolve, reject);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
