import { startBroker } from "../broker/start-broker.js";
import { describeBroker, type BrokerInfo } from "../broker/started-broker.js";
import { BrokerError, ConfigError, SetupError } from "../errors.js";
import { withTimeout } from "../harness/wait.js";
import { StopRequest } from "../walkthrough/stop-request.js";
import { WalkthroughSession } from "../walkthrough/walkthrough-session.js";
import { PlaygroundActions } from "./playground-actions.js";
import { startPlaygroundServer, type PlaygroundServer } from "./playground-server.js";

/**
 * Three partitions: enough for a second and a third member of group A to each
 * take one (the split is the point of adding them), and a fourth to sit idle.
 * The original scenario writes to partition 0 only, so its offsets read as the
 * one-partition demo's did.
 */
export const PLAYGROUND_PARTITIONS = 3;
/** Closing the clients waits on the broker; past this, stopping goes on without them. */
const CLOSE_TIMEOUT_MS = 20_000;

/** A playground on a broker someone else started: the session, its actions and its server. Disposing closes server, then clients. */
export interface OpenPlayground {
  session: WalkthroughSession;
  server: PlaygroundServer;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function openPlayground(broker: BrokerInfo, options: { port?: number } = {}): Promise<OpenPlayground> {
  let session: WalkthroughSession;
  try {
    session = await WalkthroughSession.open(broker, { partitions: PLAYGROUND_PARTITIONS, prefix: "playground", groups: ["A", "B"] });
  } catch (error) {
    throw new BrokerError(
      `Could not set up the playground's topic and consumers on ${broker.bootstrapServers.join(",")}: ${(error as Error).message}`,
      "Check that the cluster lets this client create topics and join consumer groups; KAFKAJS_LOG_LEVEL=info shows the client's side.",
      { cause: error },
    );
  }
  let server: PlaygroundServer;
  try {
    server = await startPlaygroundServer(new PlaygroundActions(session), options);
  } catch (error) {
    await session[Symbol.asyncDispose]();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new ConfigError(`Port ${options.port} (PLAYGROUND_PORT) is taken on 127.0.0.1.`, "Choose another port, or unset PLAYGROUND_PORT for a free one.");
    }
    throw error;
  }
  const close = async () => {
    await server.close();
    await withTimeout("the playground's clients to close", session[Symbol.asyncDispose](), CLOSE_TIMEOUT_MS);
  };
  return { session, server, [Symbol.asyncDispose]: close };
}

/** `PLAYGROUND_PORT`, or 0 for a free port. */
export function playgroundPort(env: NodeJS.ProcessEnv): number {
  const raw = env.PLAYGROUND_PORT?.trim();
  if (!raw) return 0;
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new ConfigError(`PLAYGROUND_PORT="${raw}" is not a port number.`, "Set it to a port from 1 to 65535, or unset it for a free one.");
  return port;
}

/**
 * The whole `npm run playground`: starts (or connects to) a broker, opens the
 * playground on it, prints its URL, and on Ctrl-C or SIGTERM closes the
 * server, the clients and the broker, in that order. Returns the exit code:
 * 0 when stopped, 1 on a setup problem (with its clear message).
 */
export async function runPlayground(env: NodeJS.ProcessEnv, print: (line: string) => void, printError: (line: string) => void): Promise<number> {
  const stop = new StopRequest();
  // Registered before anything starts, so a signal during a start is a clean stop, not an abrupt exit.
  const onSignal = (signal: NodeJS.Signals) => void stop.request(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const port = playgroundPort(env);
    const broker = await startBroker(env, print);
    try {
      print(describeBroker(broker));
      if (stop.reason !== undefined) return 0;
      const playground = await openPlayground(broker, { port });
      try {
        print(`topic ${playground.session.topic}: ${PLAYGROUND_PARTITIONS} partitions; groups ${playground.session.labels().join(" and ")}, one consumer each`);
        print(`Playground: ${playground.server.url}`);
        print("Open it in a browser, or call the API with that token (README: Playground). Ctrl-C stops everything.");
        print(`${await stop.requested}: stopping the server and the consumers...`);
      } finally {
        await playground[Symbol.asyncDispose]().catch((error: Error) => printError(`${error.message}; stopping without them`));
      }
    } finally {
      if (broker.mode !== "external") print("stopping the broker; its data goes with it...");
      await broker.stop();
    }
    print("stopped.");
    return 0;
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    printError(error.message);
    return 1;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
