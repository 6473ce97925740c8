#!/usr/bin/env tsx
/**
 * `npm run playground`: the original demo's web service, on a real broker.
 * Starts a broker (or uses KAFKA_BROKERS), a topic and consumers in groups A
 * and B that acknowledge only when told, and serves the demo's HTTP API and a
 * page on 127.0.0.1 (PLAYGROUND_PORT, or a free port). Ctrl-C stops it all.
 */
import { runPlayground } from "../src/playground/run-playground.js";

const code = await runPlayground(
  process.env,
  (line) => console.log(line),
  (line) => console.error(line),
);
process.exit(code);
