import type { TimelineEvent, TimelineEventKind } from "../evidence/proof-result.js";

/** Events of one scenario in the order they happened, timed from its start. */
export class Timeline {
  readonly events: TimelineEvent[] = [];
  private readonly origin = performance.now();

  record(event: TimelineEventKind, actor: string, summary: string, details: Record<string, unknown> = {}): void {
    this.events.push({ at: Math.round(performance.now() - this.origin), event, actor, summary, ...details });
  }
}
