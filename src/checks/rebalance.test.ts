import { describe, expect, it } from "vitest";
import type { AssignmentObservation, TimelineEvent } from "../evidence/proof-result.js";
import { consumer, evidence, group, observed, TOPIC } from "./evidence-fixture.js";
import {
  balancedAfter,
  handedOverInTwoGenerations,
  keptUnmovedPartitions,
  onlyTheirPartitionsMoved,
  othersUndisturbedByRestart,
  removedAfterSessionTimeout,
  restartedTookItsPlace,
  restartedWithoutRebalance,
  revokedOnlyMoved,
  type MembershipChange,
} from "./rebalance.js";

const A = { group: "A" };
const joined: MembershipChange = { joined: { consumer: "A3" } };
const left: MembershipChange = { left: { consumer: "A3" } };
const consumers = ["A1", "A2", "A3"].map((name) => consumer(name, "A"));
const on = (...timeline: TimelineEvent[]) => evidence({ partitions: [0, 1, 2, 3, 4, 5], groups: [group("A")], consumers, timeline });

const settledPair = (at: number) => observed(at, { A1: [0, 1, 2], A2: [3, 4, 5] });
const settledTrio = (at: number) => observed(at, { A1: [0, 1], A2: [3, 4], A3: [2, 5] });
/** The consumer protocol's join, as Kafka 4.4 describes it: the newcomer assigned first, then each member giving up one partition. */
const incrementalJoin = [
  settledPair(100),
  observed(200, { A1: [0, 1, 2], A2: [3, 4, 5], A3: [] }, { state: "Assigning", samples: 5 }),
  observed(300, { A1: [0, 1, 2], A2: [3, 4], A3: [] }, { state: "Reconciling", samples: 3 }),
  observed(400, { A1: [0, 1], A2: [3, 4], A3: [2] }, { state: "Reconciling", samples: 2 }),
  settledTrio(500),
];

