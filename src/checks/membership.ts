import type { AssignmentObservation, Check, ScenarioEvidence } from "../evidence/proof-result.js";
import type { ConsumerRef, GroupRef } from "../evidence/refs.js";
import { assignmentObservations, consumerOf, listMessages, presentGroup } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

/** The broker described the group, when the evidence was read, with exactly `count` members. */
export function memberCount(evidence: ScenarioEvidence, ref: GroupRef, count: number): Check {
  const name = `group ${ref.group} has ${count} members`;
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${ref.group}`);
  return judged(name, group.members.length === count, `expected ${count} members; the broker reported ${group.members.length} (${group.state})`);
}

/** Every partition of every topic is owned by exactly one member of the group: none shared, none orphaned. */
export function partitionsOwnedOnce(evidence: ScenarioEvidence, ref: GroupRef): Check {
  const name = `each partition is owned by exactly one member of group ${ref.group}`;
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${ref.group}`);
  const problems: string[] = [];
  for (const topic of evidence.topics) {
    for (const { partition } of topic.partitions) {
      const owners = group.members.filter((m) => m.assignment.some((a) => a.topic === topic.name && a.partition === partition));
      if (owners.length !== 1) {
        problems.push(`p${partition} owned by ${owners.length === 0 ? "no member" : owners.map((o) => o.clientId).join(" and ")}`);
      }
    }
  }
  return judged(
    name,
    problems.length === 0 && evidence.topics.length > 0,
    problems.length === 0 ? "one owner per partition, as the broker describes the group" : `expected one owner per partition; the broker reported ${problems.join(", ")}`,
  );
}

/** Each member received only from partitions the broker assigned to it: the client's record and the broker's agree. */
export function receivedOnlyOwnPartitions(evidence: ScenarioEvidence, ref: GroupRef): Check {
  const name = `members of group ${ref.group} received only from their assigned partitions`;
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${ref.group}`);
  if (group.received.length === 0) return judged(name, false, "expected deliveries to compare with the assignment; nothing was received");
  const strays = group.received.filter((m) => {
    const member = group.members.find((mm) => mm.memberId === m.memberId);
    return !member?.assignment.some((a) => a.topic === m.topic && a.partition === m.partition);
  });
  return judged(
    name,
    strays.length === 0,
    strays.length === 0
      ? `every one of ${group.received.length} received messages came from a partition the broker assigned to its receiver`
      : `expected messages only from assigned partitions; ${strays.length} came from elsewhere: ${listMessages(strays)}`,
  );
}

/**
 * With more members than partitions, the extra members own nothing, and a
 * member that owns nothing receives nothing.
 */
export function idleMembers(evidence: ScenarioEvidence, ref: GroupRef, expected: number): Check {
  const name = `${expected} member(s) of group ${ref.group} own nothing and receive nothing`;
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${ref.group}`);
  const idle = group.members.filter((m) => m.assignment.length === 0);
  const busyIdle = idle.filter((m) => group.received.some((r) => r.memberId === m.memberId));
  const names = idle.map((m) => m.clientId).join(", ") || "none";
  return judged(
    name,
    idle.length === expected && expected > 0 && busyIdle.length === 0,
    busyIdle.length > 0
      ? `expected idle members to receive nothing; ${busyIdle.map((m) => m.clientId).join(", ")} received messages`
      : `expected ${expected} idle member(s); the broker reported ${idle.length} (${names}) of ${group.members.length}`,
  );
}

/**
 * In every assignment the broker reported over time, no partition had two
 * owners among these consumers (whatever groups they were in): at each
 * observation, with every other group as its latest observation left it.
 */
export function atMostOneOwnerThroughout(evidence: ScenarioEvidence, consumers: readonly ConsumerRef[]): Check {
  const names = consumers.map((c) => c.consumer);
  const name = `no partition had two owners among ${names.join(", ")} at any time`;
  const absent = consumers.filter((c) => !consumerOf(evidence, c));
  if (absent.length > 0) return inconclusive(name, `consumer ${absent.map((c) => c.consumer).join(" or ")}`);
  const observations = assignmentObservations(evidence);
  const latest = new Map<string, AssignmentObservation>();
  const shared: string[] = [];
  for (const observation of observations) {
    latest.set(observation.group, observation);
    const owners = new Map<string, { partition: number; who: string[] }>();
    for (const member of [...latest.values()].flatMap((o) => o.members).filter((m) => names.includes(m.consumer))) {
      for (const { topic, partition } of member.owns) {
        const entry = owners.get(`${topic}\u0000${partition}`) ?? { partition, who: [] };
        entry.who.push(member.consumer);
        owners.set(`${topic}\u0000${partition}`, entry);
      }
    }
    for (const { partition, who } of owners.values()) if (who.length > 1) shared.push(`at ${observation.at} ms p${partition} owned by ${who.join(" and ")}`);
  }
  return judged(
    name,
    shared.length === 0 && observations.length > 0,
    observations.length === 0
      ? "expected assignments reported by the broker; the evidence has none"
      : shared.length === 0
        ? `${observations.length} assignments reported by the broker, each with one owner per partition`
        : `expected one owner per partition in every assignment; the broker reported ${shared.slice(0, 4).join("; ")}`,
  );
}

/** The broker reported at least `count` different assignments (who owns what, group by group): the membership really changed. */
export function assignmentsChanged(evidence: ScenarioEvidence, count: number): Check {
  const previous = new Map<string, string>();
  let seen = 0;
  for (const observation of assignmentObservations(evidence)) {
    const owners = JSON.stringify(observation.members.map((m) => [m.consumer, m.owns]));
    if (previous.get(observation.group) !== owners) seen += 1;
    previous.set(observation.group, owners);
  }
  return judged(`the broker reported at least ${count} different assignments`, seen >= count, `expected at least ${count}; the broker reported ${seen}`);
}
