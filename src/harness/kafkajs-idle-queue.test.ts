import { afterEach, describe, expect, test, vi } from "vitest";
import "./client-settings.js";
import { kafkajsRequestQueue } from "./kafkajs-idle-queue.js";
import { waitFor } from "./wait.js";

/** kafkajs' own request queue (one per broker connection), driven without a socket. */
interface Queue {
  maybeThrottle(ms: number): void;
  push(request: { entry: { correlationId: number; resolve: () => void; reject: (error: Error) => void }; expectResponse: boolean; sendRequest: () => void }): void;
  fulfillRequest(response: { correlationId: number; payload: null; size: number }): void;
  destroy(): void;
}

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function newQueue(): Queue {
  // The class is plain JavaScript; this is the part of its constructor's contract the tests use.
  const RequestQueue = kafkajsRequestQueue() as unknown as new (options: object) => Queue;
  return new RequestQueue({ maxInFlightRequests: null, requestTimeout: 1_000, enforceRequestTimeout: false, clientId: "idle-queue-test", broker: "nowhere:0", logger: silent });
}

describe("kafkajs' request queue, as every client here uses it", () => {
  let queue: Queue | undefined;
  afterEach(() => {
    queue?.destroy();
    vi.restoreAllMocks();
  });

  test("a response with nothing pending sets no timer with a negative delay (Node 23+ prints a warning for each)", () => {
    queue = newQueue();
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    queue.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    queue.fulfillRequest({ correlationId: 2, payload: null, size: 0 });
    expect(setTimeoutSpy.mock.calls.map(([, ms]) => ms).filter((ms) => typeof ms !== "number" || ms < 0)).toEqual([]);
  });

  test("a request held back by client-side throttling is still sent once the throttle ends", async () => {
    queue = newQueue();
    let sent = 0;
    queue.maybeThrottle(30);
    queue.push({ entry: { correlationId: 1, resolve: () => undefined, reject: () => undefined }, expectResponse: false, sendRequest: () => sent++ });
    expect(sent, "sent during the throttle").toBe(0);
    await waitFor("the throttled request to be sent", () => (sent === 1 ? true : undefined), { timeoutMs: 2_000, intervalMs: 5 });
  });
});
