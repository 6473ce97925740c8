import type { AppliedStep } from "../../campaign/campaign-result.js";
import { KIND, type HistoryColumns } from "../../campaign/history.js";
import type { Schedule } from "../../campaign/schedule.js";

/** A fault in force from `from` to `to` (ms): a broker down or paused, a consumer cut off or killed. */
export interface FaultBar {
  step: number;
  lane: "brokers" | "consumers";
  label: string;
  from: number;
  to: number;
}

/** A consumer receiving a partition's records without a break of more than `GAP_MS`: the swimlane's segment. */
export interface OwnershipSegment {
  consumer: string;
  from: number;
  to: number;
}

export interface GroupLanes {
  group: string;
  consumers: string[];
  /** By partition. */
  partitions: { partition: number; segments: OwnershipSegment[] }[];
}

/** A consumer silent on a partition this long has let it go, for the picture: a crash, a rebalance, or a fault. */
const GAP_MS = 2_000;

/** The faults as the nemesis carried them out: each applied fault from its time to its recovery's (or the heal's). */
export function faultBars(schedule: Schedule, applied: readonly AppliedStep[]): FaultBar[] {
  const done = new Map(applied.map((a) => [a.step, a]));
  const bars: FaultBar[] = [];
  for (const step of schedule.steps) {
    if (!("target" in step) && !("consumer" in step)) continue;
    const fault = done.get(step.step);
    if (!fault?.applied) continue;
    const recovery = schedule.steps.find((s) => "recovers" in s && s.recovers === step.step);
    const to = (recovery && done.get(recovery.step)?.at) ?? schedule.duration;
    const label =
      "target" in step
        ? `${step.action === "kill-broker" ? "kill -9" : "SIGSTOP"} node ${fault.node ?? "?"} (${roleText(step.target)})`
        : `${step.action === "kill-consumer" ? "kill" : "cut"} ${step.consumer}`;
    bars.push({ step: step.step, lane: "target" in step ? "brokers" : "consumers", label, from: fault.at, to });
  }
  return bars;
}

function roleText(target: Extract<Schedule["steps"][number], { target: unknown }>["target"]): string {
  switch (target.role) {
    case "coordinator-of":
      return `coordinator of ${target.group}`;
    case "leader-of":
      return `leader of p${target.partition}`;
    case "follower-of":
      return `follower of p${target.partition}`;
    case "node":
      return "chosen by the seed";
  }
}

/**
 * Each group's partitions over time, coloured by the consumer that received them: one linear pass over the history's
 * deliveries. A share group's members share partitions, so its lanes interleave colours: that is what it is.
 */
export function ownershipLanes(h: HistoryColumns, groups: readonly string[]): GroupLanes[] {
  const ids = groups.map((g) => h.names.indexOf(g));
  const lanes = groups.map((group) => ({ group, consumers: new Set<string>(), partitions: new Map<number, OwnershipSegment[]>() }));
  // A share delivery is laid out as a consumer group's: group, consumer, topic, partition, offset.
  const [consume, deliver] = [KIND.consume, KIND["share-deliver"]];
  for (let i = 0; i < h.length; i++) {
    if (h.kind[i] !== consume && h.kind[i] !== deliver) continue;
    const g = ids.indexOf(h.a[i]!);
    if (g < 0) continue;
    const lane = lanes[g]!;
    const consumer = h.names[h.b[i]!]!;
    const at = h.at[i]!;
    lane.consumers.add(consumer);
    const segments = lane.partitions.get(h.d[i]!) ?? lane.partitions.set(h.d[i]!, []).get(h.d[i]!)!;
    const last = segments.at(-1);
    if (last && last.consumer === consumer && at - last.to <= GAP_MS) last.to = at;
    else segments.push({ consumer, from: at, to: at });
  }
  return lanes.map((l) => ({
    group: l.group,
    consumers: [...l.consumers].sort(),
    partitions: [...l.partitions].sort(([a], [b]) => a - b).map(([partition, segments]) => ({ partition, segments })),
  }));
}
