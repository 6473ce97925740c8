import { describe, expect, it } from "vitest";
import { resolveBroker, type ClusterView } from "./broker-role.js";
import { Prng } from "./prng.js";
import { controlSchedule, generateSchedule, type CampaignTargets, type Schedule } from "./schedule.js";
import { scheduleProblems } from "./schedule-rules.js";

const TARGETS: CampaignTargets = {
  brokers: [1, 2, 3],
  groups: ["A", "B", "S"],
  topics: [{ name: "orders", partitions: 6 }],
  consumers: ["A1", "A2", "B1", "B2", "S1", "S2"],
};
const TEN_MINUTES = 600_000;

describe("Prng", () => {
  it("replays the same stream from the same seed, and another from another seed", () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(new Prng(seed)),
      );
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("gives mulberry32's reference values, so a seed means the same on every machine", () => {
    const r = new Prng(0);
    expect([r.next(), r.next()].map((x) => Math.round(x * 2 ** 32))).toEqual([1144304738, 1416247]);
  });

  it("keeps integers inside their bounds", () => {
    const r = new Prng(7);
    const drawn = Array.from({ length: 2000 }, () => r.int(3, 5));
    expect(new Set(drawn)).toEqual(new Set([3, 4, 5]));
  });
});

describe("generateSchedule", () => {
  it("gives the same schedule for the same seed", () => {
    expect(generateSchedule(1234, TEN_MINUTES, TARGETS)).toEqual(generateSchedule(1234, TEN_MINUTES, TARGETS));
  });

  it("gives different schedules for different seeds", () => {
    const steps = (seed: number) => JSON.stringify(generateSchedule(seed, TEN_MINUTES, TARGETS).steps);
    expect(new Set([1, 2, 3, 4, 5].map(steps)).size).toBe(5);
  });

  it("keeps every rule over 500 seeds, at one and at ten minutes, and uses every kind of step", () => {
    const actions = new Set<string>();
    const roles = new Set<string>();
    for (let seed = 0; seed < 500; seed++) {
      for (const duration of [60_000, TEN_MINUTES]) {
        const schedule = generateSchedule(seed, duration, TARGETS);
        expect(scheduleProblems(schedule, TARGETS), `seed ${seed}, ${duration} ms`).toEqual([]);
        for (const s of schedule.steps) {
          actions.add(s.action);
          if ("target" in s) roles.add(s.target.role);
        }
      }
    }
    expect([...actions].sort()).toEqual([
      "heal",
      "kill-broker",
      "kill-consumer",
      "pause-broker",
      "reconnect-consumer",
      "restart-broker",
      "resume-broker",
      "sever-consumer",
      "start-consumer",
    ]);
    expect([...roles].sort()).toEqual(["coordinator-of", "leader-of", "node"]);
  });

  it("fits faults in a short campaign, and a campaign too short for any is only the heal", () => {
    expect(generateSchedule(9, 60_000, TARGETS).steps.length).toBeGreaterThan(3);
    expect(generateSchedule(9, 4_000, TARGETS).steps).toEqual([{ step: 0, at: 4_000, action: "heal" }]);
  });
});

describe("scheduleProblems", () => {
  const heal = (step: number, at: number) => ({ step, at, action: "heal" as const });
  const kill = (step: number, at: number) => ({ step, at, action: "kill-broker" as const, target: { role: "node" as const, nodeId: 1 } });
  const plan = (steps: Schedule["steps"], control?: true): Schedule => ({ seed: 0, duration: steps.at(-1)!.at, steps, ...(control ? { control } : {}) });

  it("finds two brokers down at once", () => {
    const steps: Schedule["steps"] = [
      kill(0, 1),
      { ...kill(1, 2), action: "pause-broker" },
      { step: 2, at: 3, action: "restart-broker", recovers: 0 },
      { step: 3, at: 4, action: "resume-broker", recovers: 1 },
      heal(4, 5),
    ];
    expect(scheduleProblems(plan(steps), TARGETS)).toEqual(["step 1 (pause-broker at 2 ms) makes 2 brokers down or paused at once"]);
    expect(scheduleProblems(plan(steps, true), TARGETS)).toEqual([]);
  });

  it("finds a fault never recovered, a recovery of the wrong kind, and a heal that is not last", () => {
    expect(scheduleProblems(plan([kill(0, 1), heal(1, 5)]), TARGETS)).toEqual(["step 1 (heal at 5 ms) finds steps 0 never recovered"]);
    expect(scheduleProblems(plan([kill(0, 1), { step: 1, at: 2, action: "resume-broker", recovers: 0 }, heal(2, 5)]), TARGETS)).toEqual([
      "step 1 (resume-broker at 2 ms) cannot undo step 0 (kill-broker)",
    ]);
    expect(scheduleProblems({ seed: 0, duration: 5, steps: [heal(0, 5), { ...kill(1, 5) }] }, TARGETS)).toContain("the schedule does not end with the heal");
  });

  it("finds a consumer hit twice at once, steps out of order, and targets the campaign does not have", () => {
    const steps: Schedule["steps"] = [
      { step: 0, at: 3, action: "sever-consumer", consumer: "A1" },
      { step: 1, at: 2, action: "kill-consumer", consumer: "A1" },
      { step: 2, at: 4, action: "kill-broker", target: { role: "coordinator-of", group: "Z" } },
      { step: 3, at: 5, action: "start-consumer", recovers: 1 },
      { step: 4, at: 5, action: "reconnect-consumer", recovers: 0 },
      { step: 5, at: 6, action: "restart-broker", recovers: 2 },
      heal(6, 7),
    ];
    expect(scheduleProblems(plan(steps), TARGETS)).toEqual([
      "step 1 (kill-consumer at 2 ms) comes before the step ahead of it (3 ms)",
      "step 1 (kill-consumer at 2 ms) hits A1 while step 0 still holds it",
      "step 2 (kill-broker at 4 ms) names the coordinator of group Z, which the campaign does not have",
    ]);
  });
});

