import { Prng } from "./prng.js";

/**
 * The nemesis's plan for a campaign: timed fault steps drawn from a seed, so the same seed replays the same plan.
 * A step that takes a broker down names it by its role (the coordinator of a group, the leader of a partition), not
 * by node id: which node plays the role is known only when the step runs, from what the cluster reports then
 * (`resolveBroker`), and the run records the node it chose beside the step.
 *
 * Two lanes run side by side, each one fault at a time, each fault followed by its recovery: brokers (kill -9 and
 * restart, SIGSTOP and SIGCONT) and consumers (connections cut and restored, process killed and started again). One
 * lane for brokers is what keeps "never more than one broker down or paused at once" true by construction;
 * `scheduleProblems` checks it anyway. The last step is the heal, after which every group reads to the end.
 */

/** Which broker a step acts on, resolved at the moment the step runs. */
export type BrokerRole =
  | { role: "coordinator-of"; group: string }
  | { role: "leader-of"; topic: string; partition: number }
  /** A replica of the partition that is not its leader: the control's lagging follower. */
  | { role: "follower-of"; topic: string; partition: number }
  /** A node the seed chose: kept as a role so every broker step reads alike. */
  | { role: "node"; nodeId: number };

interface Step {
  /** Its index in `Schedule.steps`: recoveries and the run's record name steps by it. */
  step: number;
  /** When it runs: ms after the campaign starts. */
  at: number;
}

export type BrokerFault = Step & { action: "kill-broker" | "pause-broker"; target: BrokerRole };
export type ConsumerFault = Step & { action: "sever-consumer" | "kill-consumer"; consumer: string };
/** Undoes the fault of step `recovers`: the broker it took down (whichever node that turned out to be), or the consumer. */
export type Recovery = Step & { action: "restart-broker" | "resume-broker" | "reconnect-consumer" | "start-consumer"; recovers: number };
/** Every broker up and running, every consumer connected and running; nothing fails after it. */
export type Heal = Step & { action: "heal" };

export type FaultStep = BrokerFault | ConsumerFault | Recovery | Heal;
export type FaultAction = FaultStep["action"];

export const RECOVERY_OF = {
  "kill-broker": "restart-broker",
  "pause-broker": "resume-broker",
  "sever-consumer": "reconnect-consumer",
  "kill-consumer": "start-consumer",
} as const satisfies Record<(BrokerFault | ConsumerFault)["action"], Recovery["action"]>;

/** What the campaign runs on, as the schedule may name it. */
export interface CampaignTargets {
  brokers: readonly number[];
  /** Consumer groups and share groups: each has a coordinator. */
  groups: readonly string[];
  topics: readonly { name: string; partitions: number }[];
  consumers: readonly string[];
  /** The consumers whose connections can be cut while their process runs (default: all of them); the others can only be killed. */
  severable?: readonly string[];
}

/** Ranges in ms, [shortest, longest]. */
export interface ScheduleTiming {
  /** Before the first fault: producers and groups settle first, so the first fault hits a working system. */
  warmUp: number;
  /** Between one fault's recovery and the lane's next fault. */
  gap: readonly [number, number];
  /** A killed broker stays down this long: up to past KRaft's broker session timeout (9 s by default), so some kills move leaders and coordinators while others come back first. */
  brokerDown: readonly [number, number];
  /** The long pause: a stopped broker keeps its sockets open but answers nothing, past session timeouts, then wakes up believing it still leads. */
  brokerPaused: readonly [number, number];
  /** A consumer with its connections cut, up to past its session timeout (kafkajs' default is 30 s), so some come back members and others are replaced. */
  consumerSevered: readonly [number, number];
  consumerDown: readonly [number, number];
  /** No fault recovers later than this before the heal: the heal finds a settled system and only has to read to the end. */
  quietBeforeHeal: number;
}

export const DEFAULT_TIMING: ScheduleTiming = {
  warmUp: 5_000,
  gap: [2_000, 12_000],
  brokerDown: [2_000, 15_000],
  brokerPaused: [5_000, 30_000],
  consumerSevered: [2_000, 40_000],
  consumerDown: [1_000, 10_000],
  quietBeforeHeal: 2_000,
};

export interface Schedule {
  seed: number;
  /** The heal runs at this time: ms after the start. */
  duration: number;
  steps: FaultStep[];
  /** The control's plan breaks the one-broker rule on purpose (see `controlSchedule`). */
  control?: true;
}

type Unnumbered<T> = T extends Step ? Omit<T, "step"> : never;
type Draft = { fault: Unnumbered<BrokerFault | ConsumerFault>; recovery: Omit<Unnumbered<Recovery>, "recovers"> };

