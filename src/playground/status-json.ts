import type { ReceivedMessage } from "../evidence/proof-result.js";
import type { GroupStatus } from "../walkthrough/group-status.js";

/** One message as the original demo listed it, plus who received it and whether the group's commit covers it. */
export interface MessageJson {
  partition: number;
  offset: number;
  value: string | null;
  key: string | null;
  /** When the consumer received it, in ms since the playground started. */
  received_at: number;
  consumer: string;
  acknowledged: boolean;
}

/** A `kafka-consumer-groups --describe` row, with its columns' names. */
export interface DescribeRowJson {
  group: string;
  topic: string;
  partition: number;
  current_offset: number | null;
  log_end_offset: number | null;
  lag: number | null;
  consumer_id: string | null;
  host: string | null;
  client_id: string | null;
}

export interface GroupJson {
  label: string;
  group_id: string;
  state: string;
  members: number;
  is_running: boolean;
  messages_received: MessageJson[];
  messages_acknowledged: number;
  describe: DescribeRowJson[];
  consumers: { client_id: string; member_id: string; partitions: number[] }[];
}

/** The key the original demo used for each group (`consumer_group_a`). */
export function groupKey(label: string): string {
  return `consumer_group_${label.toLowerCase()}`;
}

/**
 * A group for `GET /consumers/status`: the broker's view (state, members,
 * committed and log-end offsets, lag) and what its consumers received, each
 * message marked acknowledged when the group's committed offset on its
 * partition is past it. A message received twice (after a rebalance) is listed once.
 */
export function groupJson(
  status: GroupStatus,
  consumers: readonly { name: string; memberId: string; assignment: readonly { partition: number }[]; received: readonly ReceivedMessage[] }[],
): GroupJson {
  const committed = new Map(status.rows.map((r) => [r.partition, r.currentOffset]));
  const seen = new Set<string>();
  const messages: MessageJson[] = [];
  for (const c of consumers) {
    for (const m of c.received) {
      const id = `${m.partition}/${m.offset}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const upTo = committed.get(m.partition) ?? null;
      messages.push({
        partition: m.partition,
        offset: m.offset,
        value: m.value,
        key: m.key,
        received_at: m.at,
        consumer: m.consumer,
        acknowledged: upTo !== null && m.offset < upTo,
      });
    }
  }
  messages.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  return {
    label: status.label,
    group_id: status.groupId,
    state: status.state,
    members: status.members,
    is_running: consumers.length > 0,
    messages_received: messages,
    messages_acknowledged: messages.filter((m) => m.acknowledged).length,
    describe: status.rows.map((r) => ({
      group: r.group,
      topic: r.topic,
      partition: r.partition,
      current_offset: r.currentOffset,
      log_end_offset: r.logEndOffset,
      lag: r.lag,
      consumer_id: r.consumerId,
      host: r.host,
      client_id: r.clientId,
    })),
    consumers: consumers.map((c) => ({ client_id: c.name, member_id: c.memberId, partitions: c.assignment.map((a) => a.partition).sort((a, b) => a - b) })),
  };
}