describe("keptUnmovedPartitions", () => {
  it("passes when the staying members own what they keep in every answer of the broker", () => {
    const check = keptUnmovedPartitions(on(...incrementalJoin), A, joined, 3);
    expect(check.outcome).toBe("pass");
    expect(check.detail).toBe("A1 to keep p0,p1 and A2 to keep p3,p4: so the broker reported in all 10 answers between +100 ms (Stable) and +500 ms (Stable)");
  });

  it("fails when, for one answer, a member owned less than it kept", () => {
    const dip = observed(350, { A1: [0], A2: [3, 4], A3: [] }, { state: "Reconciling" });
    const check = keptUnmovedPartitions(on(...incrementalJoin.slice(0, 3), dip, ...incrementalJoin.slice(3)), A, joined, 3);
    expect(check).toMatchObject({ outcome: "fail", detail: expect.stringContaining("the broker reported A1 owning p0, without p1, at +350 ms (Reconciling)") });
  });

  it("fails on a classic rebalance, although Kafka 4 still lists the previous generation's partitions", () => {
    const classic = { protocol: "classic" } as const;
    const e = on(
      observed(100, { A1: [0, 2, 4], A2: [1, 3, 5] }, classic),
      observed(200, { A1: [0, 2, 4], A2: [1, 3, 5], A3: [] }, { ...classic, state: "PreparingRebalance", samples: 5 }),
      observed(300, { A1: [0, 3], A2: [1, 4], A3: [2, 5] }, classic),
    );
    expect(keptUnmovedPartitions(e, A, joined, 3)).toMatchObject({
      outcome: "fail",
      detail: expect.stringContaining("group A in PreparingRebalance at +200 ms, making every member rejoin (A1 held p0,p2,p4 and A2 held p1,p3,p5 only until it did)"),
    });
  });

  it("is inconclusive, never a pass, when the broker was asked too few times during the change", () => {
    const quick = [settledPair(100), observed(200, { A1: [0, 1, 2], A2: [3, 4], A3: [] }, { state: "Reconciling", samples: 2 }), settledTrio(300)];
    expect(keptUnmovedPartitions(on(...quick), A, joined, 3)).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("asked 2 time(s)") });
    expect(keptUnmovedPartitions(on(settledPair(100), settledTrio(300)), A, joined, 1).outcome).toBe("inconclusive");
  });

  it("is inconclusive without a settled group before the change, without the change, or without a settled group after it", () => {
    const late = incrementalJoin.slice(1);
    expect(keptUnmovedPartitions(on(...late), A, joined, 3).detail).toContain("no Stable observation of the group before A3 joined");
    expect(keptUnmovedPartitions(on(settledPair(100)), A, joined, 3).detail).toContain("no observation showing A3 joined");
    expect(keptUnmovedPartitions(on(...incrementalJoin.slice(0, 4)), A, joined, 3).detail).toContain("no Stable observation of the group after A3 joined");
  });

  it("is inconclusive when no partition stayed with its owner: there was nothing to keep", () => {
    const shuffled = [settledPair(100), observed(200, { A1: [], A2: [], A3: [] }, { state: "Reconciling", samples: 5 }), observed(300, { A1: [3, 4], A2: [0, 1], A3: [2, 5] })];
    expect(keptUnmovedPartitions(on(...shuffled), A, joined, 3).outcome).toBe("inconclusive");
  });

  it("cannot judge a group or a consumer the evidence lacks", () => {
    expect(keptUnmovedPartitions(evidence({ timeline: incrementalJoin }), A, joined, 3).detail).toContain("group A");
    const noA3 = evidence({ groups: [group("A")], consumers: consumers.slice(0, 2), timeline: incrementalJoin });
    expect(keptUnmovedPartitions(noA3, A, joined, 3).detail).toContain("consumer A3");
  });

  it("judges a leave from the group with the member to the group without it", () => {
    const leave = (a1: number[]) => [
      settledTrio(500),
      observed(600, { A1: a1, A2: [3, 4] }, { state: "Reconciling", samples: 4 }),
      observed(700, { A1: [0, 1, 2], A2: [3, 4, 5] }),
    ];
    expect(keptUnmovedPartitions(on(...incrementalJoin.slice(0, 4), ...leave([0, 1])), A, left, 3).outcome).toBe("pass");
    expect(keptUnmovedPartitions(on(...incrementalJoin.slice(0, 4), ...leave([1])), A, left, 3)).toMatchObject({
      outcome: "fail",
      detail: expect.stringContaining("A1 owning p1, without p0, at +600 ms (Reconciling)"),
    });
  });
});

describe("onlyTheirPartitionsMoved", () => {
  it("passes when only the newcomer's partitions changed owner", () => {
    expect(onlyTheirPartitionsMoved(on(...incrementalJoin), A, joined)).toMatchObject({
      outcome: "pass",
      detail: "the broker reported p2 from A1 to A3, p5 from A2 to A3 from +100 ms (Stable) to +500 ms (Stable)",
    });
  });

  it("fails when a partition moved between members that stayed", () => {
    const e = on(observed(100, { A1: [0, 2, 4], A2: [1, 3, 5] }), observed(200, { A1: [0, 3], A2: [1, 4], A3: [2, 5] }));
    expect(onlyTheirPartitionsMoved(e, A, joined)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("p3 from A2 to A1") });
  });

  it("fails when the newcomer got nothing", () => {
    expect(onlyTheirPartitionsMoved(on(settledPair(100), observed(200, { A1: [0, 1, 2], A2: [3, 4, 5], A3: [] })), A, joined).outcome).toBe("fail");
  });

  it("for a leave, fails when anything but the leaver's partitions moved", () => {
    const e = on(settledTrio(100), observed(200, { A1: [0, 1, 2], A2: [3, 4, 5] }));
    expect(onlyTheirPartitionsMoved(e, A, left).outcome).toBe("pass");
    const reshuffled = on(settledTrio(100), observed(200, { A1: [0, 2, 4], A2: [1, 3, 5] }));
    expect(onlyTheirPartitionsMoved(reshuffled, A, left)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("p1 from A1 to A2") });
  });
});