export function generateSchedule(seed: number, duration: number, targets: CampaignTargets, timing: ScheduleTiming = DEFAULT_TIMING): Schedule {
  const random = new Prng(seed);
  const brokerRoles = rolesOf(targets);
  const drafts = [
    ...lane(random, duration, timing, brokerRoles.length === 0 ? [] : ["kill-broker", "pause-broker"], (action) => {
      const target = random.pick(brokerRoles);
      return action === "kill-broker"
        ? { fault: { at: 0, action, target }, recovery: { at: 0, action: "restart-broker" }, length: timing.brokerDown }
        : { fault: { at: 0, action: "pause-broker", target }, recovery: { at: 0, action: "resume-broker" }, length: timing.brokerPaused };
    }),
    ...lane(random, duration, timing, consumerActions(targets), (action) => {
      const consumer = random.pick(action === "sever-consumer" ? (targets.severable ?? targets.consumers) : targets.consumers);
      return action === "sever-consumer"
        ? { fault: { at: 0, action, consumer }, recovery: { at: 0, action: "reconnect-consumer" }, length: timing.consumerSevered }
        : { fault: { at: 0, action: "kill-consumer", consumer }, recovery: { at: 0, action: "start-consumer" }, length: timing.consumerDown };
    }),
  ];
  return { seed, duration, steps: numbered(drafts, duration) };
}

function consumerActions(targets: CampaignTargets): ("sever-consumer" | "kill-consumer")[] {
  if (targets.consumers.length === 0) return [];
  return (targets.severable ?? targets.consumers).length === 0 ? ["kill-consumer"] : ["sever-consumer", "kill-consumer"];
}

/** Every role a broker step may name, each equally likely: one per group's coordinator, partition's leader, and node. */
function rolesOf(targets: CampaignTargets): BrokerRole[] {
  return [
    ...targets.groups.map((group): BrokerRole => ({ role: "coordinator-of", group })),
    ...targets.topics.flatMap((t) => Array.from({ length: t.partitions }, (_, partition): BrokerRole => ({ role: "leader-of", topic: t.name, partition }))),
    ...targets.brokers.map((nodeId): BrokerRole => ({ role: "node", nodeId })),
  ];
}

/** One lane: faults one after another, each recovered before the next starts, all recovered `quietBeforeHeal` before the end. */
function lane<A extends string>(
  random: Prng,
  duration: number,
  timing: ScheduleTiming,
  actions: readonly A[],
  make: (action: A) => Draft & { length: readonly [number, number] },
): Draft[] {
  const drafts: Draft[] = [];
  if (actions.length === 0) return drafts;
  let at = timing.warmUp;
  for (;;) {
    const { fault, recovery, length } = make(random.pick(actions));
    const recoverAt = at + random.int(length[0], length[1]);
    if (recoverAt > duration - timing.quietBeforeHeal) return drafts;
    drafts.push({ fault: { ...fault, at }, recovery: { ...recovery, at: recoverAt } });
    at = recoverAt + random.int(timing.gap[0], timing.gap[1]);
  }
}

/** The lanes' steps in time order (a fault before its recovery when they tie), numbered, then the heal. */
function numbered(drafts: readonly Draft[], duration: number): FaultStep[] {
  const timed = drafts.flatMap((d, pair) => [
    { at: d.fault.at, pair, recovery: false },
    { at: d.recovery.at, pair, recovery: true },
  ]);
  timed.sort((a, b) => a.at - b.at || Number(a.recovery) - Number(b.recovery) || a.pair - b.pair);
  const faultStep = new Map<number, number>();
  const steps: FaultStep[] = timed.map(({ pair, recovery }, step) => {
    const draft = drafts[pair]!;
    if (!recovery) {
      faultStep.set(pair, step);
      return { ...draft.fault, step };
    }
    return { ...draft.recovery, step, recovers: faultStep.get(pair)! };
  });
  steps.push({ step: steps.length, at: duration, action: "heal" });
  return steps;
}

/**
 * The control's plan, which must lose acknowledged writes on a topic written with acks=1 and unclean leader
 * election allowed: a follower of one partition is paused until it falls out of the in-sync replicas while the
 * leader goes on acknowledging alone; the leader is killed; the follower wakes up and, as the only live replica, is
 * elected uncleanly with a shorter log; the old leader comes back and truncates its log to the new leader's. Broker
 * down and broker paused overlap here on purpose. `lag` must exceed the brokers' `replica.lag.time.max.ms`.
 */
/**
 * How long the control's killed leader stays away: well past the brokers' session timeout (6 s in a cluster), so the
 * controller has fenced it and elected the woken follower uncleanly before it returns. Back sooner, it would still be
 * the partition's only in-sync replica and be elected cleanly, and nothing would be lost.
 */
const LEADER_AWAY = 20_000;

export function controlSchedule(seed: number, topic: { name: string; partitions: number }, lag: number, duration: number): Schedule {
  const random = new Prng(seed);
  const partition = random.int(0, topic.partitions - 1);
  const start = DEFAULT_TIMING.warmUp;
  const steps: FaultStep[] = [
    { step: 0, at: start, action: "pause-broker", target: { role: "follower-of", topic: topic.name, partition } },
    { step: 1, at: start + lag, action: "kill-broker", target: { role: "leader-of", topic: topic.name, partition } },
    { step: 2, at: start + lag + 1_000, action: "resume-broker", recovers: 0 },
    { step: 3, at: start + lag + LEADER_AWAY, action: "restart-broker", recovers: 1 },
    { step: 4, at: Math.max(duration, start + lag + LEADER_AWAY + DEFAULT_TIMING.quietBeforeHeal), action: "heal" },
  ];
  return { seed, duration: steps[4]!.at, steps, control: true };
}
