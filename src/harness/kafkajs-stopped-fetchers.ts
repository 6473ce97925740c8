import { createRequire } from "node:module";

/**
 * kafkajs 2.2.4 can leave a stopped consumer's fetchers spinning for ever, at full CPU: a consumer stopped while its
 * fetch manager is replacing its fetchers (the brokers it fetches from changed: one was killed, or its connections were
 * cut) gets new fetchers after the stop, and each loops on its runner's `fetch`, which answers a stopped runner at
 * once with nothing, without ever waiting. Seen in fault campaigns, where members are cut off and stopped while brokers
 * die: the process's event loop never got a turn again.
 *
 * Here a stopped runner's `fetch` fails instead: the fetcher ends on the error, the fetch manager gives it up, and
 * the runner's retry finds the runner stopped and schedules nothing more — the way a fetcher that was running
 * when the stop came ends anyway. A running consumer takes the same path as before.
 */
interface Runner {
  running: boolean;
  fetch(this: Runner, nodeId: number): Promise<unknown[]>;
}

const APPLIED = Symbol.for("kafka-consumer-group-proofs.kafkajs-stopped-fetchers");

export function endFetchersOfStoppedConsumers(): void {
  const { prototype } = createRequire(import.meta.url)("kafkajs/src/consumer/runner.js") as { prototype: Runner & { [APPLIED]?: true } };
  if (prototype[APPLIED]) return;
  // Kept unbound on purpose: the wrapper below calls it with the runner it runs on as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const fetch = prototype.fetch;
  if (typeof fetch !== "function") {
    throw new Error("kafkajs' consumer runner has no fetch: src/harness/kafkajs-stopped-fetchers.ts was written for kafkajs 2.2.4; check it against the installed version.");
  }
  prototype.fetch = function (this: Runner, nodeId: number) {
    if (!this.running) return Promise.reject(new Error("the consumer has stopped: its fetchers end"));
    return fetch.call(this, nodeId);
  };
  prototype[APPLIED] = true;
}
