import type { NativeCluster } from "../broker/native/native-cluster.js";
import { kafkaClient } from "../harness/client-settings.js";
import { askCoordinator } from "../harness/coordinator.js";
import { withTimeout } from "../harness/wait.js";
import { partitionName, resolveBroker, type ClusterView } from "./broker-role.js";
import type { CampaignMember, Clock } from "./campaign-clients.js";
import type { AppliedStep } from "./campaign-result.js";
import type { HistoryRecorder } from "./history.js";
import type { BrokerFault, FaultStep, Schedule } from "./schedule.js";

/** A step still not done after this is given up (a restart's own wait for readiness is 60 s): a lane never hangs. */
const STEP_WITHIN_MS = 90_000;

/**
 * Carries out a schedule on the cluster and the members. Each lane (brokers, consumers) runs its steps in order,
 * each at its time or, when the step before it took longer (a broker's restart), as soon as that one has finished:
 * a lane never has two faults in force, so the one-broker rule of the schedule holds of what was done, not only of
 * what was planned (the control's own plan overlaps two on purpose, and so does what is done of it). A broker step
 * names a role; the node that plays it is asked of the cluster at that moment (metadata and FindCoordinator), and
 * the node chosen is recorded with the step. Every step goes into the history as a `fault` operation.
 */
export class Nemesis {
  readonly applied: AppliedStep[] = [];
  /** Fault step → the node it took down, for its recovery. */
  private readonly nodeOfStep = new Map<number, number>();

  constructor(
    private readonly cluster: NativeCluster,
    private readonly members: ReadonlyMap<string, CampaignMember>,
    private readonly history: HistoryRecorder,
    private readonly clock: Clock,
  ) {}

  /** Runs every step but the heal; resolves when both lanes are done. */
  async run(schedule: Schedule, shouldStop: () => boolean = () => false): Promise<void> {
    this.schedule = schedule;
    const steps = schedule.steps.filter((s) => s.action !== "heal");
    const isBrokerStep = (s: FaultStep) => "target" in s || ((s.action === "restart-broker" || s.action === "resume-broker") && "recovers" in s);
    // The control's plan has its broker steps overlap, so they run in one lane, in time order, as planned.
    await Promise.all([
      this.lane(steps.filter(isBrokerStep), shouldStop),
      this.lane(
        steps.filter((s) => !isBrokerStep(s)),
        shouldStop,
      ),
    ]);
  }

  private async lane(steps: readonly FaultStep[], shouldStop: () => boolean): Promise<void> {
    for (const step of steps) {
      const wait = step.at - this.clock();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (shouldStop()) return;
      // A step that fails (a restart that never became ready) is recorded as not applied, and the lane goes on:
      // the heal tries again, and the history has every step the nemesis took.
      await withTimeout(`step ${step.step} (${step.action}) to be carried out`, this.apply(step), STEP_WITHIN_MS).catch((error: unknown) => {
        const reason = `it failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
        this.history.fault(this.clock(), step.step, undefined, false);
        this.applied.push({ step: step.step, at: this.clock(), applied: false, reason });
      });
    }
  }

  private async apply(step: FaultStep): Promise<void> {
    const at = this.clock();
    const record = (node: number | undefined, applied: boolean, reason?: string) => {
      this.history.fault(at, step.step, node, applied);
      this.applied.push({ step: step.step, at, ...(node === undefined ? {} : { node }), applied, ...(reason === undefined ? {} : { reason }) });
    };
    switch (step.action) {
      case "kill-broker":
      case "pause-broker": {
        const resolved = resolveBroker(step.target, await this.view(step));
        if ("unresolved" in resolved) return record(undefined, false, resolved.unresolved);
        this.nodeOfStep.set(step.step, resolved.nodeId);
        // Recorded before it is done: the history's time of a fault is when it began.
        record(resolved.nodeId, true);
        if (step.action === "kill-broker") await this.cluster.killNode(resolved.nodeId);
        else this.cluster.pauseNode(resolved.nodeId);
        return;
      }
      case "restart-broker":
      case "resume-broker": {
        const node = this.nodeOfStep.get(step.recovers);
        if (node === undefined) return record(undefined, false, `step ${step.recovers} took no node down`);
        if (step.action === "restart-broker") await this.cluster.restartNode(node);
        else this.cluster.resumeNode(node);
        this.history.fault(this.clock(), step.step, node, true);
        this.applied.push({ step: step.step, at, node, applied: true });
        return;
      }
      case "sever-consumer":
      case "kill-consumer": {
        const member = this.members.get(step.consumer);
        if (!member?.isRunning) return record(undefined, false, `${step.consumer} was not running`);
        if (step.action === "sever-consumer") {
          if (!member.sever) return record(undefined, false, `${step.consumer}'s connections cannot be cut from here`);
          const refused = await member.sever();
          if (refused) return record(undefined, false, refused.refused);
        } else await member.crash();
        return record(undefined, true);
      }
      case "reconnect-consumer":
      case "start-consumer": {
        const fault = this.applied.find((a) => a.step === step.recovers);
        if (!fault?.applied) return record(undefined, false, `step ${step.recovers} was not applied`);
        const consumer = (this.stepOf(step.recovers) as { consumer: string }).consumer;
        const member = this.members.get(consumer)!;
        if (step.action === "reconnect-consumer" && member.reconnect) await member.reconnect();
        else if (!member.isRunning) await member.start();
        return record(undefined, true);
      }
      case "heal":
        return;
    }
  }

