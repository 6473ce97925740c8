import type { BrokerErrorCode } from "../evidence/broker-error-codes.js";
import type { Check, ScenarioEvidence, TimelineEvent } from "../evidence/proof-result.js";
import type { ConsumerRef, GroupRef, MemberCommitAttempt } from "../evidence/refs.js";
import { consumerOf, presentGroup, receivedBy } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

/**
 * What the broker answers a commit from a member it has removed, or from one a generation behind: on the classic
 * protocol UNKNOWN_MEMBER_ID (the id is gone), ILLEGAL_GENERATION or REBALANCE_IN_PROGRESS; on the consumer
 * protocol (KIP-848) UNKNOWN_MEMBER_ID, STALE_MEMBER_EPOCH or FENCED_MEMBER_EPOCH.
 */
export const LATE_COMMIT_REFUSALS: readonly BrokerErrorCode[] = ["UNKNOWN_MEMBER_ID", "ILLEGAL_GENERATION", "REBALANCE_IN_PROGRESS", "STALE_MEMBER_EPOCH", "FENCED_MEMBER_EPOCH"];

/** One partition of a topic. */
export interface TopicPartition {
  topic: string;
  partition: number;
}

function stallOf(evidence: ScenarioEvidence, who: ConsumerRef): TimelineEvent | undefined {
  return evidence.timeline.find((e) => e.event === "stall" && e.actor === who.consumer);
}

/** The broker's descriptions of the group (`s.groups.observe`), in the order they were read. */
function groupObservations(evidence: ScenarioEvidence, group: GroupRef): (TimelineEvent & { members: { clientId: string }[] })[] {
  return evidence.timeline.filter((e): e is TimelineEvent & { members: { clientId: string }[] } => e.event === "observe" && e.group === group.group && Array.isArray(e.members));
}

/** The broker described the group, after the member stalled, without it: the group removed it. */
export function removedWhileStalled(evidence: ScenarioEvidence, group: GroupRef, stalled: ConsumerRef): Check {
  const name = `the broker removed ${stalled.consumer} from group ${group.group} while it stalled`;
  const stall = stallOf(evidence, stalled);
  if (!stall) return inconclusive(name, `stall of ${stalled.consumer}`);
  const after = groupObservations(evidence, group).filter((e) => e.at >= stall.at);
  const last = after[after.length - 1];
  if (!last) return inconclusive(name, `description of group ${group.group} after ${stalled.consumer} stalled`);
  const members = last.members.map((m) => m.clientId);
  const still = members.includes(stalled.consumer);
  return judged(
    name,
    !still,
    still ? `expected it gone; at ${last.at} ms the broker still listed it among ${members.join(", ")}` : `at ${last.at} ms the broker listed ${members.join(", ") || "no member"}`,
  );
}

/** The partition's offsets the member had received but not committed when it stalled. */
function uncommittedWhenStalled(evidence: ScenarioEvidence, stalled: ConsumerRef, tp: TopicPartition, stallAt: number): number[] {
  const committed = evidence.timeline
    .filter((e) => e.event === "commit" && e.actor === stalled.consumer && e.topic === tp.topic && e.partition === tp.partition && e.at <= stallAt)
    .reduce((high, e) => Math.max(high, e.offset as number), 0);
  const received = receivedBy(evidence, stalled).filter((m) => m.topic === tp.topic && m.partition === tp.partition && m.offset >= committed && m.at <= stallAt);
  return [...new Set(received.map((m) => m.offset))].sort((x, y) => x - y);
}

/**
 * What the stalled member had received on the partition but not committed, another member received too, after the
 * stall: the records are processed twice.
 */
export function newOwnerReceivedUncommitted(evidence: ScenarioEvidence, stalled: ConsumerRef, owner: ConsumerRef, tp: TopicPartition): Check {
  const name = `${owner.consumer} received what ${stalled.consumer} had received of ${tp.topic}/${tp.partition} but not committed`;
  const stall = stallOf(evidence, stalled);
  if (!stall) return inconclusive(name, `stall of ${stalled.consumer}`);
  if (!consumerOf(evidence, owner)) return inconclusive(name, `consumer ${owner.consumer}`);
  const uncommitted = uncommittedWhenStalled(evidence, stalled, tp, stall.at);
  if (uncommitted.length === 0) return judged(name, false, `expected ${stalled.consumer} to hold records it had not committed; it held none`);
  const again = new Set(
    receivedBy(evidence, owner)
      .filter((m) => m.topic === tp.topic && m.partition === tp.partition && m.at >= stall.at)
      .map((m) => m.offset),
  );
  const missing = uncommitted.filter((offset) => !again.has(offset));
  return judged(
    name,
    missing.length === 0,
    missing.length === 0
      ? `offsets ${uncommitted.join(", ")}: received by both`
      : `expected offsets ${uncommitted.join(", ")} again; ${owner.consumer} never received ${missing.join(", ")}`,
  );
}

/** The broker refused the commit the member sent as it last knew itself to be, with one of `codes`. */
export function lateCommitRefused(evidence: ScenarioEvidence, ref: MemberCommitAttempt, codes: readonly BrokerErrorCode[] = LATE_COMMIT_REFUSALS): Check {
  const name = `the broker refused ${ref.consumer}'s late commit with ${codes.join(", ")}`;
  const answer = evidence.timeline.find((e) => (e.event === "refused" || e.event === "commit") && e.consumer === ref.consumer && e.memberCommit === ref.memberCommit);
  if (!answer) return inconclusive(name, `answer to ${ref.consumer}'s commit #${ref.memberCommit}`);
  if (answer.event !== "refused") return judged(name, false, `expected a refusal; the broker accepted it (${answer.summary})`);
  return judged(name, codes.includes(answer.code as BrokerErrorCode), `expected one of ${codes.join(", ")}; the broker answered ${String(answer.code)}`);
}

/** The group's committed offset for the partition, as the broker holds it at the end, is the last one `owner` committed. */
export function committedIsOwners(evidence: ScenarioEvidence, group: GroupRef, owner: ConsumerRef, tp: TopicPartition): Check {
  const name = `group ${group.group}'s committed offset of ${tp.topic}/${tp.partition} is ${owner.consumer}'s`;
  const present = presentGroup(evidence, group);
  if (!present) return inconclusive(name, `group ${group.group}`);
  const commits = evidence.timeline.filter((e) => e.event === "commit" && e.actor === owner.consumer && e.topic === tp.topic && e.partition === tp.partition);
  const last = commits[commits.length - 1];
  const held = present.committed.find((c) => c.topic === tp.topic && c.partition === tp.partition)?.offset ?? null;
  if (!last) return judged(name, false, `expected a commit by ${owner.consumer} to find; it committed nothing there, and the broker holds ${held ?? "nothing"}`);
  return judged(name, held === last.offset, `${owner.consumer} last committed ${String(last.offset)}; the broker holds ${held ?? "nothing"}`);
}
