/** A named wait ran out of time. Says what it waited for and what it saw last. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly label: string,
    readonly timeoutMs: number,
    readonly lastSeen: string | undefined,
  ) {
    super(`Timed out after ${timeoutMs} ms waiting for ${label}${lastSeen ? `; last seen: ${lastSeen}` : ""}`);
    this.name = "WaitTimeoutError";
  }
}

export interface WaitOptions {
  timeoutMs: number;
  /** How long to pause between probes. */
  intervalMs?: number;
}

/**
 * Probes until it returns a value (not `undefined`), or fails with a labelled
 * timeout. The probe may `note` what it saw, which the timeout error reports;
 * a probe that throws counts as "not yet", and its message is noted.
 */
export async function waitFor<T>(
  label: string,
  probe: (note: (seen: string) => void) => Promise<T | undefined> | T | undefined,
  { timeoutMs, intervalMs = 25 }: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastSeen: string | undefined;
  const note = (seen: string) => (lastSeen = seen);
  for (;;) {
    try {
      const value = await probe(note);
      if (value !== undefined) return value;
    } catch (error) {
      lastSeen = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw new WaitTimeoutError(label, timeoutMs, lastSeen);
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}

/** Rejects with a labelled timeout if `promise` has not settled in time. */
export async function withTimeout<T>(label: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WaitTimeoutError(label, timeoutMs, undefined)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
