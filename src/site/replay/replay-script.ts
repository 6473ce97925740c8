import type { ScenarioEvidence, TimelineEvent } from "../../evidence/proof-result.js";
import { offsetRows } from "../render/offset-table.js";
import { ownershipChanges, partitionKey, type OwnershipChange } from "../swimlane/ownership-changes.js";
import type { ReplayChange, ReplayScript } from "./replay-state.js";
import { MAX_STEPS, toSteps, type Moment } from "./replay-steps.js";

/** Events that change who is in a group or where it reads from: each keeps a step of its own when steps are merged. */
const NOTABLE = new Set(["join", "leave", "crash", "reset", "refused", "restart"]);

/** Below this many steps a replay would say too little to be worth its room: a budget is not held to below it. */
const MIN_STEPS = 20;

export interface ReplayOptions {
  /** Mark each offset (a small run) rather than count them. */
  perMessage: boolean;
  /** At most this many steps (`MAX_STEPS` when not given). */
  maxSteps?: number;
  /** At most this many characters of JSON: fewer steps are made until the script fits, down to `MIN_STEPS`. */
  budget?: number;
}

/**
 * The run's record as a replay: every event of its timeline and every delivery
 * its groups recorded (per message, or per run of offsets), in time order,
 * merged into at most `maxSteps` steps, and fewer if it must fit `budget`.
 */
export function replayScript(run: ScenarioEvidence, options: ReplayOptions): ReplayScript {
  const rows = offsetRows(run);
  const partitions = [...new Map(rows.map((r) => [partitionKey(r), { topic: r.topic, partition: r.partition }])).values()];
  const p = new Map(partitions.map((ref, index) => [partitionKey(ref), index]));
  const pOf = (topic: string, partition: number) => p.get(partitionKey({ topic, partition }));
  const labels = new Map(run.groups.map((g) => [g.groupId, g.label]));
  const short = shortener(run);

  const ownership = new Map<TimelineEvent, OwnershipChange[]>();
  for (const group of run.groups) for (const change of ownershipChanges(run.timeline, group.label)) ownership.set(change.event, [...(ownership.get(change.event) ?? []), change]);
  const production = productionOf(run, pOf);

  const moments: Moment[] = [];
  run.timeline.forEach((event, order) => {
    // Deliveries come from the groups' own record below, which every run has; a "receive" event repeats one.
    if (event.event === "receive") return;
    const changes: ReplayChange[] = [
      ...production(event),
      ...(ownership.get(event) ?? []).flatMap((c) =>
        onePartition(pOf(c.topic, c.partition), (q) => ({ kind: "owner", group: event.group as string, p: q, owner: c.owner, dead: c.dead })),
      ),
      ...commitsOf(event).flatMap((c) => onePartition(pOf(c.topic, c.partition), (q) => ({ kind: "commit", group: c.group, p: q, offset: c.offset }))),
      ...(event.event === "restart" && event.freshStorage === true ? [{ kind: "wiped" } as const] : []),
      ...deletedOffsetsOf(event, partitions).flatMap((c) => onePartition(pOf(c.topic, c.partition), (q) => ({ kind: "uncommitted", group: c.group, p: q }))),
    ];
    moments.push({ at: event.at, order: order + 1, line: short(event.summary), notable: NOTABLE.has(event.event), changes });
  });
  for (const group of run.groups) {
    for (const m of group.received) {
      const change = onePartition(pOf(m.topic, m.partition), (q) => ({ kind: "delivered", group: group.label, member: m.consumer, p: q, first: m.offset, last: m.offset }));
      moments.push({ at: m.at, order: 0, line: `${m.consumer} received ${short(`${m.topic}/${m.partition}`)}@${m.offset}`, notable: false, changes: change });
    }
    for (const r of group.receivedRanges ?? []) {
      const where = short(`${r.topic}/${r.partition}`);
      const change = (first: number, last: number, more: boolean) =>
        onePartition(pOf(r.topic, r.partition), (q) => ({ kind: "delivered", group: group.label, member: r.consumer, p: q, first, last, ...(more ? { more } : {}) }));
      // A run that took time is shown arriving: its first offset when it began, the rest when it ended.
      const began = r.lastAt > r.firstAt && r.last > r.first;
      if (began) moments.push({ at: r.firstAt, order: 0, line: `${r.consumer} began receiving ${where} at ${r.first}`, notable: false, changes: change(r.first, r.first, true) });
      moments.push({
        at: r.lastAt,
        order: 0,
        line: `${r.consumer} received ${where}@${r.first}–${r.last}`,
        notable: false,
        changes: change(began ? r.first + 1 : r.first, r.last, false),
      });
    }
  }
  // In time order; at one moment, what arrived before what was done with it (a commit of what was just received).
  moments.sort((a, b) => a.at - b.at || a.order - b.order);

  const script = (maxSteps: number): ReplayScript => ({
    partitions,
    rows: rows.map((r) => ({ group: labels.get(r.group) ?? r.group, p: p.get(partitionKey(r))! })),
    members: Object.fromEntries(run.groups.map((g) => [g.label, run.consumers.filter((c) => c.group === g.label).map((c) => c.name)])),
    perMessage: options.perMessage,
    logEndsKnown: production.known(),
    steps: toSteps(moments, maxSteps),
  });
  // Fewer, larger steps hold fewer changes (a member's runs of offsets join): halve them until the script fits.
  let maxSteps = options.maxSteps ?? MAX_STEPS;
  let made = script(maxSteps);
  while (options.budget !== undefined && maxSteps > MIN_STEPS && JSON.stringify(made).length > options.budget) {
    maxSteps = Math.max(MIN_STEPS, Math.floor(maxSteps / 2));
    made = script(maxSteps);
  }
  return made;
}

