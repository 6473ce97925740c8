import type { TimelineEvent, TimelineEventKind } from "../evidence/proof-result.js";

/** Events of one scenario in the order they happened, timed from its start. */
export class Timeline {
  readonly events: TimelineEvent[] = [];
  private readonly origin = performance.now();

  /**
   * Set only by the mutation project: the harness then misreports a refusal the broker answered as
   * accepted, and every proof judged by a refusal must come out failed.
   */
  constructor(readonly swallowRefusals = false) {}

  /** Milliseconds since the scenario started. */
  now(): number {
    return Math.round(performance.now() - this.origin);
  }

  record(event: TimelineEventKind, actor: string, summary: string, details: Record<string, unknown> = {}): void {
    this.events.push({ at: this.now(), event, actor, summary, ...details });
  }

  /**
   * Records the broker's answer to one request: `refusal` (its error code among the details) when it refused, else
   * what `accepted` records. Every refusal the evidence holds goes through here, so the mutation project's altered
   * harness (`swallowRefusals`) misreports each of them the same way: as accepted.
   */
  answered(actor: string, refusal: { summary: string; details: Record<string, unknown> & { code: string } } | undefined, accepted: () => void): void {
    if (refusal !== undefined && !this.swallowRefusals) this.record("refused", actor, refusal.summary, refusal.details);
    else accepted();
  }
}
