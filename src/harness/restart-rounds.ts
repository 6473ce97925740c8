import type { NativeBroker } from "../broker/native/native-broker.js";
import type { BrokerInfo } from "../broker/started-broker.js";

export interface RestartOptions {
  freshStorage?: boolean;
}

/** What a scenario's restart came with: restarts on the same storage, for scenarios sharing its broker, while it waited. */
export interface RestartOutcome {
  sameStorageFirst: number;
}

/** A broker a scenario may restart. */
export interface Restartable {
  restart(options?: RestartOptions): Promise<RestartOutcome | void>;
}

/** One scenario's hold on the shared broker: its address, its restarts, and its leaving. */
export interface RestartSeat extends Restartable {
  restart(options?: RestartOptions): Promise<RestartOutcome>;
  readonly broker: BrokerInfo;
  leave(): void;
}

interface Waiting {
  fresh: boolean;
  /** Rounds that served others while this one waited. */
  passed: number;
  resolve: (outcome: RestartOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * One broker of its own for every scenario of a proof that restarts its broker,
 * in every cell of the run: a broker start is seconds of CPU, and a restart
 * another. Scenarios take seats side by side; a restart happens once every
 * seated scenario is waiting for one, and serves all of them at once.
 *
 * A restart on the same storage goes first: it keeps what every waiting
 * scenario wrote. One on fresh storage only when every waiting scenario asks
 * for that, as it wipes what they all wrote. No seat is given while a restart
 * is under way, so no scenario begins on a broker that is going down.
 */
export class RestartRounds implements AsyncDisposable {
  private broker: Promise<NativeBroker> | undefined;
  private readonly seated = new Set<symbol>();
  private readonly waiting = new Map<symbol, Waiting>();
  private round: Promise<void> | undefined;

  constructor(private readonly start: () => Promise<NativeBroker>) {}

  async seat(): Promise<RestartSeat> {
    await this.roundsDone();
    const broker = await (this.broker ??= this.start());
    // A restart may have begun while the broker was starting.
    await this.roundsDone();
    const seat = Symbol("seat");
    this.seated.add(seat);
    return {
      broker,
      restart: (options = {}) =>
        new Promise<RestartOutcome>((resolve, reject) => {
          this.waiting.set(seat, { fresh: options.freshStorage ?? false, passed: 0, resolve, reject });
          this.next();
        }),
      leave: () => {
        this.seated.delete(seat);
        this.waiting.get(seat)?.reject(new Error("the scenario left while waiting for a restart"));
        this.waiting.delete(seat);
        this.next();
      },
    };
  }

  private async roundsDone(): Promise<void> {
    while (this.round) await this.round;
  }

  /** Restarts when every seated scenario waits for it, the same-storage ones first. */
  private next(): void {
    if (this.round || this.waiting.size === 0 || this.waiting.size < this.seated.size || !this.broker) return;
    const fresh = [...this.waiting.values()].every((w) => w.fresh);
    const served = [...this.waiting.entries()].filter(([, w]) => w.fresh === fresh);
    for (const [seat] of served) this.waiting.delete(seat);
    const broker = this.broker;
    this.round = (async () => {
      try {
        await (await broker).restart({ freshStorage: fresh });
        for (const [, w] of served) w.resolve({ sameStorageFirst: w.passed });
        for (const w of this.waiting.values()) w.passed += 1;
      } catch (error) {
        for (const [, w] of served) w.reject(error);
      } finally {
        this.round = undefined;
      }
      this.next();
    })();
  }

  /** Stops the broker, once every scenario is done with it. */
  async close(): Promise<void> {
    await this.roundsDone();
    const broker = this.broker;
    this.broker = undefined;
    if (broker) await (await broker.catch(() => undefined))?.stop();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
