import type { NativeCluster } from "../broker/native/native-cluster.js";
import { connectExternalBroker } from "../broker/external-broker.js";
import type { BrokerInfo } from "../broker/started-broker.js";
import type { CommittedOffset } from "../evidence/proof-result.js";
import type { GroupRef, ServiceRequest } from "../evidence/refs.js";
import { formatCommitted } from "../checks/evidence-queries.js";
import { brokerErrorCode } from "./broker-errors.js";
import { kafkaClient } from "./client-settings.js";
import { KafkajsClients } from "./consumer-clients.js";
import { askCoordinator, describeAnswer, type NodeAddress } from "./coordinator.js";
import { commitAsNoMember, withNode, type InternalBroker } from "./kafkajs-cluster.js";
import type { Timeline } from "./timeline.js";

/** What a service's requests need from the scenario they are part of. */
export interface ServiceContext {
  /** The scenario's own cluster; its `security` is the super user's, who may ask where a group's coordinator is. */
  cluster: NativeCluster;
  timeline: Timeline;
  groupId(ref: GroupRef): string;
  logStartOffsets(topic: string): Promise<{ partition: number; offset: number }[]>;
  /** Numbers each request of the scenario, whoever makes it. */
  nextRequest(): number;
}

/**
 * A service with a SASL/SCRAM user of its own (svc-a, svc-b): its consumers, and
 * the requests it makes about a group straight to that group's coordinator, each
 * recorded as accepted or as refused with the broker's error code. Going straight
 * to the coordinator leaves the broker one place to refuse: the request itself
 * (a client that first asks FindCoordinator is refused there, with the same code).
 */
export class ServiceUser {
  readonly clients: KafkajsClients;

  private constructor(
    readonly name: string,
    private readonly broker: BrokerInfo,
    private readonly context: ServiceContext,
  ) {
    this.clients = new KafkajsClients(broker);
  }

  /**
   * Connects as the user the way a service reaching an existing cluster does: through
   * external mode's settings (`KAFKA_BROKERS`, `KAFKA_SASL_MECHANISM`, `KAFKA_SASL_USERNAME`,
   * `KAFKA_SASL_PASSWORD`), which are parsed and checked to reach the cluster over SASL.
   */
  static async connect(context: ServiceContext, username: string): Promise<ServiceUser> {
    const user = context.cluster.users.find((u) => u.username === username);
    if (!user) {
      const known = context.cluster.users.map((u) => u.username).join(", ") || "none";
      throw new Error(`the scenario's cluster has no SCRAM user ${username} (its users: ${known}); name it in the proof's ownCluster.scramUsers`);
    }
    const reached = await connectExternalBroker({
      KAFKA_BROKERS: context.cluster.bootstrapServers.join(","),
      KAFKA_VERSION: context.cluster.kafkaVersion,
      KAFKA_SASL_MECHANISM: "scram-sha-512",
      KAFKA_SASL_USERNAME: user.username,
      KAFKA_SASL_PASSWORD: user.password,
    });
    // The scenario's own broker, as this user: its mode stays native, so nothing treats it as someone else's cluster.
    const { bootstrapServers, kafkaVersion, mode } = context.cluster;
    return new ServiceUser(username, { bootstrapServers, kafkaVersion, mode, ...(reached.security ? { security: reached.security } : {}) }, context);
  }

  /** Commits offsets for a group as no member (as Kafka's AdminClient does), as this user. */
  commit(group: GroupRef, topic: string, offsets: readonly { partition: number; offset: number }[]): Promise<ServiceRequest> {
    return this.send(group, "commit", async (coordinator, groupId) => {
      await commitAsNoMember(coordinator, groupId, topic, offsets);
      const committed = offsets.map((o) => ({ topic, partition: o.partition, offset: o.offset }));
      return { event: "commit", summary: `${this.name} committed ${formatCommitted(committed)} for group ${group.group}`, details: { topic, offsets } };
    });
  }

  /** Resets a group's offsets on `topic` to the earliest the log holds, as this user. */
  async resetToEarliest(group: GroupRef, topic: string): Promise<ServiceRequest> {
    const earliest = await this.context.logStartOffsets(topic);
    return this.send(group, "reset", async (coordinator, groupId) => {
      await commitAsNoMember(coordinator, groupId, topic, earliest);
      const list = earliest.map((e) => `p${e.partition}=${e.offset}`).join(", ");
      return { event: "reset", summary: `${this.name} reset group ${group.group} to the earliest offsets (${list})`, details: { topic, offsets: earliest } };
    });
  }

  /** Reads a group's committed offsets on `topic` (OffsetFetch), as this user. */
  describeOffsets(group: GroupRef, topic: string, partitions = [0]): Promise<ServiceRequest> {
    return this.send(group, "describe", async (coordinator, groupId) => {
      const { responses } = await coordinator.offsetFetch({ groupId, topics: [{ topic, partitions: partitions.map((partition) => ({ partition })) }] });
      const committed: CommittedOffset[] = responses.flatMap((r) =>
        r.partitions.map((p) => ({ topic: r.topic, partition: p.partition, offset: Number(p.offset) < 0 ? null : Number(p.offset) })),
      );
      return { event: "observe", summary: `broker: ${this.name} read group ${group.group}'s committed offsets: ${formatCommitted(committed)}`, details: { committed } };
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.clients[Symbol.asyncDispose]();
  }

  /**
   * One request to the group's coordinator as this user, recorded either way. A refusal
   * is the broker's error code; anything the broker did not answer breaks off the scenario.
   */
  private async send(
    group: GroupRef,
    action: ServiceRequest["action"],
    request: (coordinator: InternalBroker, groupId: string) => Promise<{ event: "commit" | "reset" | "observe"; summary: string; details: Record<string, unknown> }>,
  ): Promise<ServiceRequest> {
    const ref: ServiceRequest = { request: this.context.nextRequest(), user: this.name, group: group.group, action };
    const groupId = this.context.groupId(group);
    const tags = { request: ref.request, user: this.name, group: group.group, action };
    try {
      const coordinator = await this.coordinatorOf(groupId);
      const kafka = kafkaClient({ ...this.broker, bootstrapServers: [coordinator.address] }, `${this.name}-requests`, { retry: { retries: 0 } });
      const done = await withNode(kafka, (connection) => request(connection, groupId));
      this.context.timeline.record(done.event, this.name, done.summary, { ...tags, ...done.details });
    } catch (error) {
      const code = brokerErrorCode(error);
      if (code === undefined) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const refusal = { summary: `broker refused ${this.name}'s ${action} of group ${group.group}'s offsets: ${code} (${message})`, details: { ...tags, code, error: message } };
      this.context.timeline.answered(this.name, refusal, () =>
        this.context.timeline.record(action === "describe" ? "observe" : action, this.name, `the broker answered ${this.name}'s ${action} of group ${group.group}'s offsets`, tags),
      );
    }
    return ref;
  }

  /** Where the group's coordinator is, asked as the cluster's super user: where it is is no secret; what it holds is. */
  private async coordinatorOf(groupId: string): Promise<NodeAddress> {
    const { cluster } = this.context;
    const node = cluster.nodes.find((n) => cluster.isRunning(n.nodeId));
    if (!node) throw new Error("no node of the cluster is running");
    const answer = await askCoordinator(cluster, node, groupId);
    const coordinator = "coordinator" in answer ? cluster.nodes.find((n) => n.nodeId === answer.coordinator) : undefined;
    if (!coordinator) throw new Error(`node ${node.nodeId} could not say where group ${groupId}'s coordinator is: it answered ${describeAnswer(answer)}`);
    return coordinator;
  }
}