describe("balancedAfter", () => {
  it("passes with one owner per partition and even shares", () => {
    expect(balancedAfter(on(...incrementalJoin), A, joined)).toMatchObject({ outcome: "pass", detail: "at +500 ms (Stable) the broker reported A1 p0,p1, A2 p3,p4, A3 p2,p5" });
  });

  it("fails on uneven shares, and on a partition nobody owns", () => {
    const uneven = on(settledPair(100), observed(200, { A1: [0, 1, 2], A2: [3, 4], A3: [5] }));
    expect(balancedAfter(uneven, A, joined)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("uneven shares (A1 3, A2 2, A3 1)") });
    const orphan = on(settledPair(100), observed(200, { A1: [0, 1], A2: [3, 4], A3: [2] }));
    expect(balancedAfter(orphan, A, joined)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("p5 owned by nobody") });
  });
});

const revoke = (at: number, actor: string, ...partitions: number[]): TimelineEvent => ({
  at,
  event: "revoke",
  actor,
  summary: "",
  group: "A",
  partitions: partitions.map((partition) => ({ topic: TOPIC, partition })),
});

describe("revokedOnlyMoved", () => {
  const withRevocations = (...events: TimelineEvent[]) => on(...[...incrementalJoin, ...events].sort((a, b) => a.at - b.at));

  it("passes when the staying members reported giving up only what moved", () => {
    const check = revokedOnlyMoved(withRevocations(revoke(250, "A2", 5), revoke(350, "A1", 2)), A, joined);
    expect(check).toMatchObject({ outcome: "pass", detail: "A2 gave up p5 at +250 ms; A1 gave up p2 at +350 ms" });
  });

  it("fails when a staying member reported giving up a partition it kept", () => {
    const eager = withRevocations(revoke(250, "A1", 0, 1, 2), revoke(260, "A2", 3, 4, 5));
    expect(revokedOnlyMoved(eager, A, joined)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("A1 gave up p0,p1,p2 at +250 ms") });
  });

  it("leaves out what happened outside the change and what the changing member did", () => {
    expect(revokedOnlyMoved(withRevocations(revoke(50, "A1", 0), revoke(450, "A3", 2), revoke(600, "A1", 0)), A, joined).outcome).toBe("pass");
  });
});

