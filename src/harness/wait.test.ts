import { describe, expect, it } from "vitest";
import { waitFor, withTimeout, WaitTimeoutError } from "./wait.js";

describe("waitFor", () => {
  it("returns the probe's first defined value", async () => {
    let calls = 0;
    expect(await waitFor("three calls", () => (++calls >= 3 ? calls : undefined), { timeoutMs: 1_000, intervalMs: 1 })).toBe(3);
  });

  it("treats false as a value, not as 'not yet'", async () => {
    expect(await waitFor("a verdict", () => false, { timeoutMs: 100 })).toBe(false);
  });

  it("times out with its label and what it last saw", async () => {
    const error = await waitFor(
      "group A to be Stable",
      (note) => {
        note("PreparingRebalance, 1 member");
        return undefined;
      },
      { timeoutMs: 50, intervalMs: 10 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe("Timed out after 50 ms waiting for group A to be Stable; last seen: PreparingRebalance, 1 member");
  });

  it("keeps probing through errors and reports the last one", async () => {
    const error = await waitFor(
      "the broker",
      () => {
        throw new Error("connection refused");
      },
      { timeoutMs: 30, intervalMs: 5 },
    ).catch((e: unknown) => e);
    expect((error as WaitTimeoutError).lastSeen).toBe("connection refused");
  });
});

describe("withTimeout", () => {
  it("passes a settled value through", async () => {
    expect(await withTimeout("quick", Promise.resolve(7), 100)).toBe(7);
  });

  it("rejects with a labelled timeout", async () => {
    await expect(withTimeout("the cluster at h:1", new Promise(() => undefined), 20)).rejects.toThrowError("Timed out after 20 ms waiting for the cluster at h:1");
  });
});
