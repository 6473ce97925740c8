import type { CommittedOffset, MemberEvidence, PartitionEnd, ReceivedMessage } from "../evidence/proof-result.js";
import { lagOf, type DescribeRow } from "./describe-table.js";
import { unacknowledged, type Unacknowledged } from "./unacknowledged.js";

/** A `--describe` row, with the owning member's HOST as the tool prints it (`/127.0.0.1`). */
export type StatusRow = DescribeRow;

export interface GroupStatus {
  label: string;
  groupId: string;
  /** The group's state as the coordinator describes it (Stable, Empty...). */
  state: string;
  members: number;
  rows: StatusRow[];
  /** What the group's consumers together hold unacknowledged. */
  pending: Unacknowledged[];
}

/**
 * One group's status from what the broker said (committed offsets, log ends,
 * members and their assignments) and what its running consumers received.
 */
export function groupStatus(facts: {
  label: string;
  groupId: string;
  topic: string;
  committed: readonly CommittedOffset[];
  ends: readonly PartitionEnd[];
  group: { state: string; members: readonly (MemberEvidence & { host: string })[] };
  received: readonly ReceivedMessage[];
}): GroupStatus {
  const { label, groupId, topic, committed, group } = facts;
  const rows = facts.ends.map(({ partition, logEndOffset }) => {
    const owner = group.members.find((m) => m.assignment.some((tp) => tp.topic === topic && tp.partition === partition));
    const currentOffset = committed.find((c) => c.partition === partition)?.offset ?? null;
    return {
      group: groupId,
      topic,
      partition,
      currentOffset,
      logEndOffset,
      lag: lagOf({ currentOffset, logEndOffset }),
      consumerId: owner?.memberId ?? null,
      host: owner?.host ?? null,
      clientId: owner?.clientId ?? null,
    };
  });
  return { label, groupId, state: group.state, members: group.members.length, rows, pending: unacknowledged(facts.received, committed) };
}
