import type { Check, ScenarioEvidence } from "../evidence/proof-result.js";
import { groupOf, listMessages } from "./evidence-queries.js";

/** The broker described the group with exactly `count` members. */
export function memberCount(evidence: ScenarioEvidence, label: string, count: number): Check {
  const group = groupOf(evidence, label);
  const seen = group?.members.length ?? 0;
  return {
    name: `group ${label} has ${count} members`,
    ok: seen === count,
    detail: `expected ${count} members; the broker reported ${seen}${group ? ` (${group.state})` : " (no such group)"}`,
  };
}

/** Every partition of every topic is owned by exactly one member of the group: none shared, none orphaned. */
export function partitionsOwnedOnce(evidence: ScenarioEvidence, label: string): Check {
  const group = groupOf(evidence, label);
  const problems: string[] = [];
  for (const topic of evidence.topics) {
    for (const { partition } of topic.partitions) {
      const owners = (group?.members ?? []).filter((m) => m.assignment.some((a) => a.topic === topic.name && a.partition === partition));
      if (owners.length !== 1) {
        problems.push(`p${partition} owned by ${owners.length === 0 ? "no member" : owners.map((o) => o.clientId).join(" and ")}`);
      }
    }
  }
  return {
    name: `each partition is owned by exactly one member of group ${label}`,
    ok: problems.length === 0 && group !== undefined,
    detail: problems.length === 0 ? "one owner per partition, as the broker describes the group" : `expected one owner per partition; the broker reported ${problems.join(", ")}`,
  };
}

/** Each member received only from partitions the broker assigned to it: the client's record and the broker's agree. */
export function receivedOnlyOwnPartitions(evidence: ScenarioEvidence, label: string): Check {
  const group = groupOf(evidence, label);
  const strays = (group?.received ?? []).filter((m) => {
    const member = group?.members.find((mm) => mm.memberId === m.memberId);
    return !member?.assignment.some((a) => a.topic === m.topic && a.partition === m.partition);
  });
  return {
    name: `members of group ${label} received only from their assigned partitions`,
    ok: strays.length === 0 && group !== undefined,
    detail:
      strays.length === 0
        ? "every received message came from a partition the broker assigned to its receiver"
        : `expected messages only from assigned partitions; ${strays.length} came from elsewhere: ${listMessages(strays)}`,
  };
}

/**
 * With more members than partitions, the extra members own nothing, and a
 * member that owns nothing receives nothing.
 */
export function idleMembers(evidence: ScenarioEvidence, label: string, expected: number): Check {
  const group = groupOf(evidence, label);
  const idle = (group?.members ?? []).filter((m) => m.assignment.length === 0);
  const busyIdle = idle.filter((m) => group!.received.some((r) => r.memberId === m.memberId));
  const names = idle.map((m) => m.clientId).join(", ") || "none";
  return {
    name: `${expected} member(s) of group ${label} own nothing and receive nothing`,
    ok: idle.length === expected && expected > 0 && busyIdle.length === 0,
    detail:
      busyIdle.length > 0
        ? `expected idle members to receive nothing; ${busyIdle.map((m) => m.clientId).join(", ")} received messages`
        : `expected ${expected} idle member(s); the broker reported ${idle.length} (${names})`,
  };
}

interface AssignmentSnapshot {
  at: number;
  owners: { group: string; consumer: string; topic: string; partition: number }[];
}

function assignmentSnapshots(evidence: ScenarioEvidence): AssignmentSnapshot[] {
  return evidence.timeline.filter((e) => e.event === "observe" && e.role === "assignments") as unknown as AssignmentSnapshot[];
}

/**
 * In every assignment the broker reported over time, no partition had two
 * owners among these consumers (whatever groups they were in).
 */
export function atMostOneOwnerThroughout(evidence: ScenarioEvidence, consumers: readonly string[]): Check {
  const snapshots = assignmentSnapshots(evidence);
  const shared: string[] = [];
  for (const snapshot of snapshots) {
    const owners = new Map<string, string[]>();
    for (const o of snapshot.owners.filter((o) => consumers.includes(o.consumer))) {
      const key = `p${o.partition}`;
      owners.set(key, [...(owners.get(key) ?? []), o.consumer]);
    }
    for (const [partition, who] of owners) if (who.length > 1) shared.push(`at ${snapshot.at} ms ${partition} owned by ${who.join(" and ")}`);
  }
  return {
    name: `no partition had two owners among ${consumers.join(", ")} at any time`,
    ok: shared.length === 0 && snapshots.length > 0,
    detail:
      shared.length === 0
        ? `${snapshots.length} assignments reported by the broker, each with one owner per partition`
        : `expected one owner per partition in every assignment; the broker reported ${shared.slice(0, 4).join("; ")}`,
  };
}

/** The broker reported at least `count` different assignments: the membership really changed. */
export function assignmentsChanged(evidence: ScenarioEvidence, count: number): Check {
  const seen = assignmentSnapshots(evidence).length;
  return {
    name: `the broker reported at least ${count} different assignments`,
    ok: seen >= count,
    detail: `expected at least ${count}; the broker reported ${seen}`,
  };
}
