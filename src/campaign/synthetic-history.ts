import type { CampaignPlan } from "./checkers.js";
import { HistoryRecorder } from "./history.js";
import type { FaultStep, Schedule } from "./schedule.js";

const TOPIC = "orders";
const PARTITIONS = 6;
/** A group's members: the first owns the even partitions, the second the odd, unless one has crashed. */
const GROUPS = { A: ["A1", "A2"], B: ["B1", "B2"] } as const;
const SHARE = { group: "S", members: ["S1", "S2"], deliveryLimit: 5 } as const;
/** A commit per partition every so many records, as a consumer committing what it finished does. */
const COMMIT_EVERY = 50;

/**
 * A clean campaign's history of about `operations` operations, made without a broker, for measuring the checkers:
 * writes acknowledged to six partitions, two consumer groups reading and committing, a share group accepting each
 * record (every hundredth released once first), and — as a real campaign's faults come at a steady rate, so do
 * these — every `faultEvery` operations a broker killed and restarted, and a member of one group crashing, its
 * partitions re-read from their commits by the other member, then rejoining. Every checker must find it clean.
 */
export function syntheticCampaign(operations: number, faultEvery = 10_000): { recorder: HistoryRecorder; plan: CampaignPlan } {
  const r = new HistoryRecorder();
  const steps: FaultStep[] = [];
  const end = new Array<number>(PARTITIONS).fill(0);
  const groups = Object.entries(GROUPS).map(([group, members]) => ({
    group,
    members,
    crashed: -1,
    received: new Array<number>(PARTITIONS).fill(0),
    committed: new Array<number>(PARTITIONS).fill(0),
  }));
  let at = 0;
  const tick = () => (at += 0.05);
  for (const g of groups) for (const m of g.members) r.membership(tick(), g.group, m, "join");
  let nextFault = faultEvery;
  let faults = 0;
  for (let value = 0; r.length < operations; value++) {
    const partition = value % PARTITIONS;
    const offset = end[partition]!++;
    r.produceAck(tick(), { producer: "P1", topic: TOPIC, partition, value, offset });
    for (const g of groups) {
      const owner = g.crashed >= 0 ? g.members[1 - g.crashed]! : g.members[partition % 2]!;
      r.consume(tick(), { group: g.group, consumer: owner, topic: TOPIC, partition, offset, value });
      g.received[partition] = offset + 1;
      if ((offset + 1) % COMMIT_EVERY === 0) {
        r.commit(tick(), { group: g.group, consumer: owner, topic: TOPIC, partition, offset: offset + 1, ok: true });
        g.committed[partition] = offset + 1;
      }
    }
    const member = SHARE.members[value % 2]!;
    const settle = { group: SHARE.group, consumer: member, topic: TOPIC, partition, offset };
    r.shareDeliver(tick(), { ...settle, deliveryCount: 1 });
    if (value % 100 === 0) {
      r.shareAck(tick(), { ...settle, type: "release", outcome: "taken" });
      r.shareDeliver(tick(), { ...settle, deliveryCount: 2 });
    }
    r.shareAck(tick(), { ...settle, type: "accept", outcome: "taken" });
    if (r.length >= nextFault) {
      nextFault += faultEvery;
      faults++;
      const kill = steps.push({ step: steps.length, at, action: "kill-broker", target: { role: "node", nodeId: 1 + (faults % 3) } }) - 1;
      r.fault(tick(), kill, 1 + (faults % 3), true);
      steps.push({ step: steps.length, at, action: "restart-broker", recovers: kill });
      r.fault(tick(), kill + 1, 1 + (faults % 3), true);
      crashOrRejoin(r, groups[faults % 2]!, tick);
    }
  }
  for (const g of groups) {
    if (g.crashed >= 0) crashOrRejoin(r, g, tick);
    for (let p = 0; p < PARTITIONS; p++) r.commit(tick(), { group: g.group, consumer: g.members[p % 2]!, topic: TOPIC, partition: p, offset: end[p]!, ok: true });
  }
  for (let p = 0; p < PARTITIONS; p++) {
    r.logEnd(tick(), TOPIC, p, 0, end[p]!);
    r.logRead(
      TOPIC,
      p,
      0,
      Array.from({ length: end[p]! }, (_, o) => o * PARTITIONS + p),
    );
    for (const g of groups) r.committed(tick(), g.group, TOPIC, p, end[p]!);
    r.shareStateRead(tick(), { group: SHARE.group, topic: TOPIC, partition: p, records: end[p]! });
  }
  steps.push({ step: steps.length, at: tick(), action: "heal" });
  const schedule: Schedule = { seed: 0, duration: at, steps };
  const topics = [TOPIC];
  return {
    recorder: r,
    plan: {
      schedule,
      consumerGroups: groups.map((g) => ({ group: g.group, topics })),
      shareGroups: [{ group: SHARE.group, topics, deliveryLimit: SHARE.deliveryLimit }],
    },
  };
}

type Group = { group: string; members: readonly string[]; crashed: number; received: number[]; committed: number[] };

/** The first member crashes and the other re-reads its partitions from their commits; or the crashed one rejoins. */
function crashOrRejoin(r: HistoryRecorder, g: Group, tick: () => number): void {
  if (g.crashed >= 0) {
    r.membership(tick(), g.group, g.members[g.crashed]!, "join");
    g.crashed = -1;
    return;
  }
  g.crashed = 0;
  r.membership(tick(), g.group, g.members[0]!, "crash");
  for (let p = 0; p < PARTITIONS; p += 2)
    for (let offset = g.committed[p]!; offset < g.received[p]!; offset++)
      r.consume(tick(), { group: g.group, consumer: g.members[1]!, topic: TOPIC, partition: p, offset, value: offset * PARTITIONS + p });
}
