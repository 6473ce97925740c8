/**
 * A request to stop the walkthrough (a signal, Ctrl-C at the prompt), made at
 * most once: the first reason wins and later ones are ignored, because a
 * Ctrl-C in a terminal can reach the process more than once (from the
 * terminal, and relayed by npm and tsx).
 */
export class StopRequest {
  reason: string | undefined;
  /** Settles with the reason when a stop is first requested. */
  readonly requested: Promise<string>;
  private resolve!: (reason: string) => void;

  constructor() {
    this.requested = new Promise((resolve) => (this.resolve = resolve));
  }

  /** Returns true for the request that counts, false for repeats. */
  request(reason: string): boolean {
    if (this.reason !== undefined) return false;
    this.reason = reason;
    this.resolve(reason);
    return true;
  }
}