  /** The plan being run, for recoveries to find their faults. */
  private schedule: Schedule | undefined;
  private stepOf(index: number): FaultStep {
    const step = this.schedule?.steps[index];
    if (!step) throw new Error(`the schedule has no step ${index}`);
    return step;
  }

  /** Every broker running and continued, every member running: nothing is down after this. */
  async heal(): Promise<void> {
    for (const node of this.cluster.nodes) {
      if (this.cluster.isPaused(node.nodeId)) this.cluster.resumeNode(node.nodeId);
      if (!this.cluster.isRunning(node.nodeId)) await this.cluster.restartNode(node.nodeId);
    }
    for (const member of this.members.values()) {
      if (member.reconnect) await member.reconnect();
      if (!member.isRunning) await member.start();
    }
  }

  /** What the cluster reports now, for a broker step's role: only what that role needs is asked. */
  private async view(step: BrokerFault): Promise<ClusterView> {
    const alive = this.cluster.nodes.map((n) => n.nodeId).filter((id) => this.cluster.isRunning(id) && !this.cluster.isPaused(id));
    const coordinators = new Map<string, number>();
    const partitions = new Map<string, { leader: number; replicas: readonly number[] }>();
    const target = step.target;
    try {
      if (target.role === "coordinator-of") {
        const asked = this.cluster.nodes.find((n) => alive.includes(n.nodeId));
        const answer = asked ? await askCoordinator(this.cluster, asked, target.group) : undefined;
        if (answer && "coordinator" in answer) coordinators.set(target.group, answer.coordinator);
      } else if (target.role === "leader-of" || target.role === "follower-of") {
        // A client of its own, to live nodes only: a long-lived one may answer from metadata older than the last fault.
        const live = this.cluster.nodes.filter((n) => alive.includes(n.nodeId)).map((n) => n.address);
        const admin = kafkaClient({ ...this.cluster, bootstrapServers: live }, "nemesis", { retry: { retries: 2 } }).admin();
        await admin.connect();
        try {
          const { topics } = await admin.fetchTopicMetadata({ topics: [target.topic] });
          for (const t of topics) for (const p of t.partitions) partitions.set(partitionName(t.name, p.partitionId), { leader: p.leader, replicas: p.replicas });
        } finally {
          await admin.disconnect();
        }
      }
    } catch {
      // No answer: the role resolves to nothing, and the step is recorded as not applied, with that reason.
    }
    return { alive, coordinators, partitions };
  }
}
