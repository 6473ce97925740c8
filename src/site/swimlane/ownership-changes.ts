import type { TimelineEvent, TopicPartitionRef } from "../../evidence/proof-result.js";

/**
 * From this moment, `owner` owns the partition in its group (null: nobody does).
 *
 * Ownership is what the members were told: a "join" event carries the
 * assignment the coordinator handed that member, which replaces its previous
 * one. A member that leaves gives its partitions up. A member that crashes
 * reads nothing more, but the broker still counts it as the owner until its
 * session times out and another member is handed the partition: `dead`.
 */
export interface OwnershipChange extends TopicPartitionRef {
  at: number;
  owner: string | null;
  dead: boolean;
  /** The "join", "leave" or "crash" event that made the change. */
  event: TimelineEvent;
}

/** The assignment a "join" event records: partitions by topic. Throws, naming the event, when it has none. */
export function joinAssignment(event: TimelineEvent): TopicPartitionRef[] {
  const assignment = event.assignment;
  const valid =
    typeof assignment === "object" && assignment !== null && Object.values(assignment).every((parts) => Array.isArray(parts) && parts.every((p) => Number.isInteger(p)));
  if (!valid) {
    throw new Error(`the "join" event of ${event.actor} at +${event.at} ms has no assignment ({ topic: [partitions] }); results written by this project's harness always have one`);
  }
  return Object.entries(assignment as Record<string, number[]>).flatMap(([topic, parts]) => parts.map((partition) => ({ topic, partition })));
}

/** The events of one group that change who owns what, in the order they happened. */
export function membershipEvents(timeline: readonly TimelineEvent[], group: string): TimelineEvent[] {
  return timeline.filter((e) => e.group === group && (e.event === "join" || e.event === "leave" || e.event === "crash"));
}

/** Every change of owner of every partition of the group, in time order. */
export function ownershipChanges(timeline: readonly TimelineEvent[], group: string): OwnershipChange[] {
  const owners = new Map<string, { ref: TopicPartitionRef; owner: string; dead: boolean }>();
  const changes: OwnershipChange[] = [];
  const set = (event: TimelineEvent, ref: TopicPartitionRef, owner: string | null, dead: boolean) => {
    const key = partitionKey(ref);
    if (owner === null) owners.delete(key);
    else owners.set(key, { ref, owner, dead });
    changes.push({ at: event.at, topic: ref.topic, partition: ref.partition, owner, dead, event });
  };
  for (const event of membershipEvents(timeline, group)) {
    const held = [...owners.values()].filter((o) => o.owner === event.actor);
    if (event.event === "join") {
      const assigned = joinAssignment(event);
      const now = new Set(assigned.map(partitionKey));
      for (const o of held) if (!now.has(partitionKey(o.ref))) set(event, o.ref, null, false);
      for (const ref of assigned) {
        const current = owners.get(partitionKey(ref));
        if (current?.owner !== event.actor || current.dead) set(event, ref, event.actor, false);
      }
    } else {
      for (const o of held) if (!(event.event === "crash" && o.dead)) set(event, o.ref, event.event === "crash" ? event.actor : null, event.event === "crash");
    }
  }
  return changes;
}

export function partitionKey(ref: TopicPartitionRef): string {
  return `${ref.topic}\u0000${ref.partition}`;
}
