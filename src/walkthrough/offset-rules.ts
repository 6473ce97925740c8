import { resetTargets, type PartitionFacts, type ResetRequest, type ResetTarget as PlannedTarget } from "../harness/reset-targets.js";
import type { Position } from "./command.js";
import { offsetRanges, offsetsWord, unacknowledged } from "./unacknowledged.js";

/** What the broker said about each partition of the topic: where its log starts and ends. */
export interface PartitionLog {
  partition: number;
  logStart: number;
  logEnd: number;
}

export interface PartitionOffset {
  partition: number;
  offset: number;
}

/** The commit an `ack` makes: `lastOffset + 1`, the next offset to read. */
export interface AckPlan {
  partition: number;
  lastOffset: number;
  commit: number;
}

/**
 * Whether `ack <group> <position>` is something the group can do now, given
 * the partition logs, the group's committed offsets and what its consumer has
 * received. An ack is cumulative, so acknowledging below what is already
 * committed would move the group back: that is what `reset` is for, so it is
 * refused here with the reset that would do it.
 */
export function planAck(
  group: string,
  position: Position,
  facts: {
    logs: readonly PartitionLog[];
    committed: readonly { partition: number; offset: number | null }[];
    received: readonly PartitionOffset[];
  },
): AckPlan | { error: string } {
  const partition = position.partition ?? 0;
  const { offset } = position;
  const log = facts.logs.find((l) => l.partition === partition);
  if (!log) return { error: noSuchPartition(partition, facts.logs.length) };
  if (log.logEnd === log.logStart) return { error: `partition ${partition} holds no messages: produce one, then ack its offset` };
  if (offset >= log.logEnd) {
    const held = log.logEnd - log.logStart === 1 ? `its only message is at offset ${log.logStart}` : `its messages are at offsets ${log.logStart} to ${log.logEnd - 1}`;
    return { error: `offset ${offset} is beyond the log end of partition ${partition} (${log.logEnd}): ${held}` };
  }
  const committed = facts.committed.find((c) => c.partition === partition)?.offset ?? null;
  if (committed !== null && offset + 1 < committed) {
    return {
      error: `group ${group} has already acknowledged through offset ${committed - 1} on partition ${partition}; acking ${offset} would move it back (use reset ${group} ${partition}:${offset + 1} for that)`,
    };
  }
  if (!facts.received.some((m) => m.partition === partition && m.offset === offset)) {
    const got = unacknowledged(facts.received, []).find((p) => p.partition === partition)?.offsets ?? [];
    const has = got.length > 0 ? `it has received ${offsetsWord(got)} ${offsetRanges(got)}` : "it has received nothing there";
    return { error: `consumer ${group} has not received offset ${offset} of partition ${partition}, so it cannot acknowledge it (${has})` };
  }
  return { partition, lastOffset: offset, commit: offset + 1 };
}

/**
 * The committed offsets a reset sets, computed as Kafka's tool computes them (`resetTargets`): the log start of
 * every partition (earliest), the log end (latest), an offset, the first offset at a time, or the committed offset
 * shifted (clamped to the log, as the tool does, and said so). An explicit offset must lie within the log: the tool
 * would quietly move it to the edge, and a person who typed 99 for a log of ten most likely meant something else.
 */
export function planReset(request: ResetRequest, facts: readonly PartitionFacts[]): PlannedTarget[] | { error: string } {
  const { spec } = request;
  if (spec.to === "offset") {
    const chosen = request.partition === undefined ? facts : facts.filter((f) => f.partition === request.partition);
    for (const log of chosen) {
      const range = `reset to an offset from ${log.logStart} (earliest) to ${log.logEnd} (latest)`;
      if (spec.offset > log.logEnd) return { error: `offset ${spec.offset} is beyond the log end of partition ${log.partition} (${log.logEnd}): ${range}` };
      if (spec.offset < log.logStart) return { error: `offset ${spec.offset} is before the log start of partition ${log.partition} (${log.logStart}): ${range}` };
    }
  }
  return resetTargets(request, facts);
}

function noSuchPartition(partition: number, count: number): string {
  return `there is no partition ${partition}: the topic has ${count === 1 ? "1 partition (0)" : `${count} partitions (0 to ${count - 1})`}`;
}
