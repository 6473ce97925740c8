#!/usr/bin/env -S node --import tsx
/**
 * `npm run playground`: the original demo's web service, on a real broker.
 * Starts a broker (or uses KAFKA_BROKERS), a topic and consumers in groups A
 * and B that acknowledge only when told, and serves the demo's HTTP API and a
 * page on 127.0.0.1 (PLAYGROUND_PORT, or a free port). Ctrl-C stops it all.
 *
 * Run as `node --import tsx`, not through the tsx command: that one relays
 * Ctrl-C to a child process and kills it outright if the child has not
 * acknowledged the signal within some 60 ms, which a busy machine misses; the
 * broker and the clients then stop without their orderly shutdown.
 */
import { runPlayground } from "../src/playground/run-playground.js";

const code = await runPlayground(
  process.env,
  (line) => console.log(line),
  (line) => console.error(line),
);
process.exit(code);
