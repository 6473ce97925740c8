import type { CommittedOffset } from "../evidence/proof-result.js";
import { renderDescribeTable } from "./describe-table.js";
import { describeUnacknowledged, plural } from "./unacknowledged.js";
import type { GroupStatus } from "./group-status.js";

/** A group's status: a title line, the `--describe` table, and what its consumer holds unacknowledged. */
export function renderGroupStatus(status: GroupStatus): { title: string; table: string[]; pending: string } {
  return {
    title: `group ${status.label} (${status.groupId}): ${status.state}, ${plural(status.members, "member")}`,
    table: renderDescribeTable(status.rows),
    pending: describeUnacknowledged(status.label, status.pending),
  };
}

/** `offset 3 on partition 0`, `offsets 3, 5 on partitions 0, 1`, or `nothing committed`. */
export function describeCommitted(committed: readonly CommittedOffset[]): string {
  const held = committed.filter((c) => c.offset !== null);
  if (held.length === 0) return "nothing committed";
  if (held.length === 1) return `committed offset ${held[0]!.offset} on partition ${held[0]!.partition}`;
  return `committed offsets ${held.map((c) => `${c.offset} on partition ${c.partition}`).join(", ")}`;
}

/** Whether two reads of a group's committed offsets agree on every partition. */
export function sameCommitted(a: readonly CommittedOffset[], b: readonly CommittedOffset[]): boolean {
  const key = (list: readonly CommittedOffset[]) =>
    list
      .map((c) => `${c.topic}/${c.partition}=${c.offset ?? "-"}`)
      .sort()
      .join(" ");
  return key(a) === key(b);
}
