import { everyOffsetDelivered, redeliveries } from "../checks/accounting.js";
import type { Anomaly } from "../checks/anomaly.js";
import { formatSpan } from "../checks/spans.js";
import { rangeAnomalies } from "../checks/range-anomalies.js";
import type { ReceivedRange, ScenarioEvidence, TimelineEvent } from "../evidence/proof-result.js";
import { placeAnomalies } from "./anomaly-places.js";
import type { ConsumerGroupPlan } from "./committed-at-end.js";
import { partitionId, verdict, type CampaignAnomaly, type CheckerVerdict } from "./finding.js";
import { KIND, MEMBERSHIP_CHANGES, type HistoryColumns } from "./history.js";
import type { Schedule } from "./schedule.js";

/**
 * The project's per-group anomaly checks (lost write, duplicate outside a membership change, skip, step backwards,
 * commit ahead: `checks/range-anomalies.ts`, and every offset below the log end received: `checks/accounting.ts`)
 * run on one consumer group of a campaign. The group's deliveries become received ranges, as a proof's consumer
 * records them, and its windows become the timeline marks those checks read: a member joining, leaving or
 * crashing; a fault on one of its consumers (cut off or killed: a crash); any broker fault or recovery (a restart,
 * which may move a coordinator or a leader under every group).
 *
 * A run of offsets ends at every such mark (and at any fault applied, whoever it hit), not only where the next
 * offset is not the one after: a member that
 * kept its partition through another member's crash and rejoin would otherwise hold one run across both, and a
 * run's inner times cannot be told apart, so the marks inside it could excuse nothing.
 *
 * A duplicate is allowed across a mark, as those checks allow it, and also inside a member's window: a member cut off
 * (or killed) and back, or one whose group rebalanced (another member joined, left or crashed), reads on with the
 * assignment it had until it joins again, while the member given its partitions reads them too — a zombie, which
 * at-least-once delivery allows. Its runs from the fault or the rebalance until its own next join are the window's,
 * and a duplicate with one of them is not an anomaly. So are a member's runs since its last assignment when its client
 * later reports its partitions lost: the group had fenced it (its heartbeats did not arrive: a paused coordinator) and
 * given them to another member, while it read on, not knowing, until it heard.
 *
 * One thing is judged here that those checks cannot see on ranges: a commit made during the run ahead of what the
 * group had received by then (they judge mid-run commits only on per-message deliveries).
 */
export function groupAnomalies(h: HistoryColumns, plan: ConsumerGroupPlan, schedule: Schedule): CheckerVerdict {
  const { evidence, aheadDuringRun, deliveries, inWindow } = groupEvidence(h, plan, schedule);
  // The duplicates are judged here, with fault windows (below); the rest as the project's checks judge them.
  const judged = rangeAnomalies(evidence, plan.group);
  const duplicates: Anomaly[] = redeliveries(evidence, plan.group, evidence.groups[0]!.receivedRanges ?? [])
    .filter((r) => !r.excused && !inWindow.has(r.earlier) && !inWindow.has(r.later))
    .map((r) => ({
      kind: "duplicate",
      detail: `p${r.later.partition} ${formatSpan(r.offsets)} delivered twice while membership was stable (${r.earlier.consumer} then ${r.later.consumer})`,
    }));
  // In the order those checks give them: lost writes, duplicates, steps, commits ahead.
  const found = [...judged.filter((a) => a.kind === "lost"), ...duplicates, ...judged.filter((a) => a.kind !== "lost" && a.kind !== "duplicate")];
  if (!found.some((a) => a.kind === "lost")) {
    const all = everyOffsetDelivered(evidence, { group: plan.group });
    if (all.outcome !== "pass") found.push({ kind: "lost", detail: all.detail });
  }
  const anomalies: CampaignAnomaly[] = [...placeAnomalies(h, plan, found), ...aheadDuringRun];
  return verdict(`group ${plan.group}: no lost write, duplicate outside a membership change or crash, skip, step backwards or commit ahead`, deliveries, anomalies);
}

