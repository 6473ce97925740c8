import type { Interface } from "node:readline";

/**
 * Lines from a readline interface, one at a time, on demand. Lines that
 * arrive while a command is still running (a piped session arrives all at
 * once) wait here in order; none is lost. `next()` gives `undefined` once the
 * input has ended and every line has been taken.
 */
export class LineQueue {
  private readonly lines: string[] = [];
  private ended = false;
  private waiting: ((line: string | undefined) => void) | undefined;

  constructor(rl: Interface) {
    rl.on("line", (line: string) => this.push(line));
    rl.on("close", () => this.end());
  }

  /**
   * The input has ended and readline has closed, though lines may still wait
   * here: a piped session ends long before its commands are done. From then on
   * the interface must not be used (Node 24 and later throw ERR_USE_AFTER_CLOSE).
   */
  get inputEnded(): boolean {
    return this.ended;
  }

  next(): Promise<string | undefined> {
    const line = this.lines.shift();
    if (line !== undefined || this.ended) return Promise.resolve(line);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private push(line: string): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(line);
    else this.lines.push(line);
  }

  private end(): void {
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(undefined);
  }
}
