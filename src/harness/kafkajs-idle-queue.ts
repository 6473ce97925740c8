import { createRequire } from "node:module";

/**
 * kafkajs 2.2.4 schedules a check of a connection's pending requests after
 * every response, even when nothing is pending. Its delay is then the end of
 * client-side throttling minus now, and with no throttle in force that is
 * `-1 - Date.now()`: a negative timeout, which Node runs after 1 ms. So an idle
 * connection wakes every millisecond, rescheduling itself each time, and from
 * Node 23 on every such timer prints a TimeoutNegativeWarning on stderr. No
 * client setting avoids it (reported upstream: tulios/kafkajs#1751).
 *
 * A check is only needed for a request that waits in the queue, and the queue
 * schedules one whenever it puts a request there; so a queue with nothing
 * pending skips the check. Every other path runs kafkajs' own code unchanged.
 * Applied once, when the module every client comes from is loaded.
 */
interface RequestQueue {
  pending: unknown[];
  scheduleCheckPendingRequests(this: RequestQueue): void;
}

const APPLIED = Symbol.for("kafka-consumer-group-proofs.kafkajs-idle-queue");

interface RequestQueueClass {
  prototype: RequestQueue & { [APPLIED]?: true };
}

/** kafkajs' request queue class, from the same module instance its clients use (kafkajs has no `exports` map, so the path is reachable). */
export function kafkajsRequestQueue(): RequestQueueClass {
  return createRequire(import.meta.url)("kafkajs/src/network/requestQueue/index.js") as RequestQueueClass;
}

export function skipIdleRequestQueueChecks(): void {
  const { prototype } = kafkajsRequestQueue();
  if (prototype[APPLIED]) return;
  // Kept unbound on purpose: the wrapper below calls it with the queue it runs on as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const schedule = prototype.scheduleCheckPendingRequests;
  if (typeof schedule !== "function") {
    throw new Error(
      "kafkajs' request queue has no scheduleCheckPendingRequests: src/harness/kafkajs-idle-queue.ts was written for kafkajs 2.2.4; check it against the installed version.",
    );
  }
  prototype.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length > 0) schedule.call(this);
  };
  prototype[APPLIED] = true;
}
