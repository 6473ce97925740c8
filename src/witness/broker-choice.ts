import { RefusedRequest } from "./server-protocol.js";

/**
 * Which broker the tool server may ask, for a request that names `requested`.
 *
 * - None named, or the run's own broker (the same addresses in any order): the
 *   server's long-lived admin client. Returns `[]`, which the server reads as "yours".
 * - Another broker of this run: the only other brokers a run starts are a proof's
 *   dedicated native brokers, and those listen on loopback. Returned as given; the
 *   server builds an admin client for that one request and closes it after, so
 *   brokers that come and go leave nothing open.
 * - Anything else is refused. Only callers holding the run's key reach this point,
 *   so the rule guards against mistakes (a stray address would cost a 5 s timeout
 *   per group), not against strangers.
 */
export function brokerToAsk(requested: readonly string[], runBroker: readonly string[]): string[] {
  if (requested.length === 0 || sameAddresses(requested, runBroker)) return [];
  const elsewhere = requested.filter((address) => !isLoopbackAddress(address));
  if (elsewhere.length > 0) {
    throw new RefusedRequest(
      `the consumer-groups tool asks only this run's brokers: ${runBroker.join(",")} (the run's broker), or a broker on ` +
        `this machine's loopback (a proof's own native broker); got ${elsewhere.join(", ")}. ` +
        "Pass the bootstrap servers of the broker the scenario ran on.",
    );
  }
  return [...requested];
}

function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return new Set(a).size === set.size && a.every((address) => set.has(address));
}

/** `host:port` with a loopback host: `localhost`, `127.x.x.x` or `[::1]`. */
export function isLoopbackAddress(address: string): boolean {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(address);
  if (!match || Number(match[3]) < 1 || Number(match[3]) > 65_535) return false;
  const host = (match[1] ?? match[2]!).toLowerCase();
  return host === "localhost" || host === "::1" || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}
