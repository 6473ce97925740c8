import type { NativeCluster } from "../broker/native/native-cluster.js";
import type { BrokerNodeEvidence } from "../evidence/proof-result.js";
import type { CoordinatorReading, GroupRef } from "../evidence/refs.js";
import { askCoordinator, describeAnswer, type CoordinatorAnswer } from "./coordinator.js";
import type { Timeline } from "./timeline.js";
import { waitFor } from "./wait.js";

/** How long a failover may take before the scenario records that there was none: fencing (6 s), an election and loading, on a busy machine. */
export const FAILOVER_WITHIN_MS = 30_000;

/** Whether a group can be asked about now: its coordinator is a running node, or what was answered instead. */
export type Availability = { available: true; coordinator: number } | { available: false; answer: string };

/**
 * What a scenario does to its own cluster, and what it asks of it: kill a node,
 * and ask the live nodes which node coordinates a group. Every act and answer
 * goes on the timeline; the nodes and when each was killed are evidence too.
 */
export class ClusterActions {
  private readonly killedAt = new Map<number, number>();
  /** What each coordinator reading was answered, by its number. */
  private readonly answers = new Map<number, CoordinatorAnswer>();

  constructor(
    private readonly cluster: NativeCluster,
    private readonly timeline: Timeline,
    private readonly groupId: (ref: GroupRef) => string,
  ) {}

  /** `kill -9` of the node a reading named as the group's coordinator. */
  async killCoordinator(reading: CoordinatorReading): Promise<void> {
    const answer = this.answers.get(reading.coordinatorReading);
    if (!answer || !("coordinator" in answer)) {
      throw new Error(
        `coordinator reading #${reading.coordinatorReading} of group ${reading.group} named no node (${answer ? describeAnswer(answer) : "no such reading"}): there is no coordinator to kill`,
      );
    }
    await this.kill(answer.coordinator);
  }

  /** `kill -9` of a node, recorded as a crash that concerns every group (their coordinator may have been on it). */
  async kill(nodeId: number): Promise<void> {
    const node = this.cluster.nodes.find((n) => n.nodeId === nodeId);
    if (!node) throw new Error(`the cluster has nodes ${this.cluster.nodes.map((n) => n.nodeId).join(", ")}; there is no node ${nodeId} to kill`);
    await this.cluster.killNode(nodeId);
    this.killedAt.set(nodeId, this.timeline.now());
    this.timeline.record("crash", `broker ${nodeId}`, `broker node ${nodeId} (${node.address}) killed with SIGKILL: no shutdown, no handover`, { node: nodeId });
  }

  /**
   * Asks a running node which node coordinates the group, and records the answer.
   * With `awayFrom` (an earlier reading), keeps asking, until `withinMs`, while the
   * answer is the node named then, a dead node or no node: a failover takes the
   * controller's fencing of the dead node and an election. When the time runs out,
   * the last answer is what is recorded.
   */
  async observeCoordinator(
    ref: GroupRef,
    moment: string,
    { awayFrom, withinMs = FAILOVER_WITHIN_MS }: { awayFrom?: CoordinatorReading; withinMs?: number } = {},
  ): Promise<CoordinatorReading> {
    const earlier = awayFrom === undefined ? undefined : this.answers.get(awayFrom.coordinatorReading);
    const was = earlier && "coordinator" in earlier ? earlier.coordinator : undefined;
    const moved = (answer: CoordinatorAnswer) => "coordinator" in answer && answer.coordinator !== was && this.isLive(answer.coordinator);
    const wait = awayFrom === undefined ? 0 : withinMs;
    const last = await this.askUntil(this.groupId(ref), `group ${ref.group}'s coordinator to move away from node ${was}`, moved, wait);
    const waited = awayFrom === undefined ? "" : last.accepted ? ` after ${last.waitedMs} ms` : `, still so after ${withinMs / 1000} s`;
    const reading = this.answers.size + 1;
    this.answers.set(reading, last.answer);
    this.timeline.record("observe", `broker ${last.asked}`, `broker node ${last.asked}: group ${ref.group}'s coordinator is ${describeAnswer(last.answer)} (${moment}${waited})`, {
      coordinatorReading: reading,
      group: ref.group,
      moment,
      askedNode: last.asked,
      answer: last.answer,
    });
    return { coordinatorReading: reading, group: ref.group };
  }

  /** Whether the group's coordinator is a running node now, waiting up to `withinMs` for one; what was answered otherwise. */
  async availability(groupId: string, withinMs: number): Promise<Availability> {
    const live = (answer: CoordinatorAnswer) => "coordinator" in answer && this.isLive(answer.coordinator);
    const { answer } = await this.askUntil(groupId, `group ${groupId}'s coordinator to be a running node`, live, withinMs);
    if ("coordinator" in answer && this.isLive(answer.coordinator)) return { available: true, coordinator: answer.coordinator };
    return { available: false, answer: "coordinator" in answer ? `node ${answer.coordinator}, which is down` : answer.code };
  }

  /** The nodes, and when each was killed. */
  evidence(): BrokerNodeEvidence[] {
    return this.cluster.nodes.map((n) => ({ nodeId: n.nodeId, address: n.address, killedAt: this.killedAt.get(n.nodeId) ?? null }));
  }

  private isLive(nodeId: number): boolean {
    return !this.killedAt.has(nodeId) && this.cluster.isRunning(nodeId);
  }

  /**
   * Asks until `accept` takes the answer or `withinMs` runs out (0: once), and returns the
   * last answer either way: a bounded wait whose outcome is recorded, never thrown.
   */
  private async askUntil(groupId: string, label: string, accept: (answer: CoordinatorAnswer) => boolean, withinMs: number) {
    const started = this.timeline.now();
    let last = await this.ask(groupId);
    if (!accept(last.answer) && withinMs > 0) {
      await waitFor(
        label,
        async () => {
          last = await this.ask(groupId);
          return accept(last.answer) ? true : undefined;
        },
        { timeoutMs: withinMs, intervalMs: 250 },
      ).catch(() => undefined);
    }
    return { ...last, accepted: accept(last.answer), waitedMs: this.timeline.now() - started };
  }

  /** One FindCoordinator, to the lowest-numbered running node. */
  private async ask(groupId: string): Promise<{ asked: number; answer: CoordinatorAnswer }> {
    const node = this.cluster.nodes.find((n) => this.isLive(n.nodeId));
    if (!node) throw new Error("every node of the cluster is down: there is no one left to ask");
    return { asked: node.nodeId, answer: await askCoordinator(this.cluster, node, groupId) };
  }
}