interface Open {
  range: ReceivedRange;
  /** How many marks the group had when the run began: a run continues only while no mark comes. */
  marks: number;
}

/** The group's history as the evidence the per-group checks read, and the commits made ahead during the run. */
function groupEvidence(
  h: HistoryColumns,
  plan: ConsumerGroupPlan,
  schedule: Schedule,
): { evidence: ScenarioEvidence; aheadDuringRun: CampaignAnomaly[]; deliveries: number; inWindow: Set<ReceivedRange> } {
  const groupId = h.names.indexOf(plan.group);
  const topics = new Set(plan.topics.map((t) => h.names.indexOf(t)));
  const timeline: TimelineEvent[] = [];
  const ranges: ReceivedRange[] = [];
  /** Per consumer, per partition: the run being extended. */
  const open = new Map<number, Map<number, Open>>();
  let marks = 0;
  const members = new Set<number>();
  /** Per partition, the offset after the highest the group has received so far. */
  const next = new Map<number, number>();
  const aheadDuringRun: CampaignAnomaly[] = [];
  const faults: number[] = [];
  const ends = new Map<string, Map<number, number>>();
  const committed = new Map<string, { topic: string; partition: number; offset: number | null }>();
  let deliveries = 0;
  /** Consumers hit by a fault (cut off or killed) that have not joined since; and the runs they received meanwhile. */
  const cutOff = new Set<number>();
  const inWindow = new Set<ReceivedRange>();
  /** Members whose group rebalanced since they last joined, and the runs they received meanwhile. */
  const rebalancing = new Map<number, ReceivedRange[]>();
  /** Each member's runs since its last join or assignment: a zombie's, if it turns out to have lost its partitions. */
  const sinceAssigned = new Map<number, ReceivedRange[]>();
  const [consume, commit, membership, fault, logEnd, reading] = [KIND.consume, KIND.commit, KIND.membership, KIND.fault, KIND["log-end"], KIND.committed];
  for (let i = 0; i < h.length; i++) {
    const kind = h.kind[i]!;
    if (kind === fault) {
      // A step the nemesis could not apply (no node played its role) changed nothing.
      if (h.c[i] !== 1) continue;
      faults.push(i);
      marks++;
      const step = schedule.steps[h.a[i]!];
      if (step && "consumer" in step) cutOff.add(h.names.indexOf(step.consumer));
    } else if (kind === logEnd && topics.has(h.b[i]!)) {
      const topic = h.names[h.b[i]!]!;
      (ends.get(topic) ?? ends.set(topic, new Map()).get(topic)!).set(h.c[i]!, h.f[i]!);
    } else if (h.a[i] !== groupId) continue;
    else if (kind === membership) {
      const [consumer, change] = [h.b[i]!, MEMBERSHIP_CHANGES[h.c[i]!]!];
      members.add(consumer);
      marks++;
      // A generation's join, a leave or a crash rebalances the classic group: until each other member has joined the
      // new generation it may read on with its old assignment, as the member given its partitions reads them too.
      // What it reads meanwhile is the window's only once it does join: a member that never does was no zombie.
      if (change === "join" || change === "leave" || change === "crash") for (const other of members) if (other !== consumer && !rebalancing.has(other)) rebalancing.set(other, []);
      if (change === "lost") for (const range of sinceAssigned.get(consumer) ?? []) inWindow.add(range);
      if (change === "join" || change === "assigned" || change === "lost") {
        cutOff.delete(consumer);
        for (const range of rebalancing.get(consumer) ?? []) inWindow.add(range);
        rebalancing.delete(consumer);
        sinceAssigned.set(consumer, []);
      }
      // A new assignment is the broker moving partitions between members: the per-group checks know a membership
      // change as a join; a loss, as the crash the group took it for.
      const event = change === "assigned" ? "join" : change === "lost" ? "crash" : change;
      timeline.push({ at: h.at[i]!, event, actor: h.names[consumer]!, group: plan.group, summary: `${h.names[consumer]} ${change}` });
    } else if (kind === consume && topics.has(h.c[i]!)) {
      deliveries++;
      const [consumer, pid, offset, at] = [h.b[i]!, partitionId(h.c[i]!, h.d[i]!), h.e[i]!, h.at[i]!];
      members.add(consumer);
      next.set(pid, Math.max(next.get(pid) ?? 0, offset + 1));
      const mine = open.get(consumer) ?? open.set(consumer, new Map()).get(consumer)!;
      const current = mine.get(pid);
      if (current && current.marks === marks && offset === current.range.last + 1) {
        current.range.last = offset;
        current.range.lastAt = at;
      } else {
        const name = h.names[consumer]!;
        const range = { topic: h.names[h.c[i]!]!, partition: h.d[i]!, first: offset, last: offset, memberId: name, consumer: name, firstAt: at, lastAt: at };
        ranges.push(range);
        mine.set(pid, { range, marks });
        if (cutOff.has(consumer)) inWindow.add(range);
        rebalancing.get(consumer)?.push(range);
        (sinceAssigned.get(consumer) ?? sinceAssigned.set(consumer, []).get(consumer)!).push(range);
      }
    } else if (kind === commit && h.f[i] === 1 && topics.has(h.c[i]!)) {
      const [pid, offset] = [partitionId(h.c[i]!, h.d[i]!), h.e[i]!];
      const received = next.get(pid) ?? 0;
      if (offset > received)
        aheadDuringRun.push({
          kind: "commit-ahead",
          detail: `${h.names[h.b[i]!]} committed ${h.names[h.c[i]!]}/${h.d[i]} at ${offset} when the group had received only up to ${received - 1}`,
          op: i,
          at: h.at[i]!,
          group: plan.group,
          topic: h.names[h.c[i]!]!,
          partition: h.d[i]!,
          offset,
        });
    } else if (kind === reading && topics.has(h.b[i]!)) {
      const [topic, partition, offset] = [h.names[h.b[i]!]!, h.c[i]!, h.e[i]!];
      committed.set(`${topic}/${partition}`, { topic, partition, offset: offset < 0 ? null : offset });
    }
  }
  timeline.push(...faultMarks(h, faults, schedule, plan.group, members));
  timeline.sort((a, b) => a.at - b.at);
  const evidence: ScenarioEvidence = {
    topics: [...ends].map(([name, partitions]) => ({ name, partitions: [...partitions].map(([partition, logEndOffset]) => ({ partition, logEndOffset })) })),
    produced: [],
    groups: [{ label: plan.group, groupId: plan.group, state: "", describedAt: 0, committed: [...committed.values()], members: [], received: [], receivedRanges: ranges }],
    consumers: [...members].map((c) => ({ name: h.names[c]!, group: plan.group, fetches: 0, firstFetchAt: null, lastFetchAt: null, received: 0 })),
    timeline,
  };
  return { evidence, aheadDuringRun, deliveries, inWindow };
}

/** A broker step, applied or recovered, is a restart for every group; a consumer step is a crash of that consumer's group. */
function faultMarks(h: HistoryColumns, faults: readonly number[], schedule: Schedule, group: string, members: ReadonlySet<number>): TimelineEvent[] {
  const marks: TimelineEvent[] = [];
  for (const i of faults) {
    const step = schedule.steps[h.a[i]!];
    if (!step || step.action === "heal") continue;
    const fault = "recovers" in step ? schedule.steps[step.recovers] : step;
    if (!fault || (!("consumer" in fault) && !("target" in fault))) continue;
    const at = h.at[i]!;
    if ("target" in fault) marks.push({ at, event: "restart", actor: "nemesis", summary: `step ${step.step}: ${step.action}` });
    else if (members.has(h.names.indexOf(fault.consumer))) marks.push({ at, event: "crash", actor: fault.consumer, group, summary: `step ${step.step}: ${step.action}` });
  }
  return marks;
}
