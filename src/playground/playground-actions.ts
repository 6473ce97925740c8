import { orderEvents } from "../harness/orders.js";
import { describeReset, type ResetTarget as PlannedTarget } from "../harness/reset-targets.js";
import type { ResetTarget } from "../walkthrough/command.js";
import { InputError } from "../walkthrough/input-error.js";
import type { WalkthroughSession } from "../walkthrough/walkthrough-session.js";
import { groupJson, groupKey, type GroupJson } from "./status-json.js";
import type { ProduceInput } from "./request-input.js";
import { RequestError } from "./request-input.js";

/** Groups a person can add members to from the page: A and B, and C, which has no member until one is added. */
export const JOINABLE_GROUPS = ["A", "B", "C"] as const;
/** One more member than the playground topic has partitions: enough to see one member left idle, few enough to keep the machine calm. */
export const MAX_MEMBERS = 4;

/** What the playground's routes do, on its session; every method reads its answer back from the broker. */
export class PlaygroundActions {
  constructor(readonly session: WalkthroughSession) {}

  async status(): Promise<Record<string, unknown>> {
    const labels = this.session.labels();
    const groups = await Promise.all(labels.map((label) => this.group(label)));
    const logs = await this.session.logs();
    return {
      topic: this.session.topic,
      partitions: logs.map((l) => ({ partition: l.partition, log_start_offset: l.logStart, log_end_offset: l.logEnd })),
      groups: labels,
      ...Object.fromEntries(groups.map((g) => [groupKey(g.label), g])),
    };
  }

  private async group(label: string): Promise<GroupJson> {
    const status = await this.session.status(label);
    return groupJson(status, this.session.consumers(label));
  }

  async produce(input: ProduceInput): Promise<Record<string, unknown>> {
    const at = await this.session.send(input.content, input.key, input.partition);
    await this.session.waitUntilReceived(at);
    return { status: "sent", topic: this.session.topic, partition: at.partition, offset: at.offset };
  }

  async acknowledge(label: string, partition: number, offset: number): Promise<Record<string, unknown>> {
    const done = await this.session.ack(label, { partition, offset });
    return {
      status: "acknowledged",
      consumer: label,
      group_id: this.session.groupIds[label],
      partition: done.partition,
      offset: done.lastOffset,
      committed_offset: done.committedNow,
    };
  }

  /** Resets the named groups, or every group; all are checked first, so a refusal changes nothing. A dry run changes nothing at all. */
  async reset(labels: readonly string[], target: ResetTarget): Promise<Record<string, unknown>> {
    for (const label of labels) await this.session.planReset(label, target);
    const outcomes = [];
    for (const label of labels) {
      const outcome = await this.session.reset(label, target);
      outcomes.push({
        consumer: label,
        group_id: this.session.groupIds[label],
        ...(target.dryRun ? { would_set: outcome.offsets.map(offsetJson) } : { set: outcome.offsets.map(offsetJson) }),
        committed: outcome.committed.map(({ partition, offset }) => ({ partition, offset })),
      });
    }
    return { status: target.dryRun ? "dry-run" : "reset", reset: describeReset(target.request), groups: outcomes };
  }

  async join(label: string): Promise<Record<string, unknown>> {
    if (this.session.consumers(label).length >= MAX_MEMBERS) {
      throw new RequestError(409, `group ${label} has ${MAX_MEMBERS} members already, one more than the topic has partitions; enough to see one sit idle`);
    }
    const consumer = await this.session.addConsumer(label);
    return { status: "joined", consumer: label, group_id: this.session.groupIds[label], client_id: consumer.name, member_id: consumer.memberId };
  }

  /**
   * The original demo's session: ten order events on partition 0 (the demo had
   * one partition, so its offsets read the same), A acknowledges the first
   * five and B the first three.
   */
  async originalScenario(): Promise<Record<string, unknown>> {
    for (const label of ["A", "B"]) {
      if (this.session.consumers(label).length === 0) throw new InputError(`consumer ${label} is not running, so the scenario cannot acknowledge for it`);
    }
    const base = (await this.session.logs()).find((l) => l.partition === 0)!.logEnd;
    let last = base;
    for (const { key, value } of orderEvents(10)) last = (await this.session.send(value, key ?? null, 0)).offset;
    await this.session.waitUntilReceived({ partition: 0, offset: last });
    const a = await this.session.ack("A", { partition: 0, offset: base + 4 });
    const b = await this.session.ack("B", { partition: 0, offset: base + 2 });
    return { status: "done", produced: { partition: 0, from: base, to: last }, committed: { A: a.committedNow, B: b.committedNow } };
  }
}

/** A partition's target as the API answers it: clamped where the log's edge stopped a shift (`wanted` is where it would have gone). */
function offsetJson({ partition, offset, clamped }: PlannedTarget): Record<string, unknown> {
  return { partition, offset, ...(clamped ? { clamped_to: clamped.to, wanted: clamped.wanted } : {}) };
}
