import { startBroker } from "../broker/start-broker.js";
import { describeBroker, type StartedBroker } from "../broker/started-broker.js";
import { BrokerError, SetupError } from "../errors.js";
import { withTimeout } from "../harness/wait.js";
import { GROUP_LABELS } from "./command.js";
import { Printer, type Palette } from "./printer.js";
import { promptLoop } from "./prompt-loop.js";
import { StopRequest } from "./stop-request.js";
import { plural } from "./unacknowledged.js";
import { USAGE, parseWalkthroughArgs, type WalkthroughOptions } from "./walkthrough-options.js";
import { WalkthroughSession } from "./walkthrough-session.js";

/** Closing the clients waits on the broker; past this, stopping goes on without them. */
const CLOSE_TIMEOUT_MS = 20_000;

export interface WalkthroughIo {
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where a setup problem that ends the command is written. */
  errors: NodeJS.WritableStream;
  palette: Palette;
}

/**
 * The whole `npm run walkthrough`: starts (or connects to) a broker, opens a
 * session on it, reads commands until quit, end of input, Ctrl-C or SIGTERM,
 * then closes the clients and stops the broker, in that order. Returns the
 * exit code: 0 for every way of stopping, 1 when the broker or the session
 * could not be set up (with the clear message of a `SetupError`).
 */
export async function runWalkthrough(io: WalkthroughIo): Promise<number> {
  const printer = new Printer((text) => io.output.write(text), io.palette);
  const stop = new StopRequest();
  // Registered before anything starts, so a signal during a start is a clean stop, not an abrupt exit.
  const onSignal = (signal: NodeJS.Signals) => void stop.request(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const options = parseWalkthroughArgs(io.args);
    if (options.help) {
      printer.line(USAGE);
      return 0;
    }
    const broker = await startBroker(io.env, (message) => printer.note(message));
    try {
      printer.heading(describeBroker(broker));
      await runSession(broker, options, io, printer, stop);
    } finally {
      if (broker.mode !== "external") printer.note("stopping the broker; its data goes with it...");
      await broker.stop();
    }
    printer.note(broker.mode === "external" ? "stopped; the walkthrough's topic and groups were deleted from the cluster." : "stopped.");
    return 0;
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    io.errors.write(`${io.palette.error(error.message)}\n`);
    return 1;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function runSession(broker: StartedBroker, options: WalkthroughOptions, io: WalkthroughIo, printer: Printer, stop: StopRequest): Promise<void> {
  if (stop.reason !== undefined) return printer.note(`${stop.reason}: stopping before the walkthrough started.`);
  let session: WalkthroughSession;
  try {
    session = await WalkthroughSession.open(broker, { partitions: options.partitions });
  } catch (error) {
    throw new BrokerError(
      `Could not set up the walkthrough's topic and consumers on ${broker.bootstrapServers.join(",")}: ${(error as Error).message}`,
      "Check that the cluster lets this client create topics and join consumer groups; KAFKAJS_LOG_LEVEL=info shows the client's side.",
      { cause: error },
    );
  }
  try {
    printer.line(`topic ${session.topic}: ${plural(options.partitions, "partition")}`);
    for (const label of GROUP_LABELS) {
      printer.line(`group ${label} is ${session.groupIds[label]}; its consumer ${session.clientId(label)} has joined and acknowledges only when you ack`);
    }
    printer.note("Type help for the commands, quit to stop.");
    const end =
      stop.reason ??
      (await promptLoop({
        session,
        printer,
        input: io.input,
        output: io.output,
        terminal: io.input.isTTY === true && io.output.isTTY === true,
        echo: io.input.isTTY !== true,
        stop,
      }));
    printer.note(`${end === "stop requested" ? stop.reason : end}: stopping consumers A and B...`);
  } finally {
    await withTimeout("the walkthrough's clients to close", session[Symbol.asyncDispose](), CLOSE_TIMEOUT_MS).catch((error: Error) =>
      printer.error(`${error.message}; stopping without them`),
    );
  }
}
