#!/usr/bin/env tsx
/**
 * `npm run kafka`: a broker in the foreground for exploring by hand.
 * Prints its address, then waits; Ctrl-C stops it and removes its data.
 */
import { chalk, echo } from "zx";
import { startBroker } from "../src/broker/start-broker.js";
import { describeBroker } from "../src/broker/started-broker.js";
import { SetupError } from "../src/errors.js";

try {
  const broker = await startBroker();
  echo(chalk.green(describeBroker(broker)));
  echo(`Try: kcat -b ${broker.bootstrapServers.join(",")} -L     (Ctrl-C stops the broker)`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    echo(`\n${signal}: stopping the broker...`);
    await broker.stop();
    echo("Stopped; its data is gone.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  // Keeps the event loop alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  echo(chalk.red(error.message));
  process.exit(1);
}