function onePartition(p: number | undefined, change: (p: number) => ReplayChange): ReplayChange[] {
  return p === undefined ? [] : [change(p)];
}

/** A commit's or an accepted reset's new committed offsets; nothing for any other event. */
function commitsOf(event: TimelineEvent): { group: string; topic: string; partition: number; offset: number }[] {
  const group = event.group;
  if (typeof group !== "string" || typeof event.topic !== "string") return [];
  const topic = event.topic;
  if (event.event === "commit" && typeof event.partition === "number" && typeof event.offset === "number")
    return [{ group, topic, partition: event.partition, offset: event.offset }];
  if (event.event === "reset" && Array.isArray(event.offsets)) {
    return (event.offsets as { partition: number; offset: number }[]).map((o) => ({ group, topic, partition: o.partition, offset: o.offset }));
  }
  return [];
}

/** The partitions whose committed offsets an accepted deletion took from a group: one topic's, or the whole group's. */
function deletedOffsetsOf(event: TimelineEvent, partitions: readonly { topic: string; partition: number }[]): { group: string; topic: string; partition: number }[] {
  const group = event.group;
  if (event.event !== "reset" || typeof group !== "string") return [];
  if (event.deletedGroup === true) return partitions.map((p) => ({ group, ...p }));
  if (typeof event.deletedOffsets === "string") return partitions.filter((p) => p.topic === event.deletedOffsets).map((p) => ({ group, ...p }));
  return [];
}

/**
 * Where each "produce" event's messages went. A message produced alone names
 * its partition and offset; a batch names its topic and size, and its messages
 * are the next ones of that topic in the run's record of what was produced; a
 * bulk production names its offset ranges. Bulk production recorded without
 * them cannot be placed: `known()` says whether everything could.
 */
function productionOf(run: ScenarioEvidence, pOf: (topic: string, partition: number) => number | undefined) {
  const queues = new Map<string, typeof run.produced>();
  for (const m of run.produced) queues.set(m.topic, [...(queues.get(m.topic) ?? []), m]);
  const taken = new Map<string, number>();
  let known = true;
  const produced = (topic: string, partition: number, logEnd: number): ReplayChange[] => onePartition(pOf(topic, partition), (p) => ({ kind: "produced", p, logEnd }));
  const place = (event: TimelineEvent): ReplayChange[] => {
    if (event.event !== "produce" || typeof event.topic !== "string") return [];
    const topic = event.topic;
    const from = taken.get(topic) ?? 0;
    if (typeof event.partition === "number" && typeof event.offset === "number") {
      taken.set(topic, from + 1);
      return produced(topic, event.partition, event.offset + 1);
    }
    if (Array.isArray(event.ranges)) return (event.ranges as { partition: number; last: number }[]).flatMap((r) => produced(topic, r.partition, r.last + 1));
    const batch = (queues.get(topic) ?? []).slice(from, from + (typeof event.count === "number" ? event.count : 0));
    if (batch.length === 0) {
      known = false;
      return [];
    }
    taken.set(topic, from + batch.length);
    return batch.flatMap((m) => produced(topic, m.partition, m.offset + 1));
  };
  return Object.assign(place, { known: () => known });
}

/** With one topic, its long unique name says nothing: "t/3" reads "p3", "t[0,1]" reads "partitions [0,1]", "t" alone "the topic". */
function shortener(run: ScenarioEvidence): (text: string) => string {
  const topics = new Set([...run.topics.map((t) => t.name), ...run.produced.map((m) => m.topic)]);
  if (topics.size !== 1) return (text) => text;
  const [topic] = [...topics] as [string];
  // The name as a whole word only: topic names are made of letters, digits, dots, hyphens and underscores.
  const name = new RegExp(`(?<![\\w.-])${topic.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}(?![\\w.-]*[\\w])(/|\\[)?`, "g");
  return (text) => text.replace(name, (_, after: string | undefined) => (after === "/" ? "p" : after === "[" ? "partitions [" : "the topic"));
}
