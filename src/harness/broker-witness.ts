import kafkajs from "kafkajs";
import type { Admin, Kafka } from "kafkajs";
import type { CommittedOffset, MemberEvidence, PartitionEnd, TopicPartitionRef } from "../evidence/proof-result.js";
import { clusterOf, ISOLATION } from "./kafkajs-cluster.js";

const { AssignerProtocol } = kafkajs;

/** A group as the coordinator describes it, with what each protocol adds (see `AssignmentObservation`). */
export interface DescribedGroup {
  state: string;
  /** The group's type as the broker reports it: `classic`, or `consumer` for the consumer protocol of KIP-848. */
  protocol: string;
  members: DescribedMember[];
  assignor?: string;
  groupEpoch?: number;
  assignmentEpoch?: number;
}

export interface DescribedMember extends MemberEvidence {
  memberEpoch?: number;
  targetAssignment?: TopicPartitionRef[];
}

/** Describes a group where kafkajs cannot (a group of the consumer protocol); undefined leaves it to kafkajs' DescribeGroups. */
export type DescribeOtherwise = (groupId: string) => Promise<DescribedGroup | undefined>;

/**
 * Questions asked of the broker, never of a client's memory: what a group has
 * committed, where each partition's log ends, who is in a group and what it owns.
 */
export class BrokerWitness {
  constructor(
    private readonly admin: Admin,
    /** Asks in kafkajs' stead for groups of the consumer protocol, which its DescribeGroups cannot describe. */
    private readonly describeOtherwise?: DescribeOtherwise,
    /** The scenario's client, for ListOffsets at an isolation level of the witness's choosing. */
    private readonly kafka?: Kafka,
  ) {}

  /** Committed offsets per partition; `null` where the broker holds none for the group. */
  async committedOffsets(groupId: string, topics: readonly string[]): Promise<CommittedOffset[]> {
    const answer = await this.admin.fetchOffsets({ groupId, topics: [...topics] });
    return answer
      .flatMap(({ topic, partitions }) => partitions.map(({ partition, offset }) => ({ topic, partition, offset: Number(offset) < 0 ? null : Number(offset) })))
      .sort(byTopicPartition);
  }

  /** The committed offset of one partition, or null. */
  async committedOffset(groupId: string, topic: string, partition: number): Promise<number | null> {
    const all = await this.committedOffsets(groupId, [topic]);
    return all.find((entry) => entry.partition === partition)?.offset ?? null;
  }

  /**
   * Log-end offsets, by partition, as a read_committed client sees them: kafkajs's admin asks ListOffsets at that
   * isolation level, so the broker answers the last stable offset. It is the high watermark wherever no transaction
   * is open on the partition; where one is, it stops before that transaction's first write.
   */
  async logEndOffsets(topic: string): Promise<PartitionEnd[]> {
    const answer = await this.admin.fetchTopicOffsets(topic);
    return answer.map(({ partition, high }) => ({ partition, logEndOffset: Number(high) })).sort((a, b) => a.partition - b.partition);
  }

  /**
   * Where each partition's log ends for each kind of reader: the high watermark (ListOffsets at read_uncommitted,
   * what Kafka's consumer-groups tool shows as LOG-END-OFFSET) and the last stable offset (at read_committed, the
   * first offset of the oldest transaction still open, or the high watermark where none is).
   */
  async logEnds(topic: string): Promise<{ partition: number; highWatermark: number; lastStable: number }[]> {
    if (!this.kafka) throw new Error("this witness was made without a client to ask ListOffsets with");
    const ask = async (isolationLevel: number) => {
      const cluster = clusterOf(this.kafka!, isolationLevel);
      await cluster.connect();
      try {
        await cluster.addTargetTopic(topic);
        await cluster.refreshMetadata();
        const partitions = cluster.findTopicPartitionMetadata(topic).map((p) => ({ partition: p.partitionId }));
        const [answer] = await cluster.fetchTopicsOffset([{ topic, fromBeginning: false, partitions }]);
        return new Map((answer?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      } finally {
        await cluster.disconnect();
      }
    };
    const [high, stable] = await Promise.all([ask(ISOLATION.READ_UNCOMMITTED), ask(ISOLATION.READ_COMMITTED)]);
    return [...high.keys()].sort((a, b) => a - b).map((partition) => ({ partition, highWatermark: high.get(partition)!, lastStable: stable.get(partition) ?? Number.NaN }));
  }

  /** Log-start offsets (the earliest offset still held), by partition. */
  async logStartOffsets(topic: string): Promise<{ partition: number; offset: number }[]> {
    const answer = await this.admin.fetchTopicOffsets(topic);
    return answer.map(({ partition, low }) => ({ partition, offset: Number(low) })).sort((a, b) => a.partition - b.partition);
  }

  /** The group as the coordinator describes it: state, members, and each member's host and assignment. */
  async describeGroup(groupId: string): Promise<{ state: string; members: MemberEvidence[] }> {
    const { state, members } = await this.describeGroupInDetail(groupId);
    return { state, members: members.map(({ memberId, clientId, host, assignment }) => ({ memberId, clientId, ...(host === undefined ? {} : { host }), assignment })) };
  }

  /** As `describeGroup`, with the assignor and, for the consumer protocol, the epochs and each member's target assignment. */
  async describeGroupInDetail(groupId: string): Promise<DescribedGroup> {
    const other = await this.describeOtherwise?.(groupId);
    if (other) return other;
    const { state, protocol, members } = await this.describeGroupWithHosts(groupId);
    // DescribeGroups describes classic groups only; its `protocol` is the assignor the members chose.
    return {
      state,
      protocol: "classic",
      members: members.map(({ memberId, clientId, host, assignment }) => ({ memberId, clientId, host, assignment })),
      ...(protocol ? { assignor: protocol } : {}),
    };
  }

  /**
   * kafkajs' DescribeGroups (the classic protocol's), with each member's HOST as the coordinator
   * saw it (`/127.0.0.1`), for a live `--describe` table, and the assignor the members chose (`protocol`).
   */
  async describeGroupWithHosts(groupId: string): Promise<{ state: string; protocol?: string; members: (MemberEvidence & { host: string })[] }> {
    const { groups } = await this.admin.describeGroups([groupId]);
    const group = groups.find((g) => g.groupId === groupId);
    if (!group) return { state: "Dead", members: [] };
    const members = group.members.map((member) => ({
      memberId: member.memberId,
      clientId: member.clientId,
      host: member.clientHost,
      assignment: decodeAssignment(member.memberAssignment),
    }));
    return { state: group.state, ...(group.protocol ? { protocol: group.protocol } : {}), members: members.sort(byClientId) };
  }
}

function byClientId(a: { clientId: string }, b: { clientId: string }): number {
  return a.clientId.localeCompare(b.clientId);
}

function decodeAssignment(buffer: Buffer): TopicPartitionRef[] {
  if (!buffer || buffer.length === 0) return [];
  const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
  if (!decoded) return [];
  return Object.entries(decoded.assignment)
    .flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })))
    .sort(byTopicPartition);
}

export function byTopicPartition(a: TopicPartitionRef, b: TopicPartitionRef): number {
  return a.topic.localeCompare(b.topic) || a.partition - b.partition;
}