describe("a cooperative join on the classic protocol", () => {
  const classic = { protocol: "classic" } as const;
  const rejoining = { ...classic, state: "PreparingRebalance" } as const;
  /**
   * KIP-429 as Kafka 4.4 describes it: the newcomer joins; the first generation takes p2 and p5 from
   * their owners (Stable, then listed while the second rebalance waits for the newcomer); the second gives them to it.
   */
  const cooperativeJoin = [
    observed(100, { A1: [0, 1, 2], A2: [3, 4, 5] }, classic),
    observed(200, { A1: [0, 1, 2], A2: [3, 4, 5], A3: [] }, { ...rejoining, samples: 10 }),
    observed(300, { A1: [0, 1], A2: [3, 4], A3: [] }, classic),
    observed(320, { A1: [0, 1], A2: [3, 4], A3: [] }, { ...rejoining, samples: 20 }),
    observed(400, { A1: [0, 1], A2: [3, 4], A3: [2, 5] }, classic),
  ];
  const a3: MembershipChange = { joined: { consumer: "A3" } };

  it("passes when the broker listed a generation in which the others kept theirs and the moving partitions had no owner", () => {
    expect(handedOverInTwoGenerations(on(...cooperativeJoin), A, { consumer: "A3" }, 3)).toMatchObject({
      outcome: "pass",
      detail:
        "A1 owned p0,p1 and A2 owned p3,p4 while p2,p5 had no owner: so the broker listed the group at +300 ms (Stable), between +100 ms (Stable) and +400 ms (Stable): A1 p0,p1; A2 p3,p4; A3 nothing",
    });
    const unseenStable = cooperativeJoin.filter((o) => o.at !== 300);
    expect(handedOverInTwoGenerations(on(...unseenStable), A, { consumer: "A3" }, 3)).toMatchObject({
      outcome: "pass",
      detail: expect.stringContaining("at +320 ms (PreparingRebalance)"),
    });
  });

  it("fails on an eager join: the broker lists the generation before, then the one after", () => {
    const eager = on(
      observed(100, { A1: [0, 1, 2], A2: [3, 4, 5] }, classic),
      observed(200, { A1: [0, 1, 2], A2: [3, 4, 5], A3: [] }, { ...rejoining, samples: 10 }),
      observed(300, { A1: [0, 1], A2: [2, 3], A3: [4, 5] }, classic),
    );
    expect(handedOverInTwoGenerations(eager, A, { consumer: "A3" }, 3)).toMatchObject({
      outcome: "fail",
      detail:
        "expected a generation between +100 ms (Stable) and +300 ms (Stable) in which A1 owned p0,p1 and A2 owned p3 while p2,p4,p5 had no owner; in all 10 answers the broker listed A1 p0,p1,p2; A2 p3,p4,p5; A3 nothing (PreparingRebalance): one step from one generation to the next",
    });
  });

  it("fails when a Stable generation during the join lacks a kept partition, and counts no emptied listing as the generation between", () => {
    const lapse = cooperativeJoin.map((o) => (o.at === 300 ? observed(300, { A1: [0], A2: [3, 4], A3: [] }, classic) : o));
    expect(handedOverInTwoGenerations(on(...lapse), A, { consumer: "A3" }, 3)).toMatchObject({
      outcome: "fail",
      detail: expect.stringContaining("the broker reported A1 p0; A2 p3,p4; A3 nothing at +300 ms (Stable)"),
    });
    const emptied = [cooperativeJoin[0]!, cooperativeJoin[1]!, observed(320, { A1: [], A2: [], A3: [] }, { ...rejoining, samples: 5 }), cooperativeJoin[4]!];
    expect(handedOverInTwoGenerations(on(...emptied), A, { consumer: "A3" }, 3).outcome).toBe("fail");
  });

  it("is inconclusive, never a fail, when the broker was asked too few times, and when nothing moved", () => {
    const quick = [cooperativeJoin[0]!, observed(200, { A1: [0, 1, 2], A2: [3, 4, 5], A3: [] }, { ...rejoining, samples: 2 }), cooperativeJoin[4]!];
    expect(handedOverInTwoGenerations(on(...quick), A, { consumer: "A3" }, 3)).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("asked 2 time(s)") });
    const idle = on(observed(100, { A1: [0, 1, 2], A2: [3, 4, 5] }, classic), observed(200, { A1: [0, 1, 2], A2: [3, 4, 5], A3: [] }, classic));
    expect(handedOverInTwoGenerations(idle, A, { consumer: "A3" }, 1).detail).toContain("no partition changed owner");
  });

  it("has the other checks judge the join up to the second generation, not the first", () => {
    const e = on(...[...cooperativeJoin, revoke(310, "A1", 2), revoke(311, "A2", 5)].sort((a, b) => a.at - b.at));
    expect(onlyTheirPartitionsMoved(e, A, a3)).toMatchObject({
      outcome: "pass",
      detail: "the broker reported p2 from A1 to A3, p5 from A2 to A3 from +100 ms (Stable) to +400 ms (Stable)",
    });
    expect(balancedAfter(e, A, a3)).toMatchObject({ outcome: "pass", detail: "at +400 ms (Stable) the broker reported A1 p0,p1, A2 p3,p4, A3 p2,p5" });
    expect(revokedOnlyMoved(e, A, a3)).toMatchObject({ outcome: "pass", detail: "A1 gave up p2 at +310 ms; A2 gave up p5 at +311 ms" });
    expect(keptUnmovedPartitions(e, A, a3, 3)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("group A in PreparingRebalance at +200 ms") });
  });
});

