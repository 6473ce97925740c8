import { spawn } from "node:child_process";

/**
 * Keeps a broker container from outliving the process that started it, without
 * Ryuk (whose image must come from a registry): a detached watchdog polls the
 * owner, and when it is gone (Ctrl-C, a crash, `kill -9`) removes the containers
 * of that start through the engine's Docker API. That API is the one thing Docker
 * and podman share, and Node is the one program certainly there, so the watchdog
 * is a few lines of Node rather than the docker CLI or curl, either of which may
 * be absent. Should the watchdog die too, the next start removes what is left
 * (`leftover-containers.ts`).
 */

/** Where the engine's API answers, as Node's http/https `request` wants it. */
export type EngineAddress = { socketPath: string } | { host: string; port: number; tls?: { ca?: string; cert?: string; key?: string } };

/** The fields of dockerode's modem (docker-modem) that say where it connects; its typings omit them. */
interface ModemFields {
  socketPath?: unknown;
  host?: unknown;
  port?: unknown;
  protocol?: unknown;
  ca?: unknown;
  cert?: unknown;
  key?: unknown;
}

/** The address testcontainers' client talks to; undefined for engines reached over SSH, which only it can reach. */
export function engineAddress(dockerModem: object): EngineAddress | undefined {
  const modem = dockerModem as ModemFields;
  if (typeof modem.socketPath === "string" && modem.socketPath) return { socketPath: modem.socketPath };
  if (typeof modem.host !== "string" || !modem.host || modem.protocol === "ssh") return undefined;
  const port = Number(modem.port);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  if (modem.protocol !== "https") return { host: modem.host, port };
  const pem = (value: unknown) => (typeof value === "string" || Buffer.isBuffer(value) ? value.toString() : undefined);
  return { host: modem.host, port, tls: { ca: pem(modem.ca), cert: pem(modem.cert), key: pem(modem.key) } };
}

/**
 * The watchdog's program (CommonJS, for `node -e`). Arguments: owner pid, label filter.
 * The engine address comes in the environment, so TLS keys stay out of `ps` output.
 */
const WATCHDOG = `
const [owner, label] = process.argv.slice(1);
const engine = JSON.parse(process.env.KAFKA_PROOFS_ENGINE);
const lib = engine.tls ? require("node:https") : require("node:http");
const target = engine.socketPath ? { socketPath: engine.socketPath } : { host: engine.host, port: engine.port, ...engine.tls };
function call(method, path) {
  return new Promise((resolve) => {
    const req = lib.request({ ...target, method, path, timeout: 10000 }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk) => (body += chunk)).on("end", () => resolve(body));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(undefined));
    req.end();
  });
}
function alive(pid) {
  try { process.kill(pid, 0); return true; } catch (error) { return error.code === "EPERM"; }
}
async function removeAll() {
  const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
  for (let attempt = 0; attempt < 5; attempt++) {
    const listed = await call("GET", "/containers/json?all=true&filters=" + filters);
    try {
      for (const container of JSON.parse(listed)) await call("DELETE", "/containers/" + container.Id + "?force=true&v=true");
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
const timer = setInterval(() => {
  if (alive(Number(owner))) return;
  clearInterval(timer);
  removeAll().finally(() => process.exit(0));
}, 500);
`;

export interface Watchdog {
  /** The owner has removed the containers itself: the watchdog is no longer needed. */
  release(): void;
}

/** Starts a watchdog that removes the containers labelled `label` (`key=value`) once `ownerPid` has died. */
export function watchContainers(address: EngineAddress | undefined, label: string, ownerPid = process.pid): Watchdog {
  if (!address) return { release: () => undefined };
  const watchdog = spawn(process.execPath, ["-e", WATCHDOG, String(ownerPid), label], {
    // Its own process group: Ctrl-C in the terminal reaches the owner, not the watchdog.
    detached: true,
    stdio: "ignore",
    env: { PATH: process.env.PATH, KAFKA_PROOFS_ENGINE: JSON.stringify(address) },
  });
  watchdog.unref();
  return {
    release() {
      if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill("SIGKILL");
    },
  };
}
