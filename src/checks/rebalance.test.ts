import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { consumer, evidence, group, observed, TOPIC } from "./evidence-fixture.js";
import { balancedAfter, keptUnmovedPartitions, onlyTheirPartitionsMoved, revokedOnlyMoved, type MembershipChange } from "./rebalance.js";

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

describe("revokedOnlyMoved", () => {
  const revoke = (at: number, actor: string, ...partitions: number[]): TimelineEvent => ({
    at,
    event: "revoke",
    actor,
    summary: "",
    group: "A",
    partitions: partitions.map((partition) => ({ topic: TOPIC, partition })),
  });
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