describe("a static member's restart", () => {
  const B = { group: "B" };
  const [b1, b1again] = [{ consumer: "B1" }, { consumer: "B1 again" }];
  const event = (at: number, kind: "join" | "leave" | "revoke", actor: string, fields: Record<string, unknown> = {}): TimelineEvent => ({
    at,
    event: kind,
    actor,
    summary: `${actor} ${kind}`,
    group: "B",
    ...fields,
  });
  /** Group B as the broker lists it: each member as [client id, member id, partitions, member epoch?]. */
  const listed = (at: number, members: [string, string, number[], number?][], fields: Partial<AssignmentObservation> = {}): AssignmentObservation => ({
    ...observed(at, {}, { group: "B", protocol: "classic", ...fields }),
    members: members.map(([consumer, memberId, partitions, memberEpoch]) => ({
      consumer,
      memberId,
      owns: partitions.map((partition) => ({ topic: TOPIC, partition })),
      ...(memberEpoch === undefined ? {} : { memberEpoch }),
    })),
  });
  const history = (...timeline: TimelineEvent[]) =>
    evidence({
      partitions: [0, 1, 2, 3],
      groups: [group("B")],
      consumers: ["B1", "B1 again", "B2"].map((name) => consumer(name, "B")),
      timeline: timeline.sort((a, b) => a.at - b.at),
    });
  const joins = [event(10, "join", "B1", { memberId: "m1" }), event(20, "join", "B2", { memberId: "m2" })];
  /** On the classic protocol the broker keeps listing the static member under its first client id. */
  const staticRestart = [
    ...joins,
    listed(100, [
      ["B1", "m1", [0, 1]],
      ["B2", "m2", [2, 3]],
    ]),
    event(150, "leave", "B1"),
    event(180, "join", "B1 again", { memberId: "m3" }),
    listed(
      200,
      [
        ["B1", "m3", [0, 1]],
        ["B2", "m2", [2, 3]],
      ],
      { lastAt: 3_000, samples: 140 },
    ),
    event(300, "leave", "B1 again"),
    listed(3_100, [["B2", "m2", [2, 3]]], { state: "PreparingRebalance" }),
    listed(3_200, [["B2", "m2", [0, 1, 2, 3]]]),
  ];
  /** The same without instance ids: each close is a leave, each start a join, and B2 is made to rejoin. */
  const dynamicRestart = [
    ...joins,
    listed(100, [
      ["B1", "m1", [0, 1]],
      ["B2", "m2", [2, 3]],
    ]),
    event(150, "leave", "B1"),
    listed(160, [["B2", "m2", [2, 3]]], { state: "PreparingRebalance", samples: 5 }),
    event(170, "revoke", "B2", { partitions: [] }),
    event(180, "join", "B1 again", { memberId: "m3" }),
    event(181, "join", "B2", { memberId: "m2" }),
    listed(200, [
      ["B1 again", "m3", [0, 1]],
      ["B2", "m2", [2, 3]],
    ]),
    event(300, "leave", "B1 again"),
    listed(310, [["B2", "m2", [2, 3]]], { state: "PreparingRebalance" }),
    listed(400, [["B2", "m2", [0, 1, 2, 3]]]),
  ];

  it("passes when the group stayed Stable, the restarted member owned what it did and the other member saw nothing", () => {
    const e = history(...staticRestart);
    expect(restartedWithoutRebalance(e, B, b1, b1again)).toMatchObject({
      outcome: "pass",
      detail: "group B Stable, with B2 p2,p3, in every answer from +100 ms (Stable) to +200 ms (Stable)",
    });
    expect(restartedTookItsPlace(e, B, b1, b1again)).toMatchObject({
      outcome: "pass",
      detail: "the broker reported B1 again owning p0,p1 at +200 ms (Stable), as B1 did at +100 ms (Stable)",
    });
    expect(othersUndisturbedByRestart(e, B, b1, b1again).outcome).toBe("pass");
  });

  it("fails when the group rebalanced for the restart, and when the other member reported being made to rejoin", () => {
    const e = history(...dynamicRestart);
    expect(restartedWithoutRebalance(e, B, b1, b1again)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("group B rebalancing at +160 ms (PreparingRebalance)") });
    expect(othersUndisturbedByRestart(e, B, b1, b1again)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("B2 revoke at +170 ms; B2 join at +181 ms") });
  });

  it("on the consumer protocol, fails on a new group epoch, or another member's new epoch, even where every answer is Stable", () => {
    const consumerProtocol = (bump: boolean, b2Epoch: number) =>
      history(
        ...joins,
        listed(
          100,
          [
            ["B1", "m1", [0, 1], 3],
            ["B2", "m2", [2, 3], 3],
          ],
          { protocol: "consumer", groupEpoch: 3 },
        ),
        event(150, "leave", "B1"),
        listed(
          160,
          [
            ["B1", "m1", [0, 1], -2],
            ["B2", "m2", [2, 3], 3],
          ],
          { protocol: "consumer", groupEpoch: bump ? 4 : 3, state: "Reconciling" },
        ),
        event(180, "join", "B1 again", { memberId: "m3" }),
        listed(
          200,
          [
            ["B1 again", "m3", [0, 1], 3],
            ["B2", "m2", [2, 3], b2Epoch],
          ],
          { protocol: "consumer", groupEpoch: bump ? 5 : 3 },
        ),
      );
    expect(restartedWithoutRebalance(consumerProtocol(false, 3), B, b1, b1again)).toMatchObject({
      outcome: "pass",
      detail: "group B at group epoch 3, with B2 p2,p3 at epoch 3, in every answer from +100 ms (Stable) to +200 ms (Stable)",
    });
    expect(restartedWithoutRebalance(consumerProtocol(true, 5), B, b1, b1again)).toMatchObject({
      outcome: "fail",
      detail: expect.stringContaining("group epoch 4 at +160 ms (Reconciling); group epoch 5 at +200 ms (Stable); B2 p2,p3 at epoch 5 at +200 ms (Stable)"),
    });
  });

  it("fails when the restarted member was given other partitions", () => {
    const moved = staticRestart.map((e) =>
      e.event === "assignment" && e.at === 200
        ? listed(200, [
            ["B1", "m3", [0]],
            ["B2", "m2", [1, 2, 3]],
          ])
        : e,
    );
    expect(restartedTookItsPlace(history(...moved), B, b1, b1again)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("expected p0,p1") });
  });

  it("passes when a static member that stayed away was listed for the time given and then removed; fails when it went at once", () => {
    expect(removedAfterSessionTimeout(history(...staticRestart), B, b1again, 2_000)).toMatchObject({
      outcome: "pass",
      detail: "the broker listed it until +3000 ms, 2700 ms after it closed at +300 ms, and at +3200 ms (Stable) without it: B2 p0,p1,p2,p3",
    });
    expect(removedAfterSessionTimeout(history(...staticRestart), B, b1again, 3_000).outcome).toBe("fail");
    expect(removedAfterSessionTimeout(history(...dynamicRestart), B, b1again, 2_000)).toMatchObject({
      outcome: "fail",
      detail: expect.stringContaining("the broker listed it until +300 ms, 0 ms after it closed at +300 ms"),
    });
  });

  it("is inconclusive without the restart, or without a description after the member could have been removed", () => {
    expect(restartedWithoutRebalance(history(...staticRestart.filter((e) => e.actor !== "B1 again")), B, b1, b1again).outcome).toBe("inconclusive");
    expect(removedAfterSessionTimeout(history(...staticRestart.filter((e) => e.at < 3_100)), B, b1again, 2_000).outcome).toBe("inconclusive");
  });
});
