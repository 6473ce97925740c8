import type { ToolLocation } from "./start-group-tool.js";
import { runTool } from "./perf-tools.js";

/**
 * Kafka's share coordinator keeps each share-partition's state (where the group's reading starts, and the delivery
 * state of the records in flight) in its own log, the internal topic `__share_group_state`: a snapshot now and then,
 * and an update for each change. Read with Kafka's own console consumer and formatter, it says what Kafka held, not
 * what a client saw: the second witness of a share group.
 */

export const SHARE_STATE_TOPIC = "__share_group_state";

/** One record of that log, for one share-partition, in the log's order. */
export interface ShareStateRecord {
  group: string;
  topicId: string;
  partition: number;
  kind: "snapshot" | "update";
  /** The first offset still to be settled; -1 when it is not yet decided (a new subscription, `share.auto.offset.reset`). */
  startOffset: number;
  /** Ranges of records with a delivery state of their own, above the start. */
  batches: number;
  /** Snapshots only: the state epoch the snapshot was written with. */
  stateEpoch?: number;
  snapshotEpoch?: number;
  /** Snapshots only: when the share coordinator wrote it (ms since the epoch). */
  writtenAt?: number;
}

/** Kafka's formatter prints one JSON object per record, with no separator between them; anything else in the output (a log line) is skipped. */
export function jsonObjects(text: string): unknown[] {
  const objects: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"' && depth > 0) inString = true;
    else if (ch === "{") {
      if (depth++ === 0) start = i;
    } else if (ch === "}" && depth > 0 && --depth === 0) {
      try {
        objects.push(JSON.parse(text.slice(start, i + 1)));
      } catch {
        // Braces in a log line that happened to balance: not a record.
      }
    }
  }
  return objects;
}

interface Printed {
  key?: { type?: number; data?: { groupId?: string; topicId?: string; partition?: number } };
  value?: { data?: { startOffset?: number; stateBatches?: unknown[]; stateEpoch?: number; snapshotEpoch?: number; writeTimestamp?: number } } | null;
}

/** The records of the formatter's output: key type 0 is a snapshot (ShareSnapshot), 1 an update (ShareUpdate); tombstones are left out. */
export function parseShareStateLog(stdout: string): ShareStateRecord[] {
  const records: ShareStateRecord[] = [];
  for (const object of jsonObjects(stdout) as Printed[]) {
    const [key, value] = [object.key, object.value?.data];
    if (!key?.data || !value || (key.type !== 0 && key.type !== 1)) continue;
    const { groupId, topicId, partition } = key.data;
    if (groupId === undefined || topicId === undefined || partition === undefined || value.startOffset === undefined) continue;
    const record: ShareStateRecord = {
      group: groupId,
      topicId,
      partition,
      kind: key.type === 0 ? "snapshot" : "update",
      startOffset: value.startOffset,
      batches: value.stateBatches?.length ?? 0,
    };
    if (key.type === 0) Object.assign(record, { stateEpoch: value.stateEpoch, snapshotEpoch: value.snapshotEpoch, writtenAt: value.writeTimestamp });
    records.push(record);
  }
  return records;
}

/**
 * Reads the whole share coordinator log with Kafka's `ConsoleConsumer` and its `ShareGroupStateMessageFormatter`, up
 * to the `records` it holds (the sum of its partitions' end less start offsets, asked beforehand), or until nothing
 * more came for a few seconds.
 */
export async function readShareStateLog(location: ToolLocation, bootstrapServers: readonly string[], records: number): Promise<ShareStateRecord[]> {
  if (records === 0) return [];
  const stdout = await runTool(location, "org.apache.kafka.tools.consumer.ConsoleConsumer", [
    ...["--bootstrap-server", bootstrapServers.join(","), "--topic", SHARE_STATE_TOPIC, "--from-beginning"],
    ...["--formatter", "org.apache.kafka.tools.consumer.group.share.ShareGroupStateMessageFormatter"],
    ...["--max-messages", String(records), "--timeout-ms", "10000"],
  ]);
  return parseShareStateLog(stdout);
}
