import { orderEvents } from "../harness/orders.js";

/** One step of a scenario: what it shows, and the commands that show it (the same a person would type). */
export interface ScenarioStep {
  say: string;
  run: string[];
}

const MESSAGES = 10;
const A_THROUGH = 4;
const B_THROUGH = 2;

/**
 * The original demo's session: ten order events, A acknowledges the first
 * five, B the first three, and the broker holds each group's offset apart.
 * `base` is where partition 0's log ends when the scenario starts, so the
 * steps name the offsets the ten messages will really get (0-9 on a fresh topic).
 */
export function seedScenario(base: number): ScenarioStep[] {
  const last = base + MESSAGES - 1;
  const aThrough = base + A_THROUGH;
  const bThrough = base + B_THROUGH;
  return [
    {
      say: `Produce ${MESSAGES} order events; they get offsets ${base}-${last}. A and B have different group ids, so each consumer receives all ${MESSAGES}.`,
      run: orderEvents(MESSAGES).map(({ key, value }) => `produce ${quote(value)} ${key}`),
    },
    {
      say: `Both consumers hold offsets ${base}-${last} and neither group has acknowledged them, so each consumer lists them as received, not yet acknowledged.`,
      run: ["status"],
    },
    {
      say: `A acknowledges offsets ${base}-${aThrough}. In Kafka that is one commit of ${aThrough + 1}, the next offset for A to read.`,
      run: [`ack A ${aThrough}`],
    },
    {
      say: `The broker now holds ${aThrough + 1} for A. B's row has not moved: A's commit is stored under A's group id only.`,
      run: ["status"],
    },
    {
      say: `B acknowledges offsets ${base}-${bThrough}: a commit of ${bThrough + 1}, in B's own group.`,
      run: [`ack B ${bThrough}`],
    },
    {
      say: `A at ${aThrough + 1} (lag ${last - aThrough}), B at ${bThrough + 1} (lag ${last - bThrough}), both read from the broker: each group keeps its own place in the same log.`,
      run: ["status"],
    },
  ];
}

function quote(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
