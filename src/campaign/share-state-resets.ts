import type { ShareStateRecord } from "../witness/share-state-log.js";

/**
 * A share-partition's state set back by Kafka's share coordinator: a snapshot with no delivery state, starting below
 * the offset the group's acknowledgements had already moved the state to. A share-partition leader that loads it (a
 * new leader, after a broker's death) delivers again, from that start, records the group had settled, each as a
 * first delivery. Kafka up to 4.4.0 writes one whenever an InitializeShareGroupState request arrives again, at the
 * same state epoch, for a share-partition whose state is under way: the share coordinator takes it as a new state
 * (apache/kafka#23190 makes it a no-op, after 4.4.0). One at a new state epoch is the group coordinator initializing
 * again a state it did not see initialized: no upstream fix is known to this project.
 */
export interface ShareStateReset {
  partition: number;
  /** When the share coordinator wrote the snapshot, ms since the epoch. */
  writtenAt: number;
  stateEpoch: number;
  /** Where the snapshot starts the state again (-1: from `share.auto.offset.reset`). */
  startOffset: number;
  /** The start offset the state had reached before it. */
  reached: number;
  /** Written at the state epoch the state already had: a repeated request, which apache/kafka#23190 makes a no-op; otherwise at a new state epoch (the group coordinator initializing again a state it did not see initialized). */
  sameEpoch: boolean;
}

/** Every such reset of `group`'s share-partitions, from the share coordinator's log in its order. */
export function shareStateResets(records: readonly ShareStateRecord[], group: string): ShareStateReset[] {
  const reached = new Map<string, number>();
  const epochs = new Map<string, number>();
  const resets: ShareStateReset[] = [];
  for (const r of records) {
    if (r.group !== group) continue;
    const key = `${r.topicId}/${r.partition}`;
    const before = reached.get(key) ?? -1;
    const epochBefore = epochs.get(key);
    if (r.stateEpoch !== undefined) epochs.set(key, r.stateEpoch);
    if (r.kind === "snapshot" && r.batches === 0 && r.startOffset < before && r.writtenAt !== undefined) {
      const stateEpoch = r.stateEpoch ?? -1;
      resets.push({ partition: r.partition, writtenAt: r.writtenAt, stateEpoch, startOffset: r.startOffset, reached: before, sameEpoch: stateEpoch === epochBefore });
      reached.set(key, r.startOffset);
      continue;
    }
    // The coordinator keeps the highest start it was sent, whatever order its writes came in.
    reached.set(key, Math.max(before, r.startOffset));
  }
  return resets;
}