describe("controlSchedule", () => {
  it("pauses a follower, kills the leader while it lags, and wakes the follower before the leader returns", () => {
    const schedule = controlSchedule(5, { name: "control", partitions: 3 }, 15_000, 60_000);
    expect(schedule.steps.map((s) => s.action)).toEqual(["pause-broker", "kill-broker", "resume-broker", "restart-broker", "heal"]);
    const [pause, kill] = schedule.steps;
    const follower = pause && "target" in pause ? pause.target : undefined;
    expect(follower).toMatchObject({ role: "follower-of", topic: "control" });
    expect(kill && "target" in kill ? kill.target : undefined).toEqual({ ...follower, role: "leader-of" });
    expect(scheduleProblems(schedule, { ...TARGETS, topics: [{ name: "control", partitions: 3 }] })).toEqual([]);
    expect(controlSchedule(5, { name: "control", partitions: 3 }, 15_000, 60_000)).toEqual(schedule);
  });
});

describe("resolveBroker", () => {
  const view: ClusterView = {
    alive: [1, 2],
    coordinators: new Map([
      ["A", 2],
      ["B", 3],
    ]),
    partitions: new Map([["orders/0", { leader: 1, replicas: [1, 3, 2] }]]),
  };

  it("names the node that plays the role now", () => {
    expect(resolveBroker({ role: "coordinator-of", group: "A" }, view)).toEqual({ nodeId: 2 });
    expect(resolveBroker({ role: "leader-of", topic: "orders", partition: 0 }, view)).toEqual({ nodeId: 1 });
    expect(resolveBroker({ role: "follower-of", topic: "orders", partition: 0 }, view)).toEqual({ nodeId: 2 });
  });

  it("says why no node plays it, rather than choosing another", () => {
    expect(resolveBroker({ role: "coordinator-of", group: "B" }, view)).toEqual({ unresolved: "coordinator of group B is node 3, which is down" });
    expect(resolveBroker({ role: "leader-of", topic: "orders", partition: 1 }, view)).toEqual({ unresolved: "the cluster named no leader of orders/1" });
    expect(resolveBroker({ role: "node", nodeId: 3 }, view)).toEqual({ unresolved: "node 3 is down" });
  });
});

describe("generateSchedule with consumers that can only be killed", () => {
  const targets: CampaignTargets = { ...TARGETS, consumers: ["K1", "K2", "J1", "S1"], severable: ["K1", "K2"] };

  it("cuts the connections only of consumers whose connections can be cut, and kills any", () => {
    const steps = Array.from({ length: 30 }, (_, seed) => generateSchedule(seed, TEN_MINUTES, targets).steps).flat();
    const cut = new Set(steps.flatMap((s) => (s.action === "sever-consumer" ? [s.consumer] : [])));
    const killed = new Set(steps.flatMap((s) => (s.action === "kill-consumer" ? [s.consumer] : [])));
    expect([...cut].sort()).toEqual(["K1", "K2"]);
    expect([...killed].sort()).toEqual(["J1", "K1", "K2", "S1"]);
    for (let seed = 0; seed < 30; seed++) expect(scheduleProblems(generateSchedule(seed, TEN_MINUTES, targets), targets)).toEqual([]);
  });

  it("finds a cut of a consumer that can only be killed", () => {
    const schedule: Schedule = {
      seed: 1,
      duration: 10_000,
      steps: [
        { step: 0, at: 1_000, action: "sever-consumer", consumer: "J1" },
        { step: 1, at: 2_000, action: "reconnect-consumer", recovers: 0 },
        { step: 2, at: 10_000, action: "heal" },
      ],
    };
    expect(scheduleProblems(schedule, targets)).toEqual(["step 0 (sever-consumer at 1000 ms) cuts the connections of J1, whose connections cannot be cut"]);
  });
});
