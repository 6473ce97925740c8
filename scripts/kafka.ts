#!/usr/bin/env tsx
/**
 * `npm run kafka`: a broker in the foreground for exploring by hand.
 * Prints its address, then waits; Ctrl-C stops it and removes its data.
 *
 * `npm run kafka -- --brokers 3`: a native KRaft cluster of three nodes (each
 * a broker and a controller, `__consumer_offsets` on three replicas), and a
 * console: `nodes`, `coordinator <group-id>`, `kill <node>` (kill -9).
 */
import { createInterface } from "node:readline";
import { chalk, echo } from "zx";
import { startNativeCluster, type NativeCluster } from "../src/broker/native/native-cluster.js";
import { startBroker } from "../src/broker/start-broker.js";
import { describeBroker, type StartedBroker } from "../src/broker/started-broker.js";
import { ConfigError, SetupError } from "../src/errors.js";
import { askCoordinator, describeAnswer } from "../src/harness/coordinator.js";
import { kafkaVersionFrom } from "../src/kafka-version.js";
import { CLUSTER_HELP, parseClusterCommand, parseKafkaArgs } from "./kafka-args.js";

try {
  const { brokers } = parseKafkaArgs(process.argv.slice(2));
  let broker: StartedBroker;
  if (brokers === undefined) {
    broker = await startBroker();
  } else {
    const mode = process.env.KAFKA_MODE?.trim() || "native";
    if (mode !== "native") throw new ConfigError(`--brokers starts a native cluster, and KAFKA_MODE is ${mode}.`, "Unset KAFKA_MODE (or set it to native) for --brokers.");
    broker = await startNativeCluster({ version: kafkaVersionFrom(process.env), env: process.env, nodes: brokers, onProgress: (message) => echo(message) });
  }
  echo(chalk.green(describeBroker(broker)));
  echo(`Try: kcat -b ${broker.bootstrapServers.join(",")} -L     (Ctrl-C stops ${brokers === undefined ? "the broker" : "every node"})`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    echo(`\n${signal}: stopping...`);
    await broker.stop();
    echo("Stopped; its data is gone.");
    process.exit(0);
  };
  const on = (signal: string) => () => {
    shutdown(signal).catch((error: unknown) => {
      echo(chalk.red(`${signal}: the broker did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`));
      process.exit(1);
    });
  };
  process.on("SIGINT", on("SIGINT"));
  process.on("SIGTERM", on("SIGTERM"));
  if (brokers !== undefined) {
    const cluster = broker as NativeCluster;
    echo(nodeLines(cluster));
    echo(CLUSTER_HELP);
    serveConsole(cluster);
  }
  // Keeps the event loop alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  echo(chalk.red(error.message));
  process.exit(1);
}

function nodeLines(cluster: NativeCluster): string {
  return cluster.nodes.map((n) => `node ${n.nodeId}  ${n.address}  ${cluster.isRunning(n.nodeId) ? `running, pid ${cluster.pidOf(n.nodeId)}` : "killed"}`).join("\n");
}

/** Commands from stdin, one per line, each finished before the next; a bad one gets a one-line answer and the console carries on. */
function serveConsole(cluster: NativeCluster): void {
  const lines = createInterface({ input: process.stdin });
  let previous = Promise.resolve();
  lines.on("line", (line) => {
    previous = previous.then(async () => {
      try {
        const command = parseClusterCommand(line);
        if (!command) return;
        if (command.kind === "help") echo(CLUSTER_HELP);
        else if (command.kind === "nodes") echo(nodeLines(cluster));
        else if (command.kind === "kill") {
          await cluster.killNode(command.nodeId);
          echo(`node ${command.nodeId} killed (SIGKILL)`);
        } else {
          const asked = cluster.nodes.find((n) => cluster.isRunning(n.nodeId));
          if (!asked) throw new Error("no node is running");
          echo(`node ${asked.nodeId} says: group ${command.groupId}'s coordinator is ${describeAnswer(await askCoordinator(cluster, asked, command.groupId))}`);
        }
      } catch (error) {
        echo(chalk.red(error instanceof Error ? error.message : String(error)));
      }
    });
  });
}
