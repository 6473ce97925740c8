import type { CommittedOffset, GroupEvidence, ReceivedMessage, ScenarioEvidence, TopicPartitionRef } from "../evidence/proof-result.js";

/** Whose deliveries a check looks at: a whole group, or one consumer (whatever group it was put in). */
export type Who = { group: string } | { consumer: string };

export function describeWho(who: Who): string {
  return "group" in who ? `group ${who.group}` : `consumer ${who.consumer}`;
}

export function groupOf(evidence: ScenarioEvidence, label: string): GroupEvidence | undefined {
  return evidence.groups.find((g) => g.label === label);
}

/** Messages received by the group or consumer, in arrival order per consumer. */
export function receivedBy(evidence: ScenarioEvidence, who: Who): ReceivedMessage[] {
  if ("group" in who) return groupOf(evidence, who.group)?.received ?? [];
  return evidence.groups.flatMap((g) => g.received).filter((m) => m.consumer === who.consumer);
}

export function messageKey(m: TopicPartitionRef & { offset: number }): string {
  return `${m.topic}/${m.partition}@${m.offset}`;
}

/** "p0@3, p1@0": a short list for check details, capped so a detail stays one line. */
export function listMessages(messages: readonly (TopicPartitionRef & { offset: number })[], max = 8): string {
  const shown = messages.slice(0, max).map((m) => `p${m.partition}@${m.offset}`);
  return shown.join(", ") + (messages.length > max ? ` and ${messages.length - max} more` : "");
}

export function formatCommitted(committed: readonly CommittedOffset[]): string {
  if (committed.length === 0) return "nothing";
  return committed.map((c) => `p${c.partition}=${c.offset ?? "-"}`).join(", ");
}

/** Log-end offset of a partition, as the broker reported it at the end. */
export function logEndOffset(evidence: ScenarioEvidence, topic: string, partition: number): number | undefined {
  return evidence.topics.find((t) => t.name === topic)?.partitions.find((p) => p.partition === partition)?.logEndOffset;
}
