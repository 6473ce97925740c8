import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { anomalyChecks, backwards, commitsAhead, duplicatesOutsideRebalance, lostWrites, noAnomalies, skips } from "./anomalies.js";
import { consumer, evidence, group, produced, receivedFrom, TOPIC } from "./evidence-fixture.js";

const five = produced([0, 0], [0, 1], [0, 2], [0, 3], [0, 4]);
const event = (at: number, kind: TimelineEvent["event"], groupLabel?: string): TimelineEvent => ({
  at,
  event: kind,
  actor: "x",
  summary: "",
  ...(groupLabel ? { group: groupLabel } : {}),
});

describe("lostWrites", () => {
  it("finds a message never received between received ones", () => {
    const e = evidence({ produced: five, groups: [group("A", { received: receivedFrom(0, "A1", "m", [0, 0], [0, 1], [0, 3], [0, 4]) })] });
    expect(lostWrites(e, "A")).toEqual([{ kind: "lost", detail: expect.stringContaining("p0@2") }]);
  });

  it("does not judge offsets before the group's start or after its end", () => {
    const e = evidence({ produced: five, groups: [group("L", { received: receivedFrom(0, "L", "m", [0, 2], [0, 3]) })] });
    expect(lostWrites(e, "L")).toEqual([]);
  });
});

describe("duplicatesOutsideRebalance", () => {
  const twice = [...receivedFrom(0, "A1", "m1", [0, 0], [0, 1]), ...receivedFrom(10, "A2", "m2", [0, 1])];

  it("flags a redelivery while membership was stable", () => {
    const e = evidence({ produced: five, groups: [group("A", { received: twice })] });
    expect(duplicatesOutsideRebalance(e, "A")[0]?.detail).toContain("t/0@1 to A1 then A2");
  });

  it("allows a redelivery across a crash, a join or a reset of that group", () => {
    for (const kind of ["crash", "join", "reset", "leave"] as const) {
      const e = evidence({ produced: five, groups: [group("A", { received: twice })], timeline: [event(5, kind, "A")] });
      expect(duplicatesOutsideRebalance(e, "A")).toEqual([]);
    }
  });

  it("allows it across a broker restart, which changes every group", () => {
    const e = evidence({ produced: five, groups: [group("A", { received: twice })], timeline: [event(5, "restart")] });
    expect(duplicatesOutsideRebalance(e, "A")).toEqual([]);
  });

  it("counts a change at either end of the stretch, whatever the order of the timeline, and none outside it", () => {
    // A2's second delivery of t/0@1 is at 10, A1's first at 1.
    const excused = (...ats: number[]) =>
      duplicatesOutsideRebalance(evidence({ produced: five, groups: [group("A", { received: twice })], timeline: ats.map((at) => event(at, "join", "A")) }), "A").length === 0;
    expect(excused(1)).toBe(true);
    expect(excused(10)).toBe(true);
    expect(excused(20, 0, 7)).toBe(true);
    expect(excused(0, 11, 30)).toBe(false);
  });

  it("does not let another group's rebalance excuse it", () => {
    const e = evidence({ produced: five, groups: [group("A", { received: twice })], timeline: [event(5, "join", "B")] });
    expect(duplicatesOutsideRebalance(e, "A")).toHaveLength(1);
  });
});

describe("skips and backwards", () => {
  it("flags a jump past an offset in a stable stretch", () => {
    const e = evidence({ produced: five, groups: [group("A", { received: receivedFrom(0, "A1", "m", [0, 0], [0, 2]) })] });
    expect(skips(e, "A")).toEqual([{ kind: "skip", detail: "A1 on p0: 0 then 2" }]);
  });

  it("takes no offset without a written record for a skip: a transaction marker holds one no consumer is given", () => {
    // 0 and 1 written in a transaction, 2 its abort marker, 3 written in the next: a reader of everything gets 0, 1, 3.
    const written = (offset: number): TimelineEvent => ({ ...event(offset, "produce"), transactionRequest: 1, topic: TOPIC, partition: 0, offset });
    const e = evidence({ timeline: [written(0), written(1), written(3)], groups: [group("A", { received: receivedFrom(5, "A1", "m", [0, 0], [0, 1], [0, 3]) })] });
    expect(skips(e, "A")).toEqual([]);
    // Had offset 2 held a record the scenario wrote, the same jump is a skip.
    expect(skips({ ...e, timeline: [...e.timeline, written(2)] }, "A")).toEqual([{ kind: "skip", detail: "A1 on p0: 1 then 3" }]);
  });

  it("flags a step back in a stable stretch", () => {
    const e = evidence({ produced: five, groups: [group("A", { received: receivedFrom(0, "A1", "m", [0, 0], [0, 1], [0, 0]) })] });
    expect(backwards(e, "A")).toEqual([{ kind: "backwards", detail: "A1 on p0: 1 then 0" }]);
  });

  it("allows either across a membership change", () => {
    const received = receivedFrom(0, "A1", "m", [0, 3], [0, 0]);
    const e = evidence({ produced: five, groups: [group("A", { received })], timeline: [event(0, "join", "A")] });
    expect([...skips(e, "A"), ...backwards(e, "A")]).toEqual([]);
    const moved = evidence({ produced: five, groups: [group("A", { received })], timeline: [event(1, "reset", "A")] });
    expect(backwards(moved, "A")).toEqual([]);
  });
});

describe("commitsAhead", () => {
  it("flags a commit beyond what the group received", () => {
    const e = evidence({
      produced: five,
      groups: [group("A", { received: receivedFrom(0, "A1", "m", [0, 0], [0, 1]), committed: [{ topic: TOPIC, partition: 0, offset: 5 }] })],
    });
    expect(commitsAhead(e, "A")[0]?.detail).toBe("p0 committed at 5, but the group received only up to 1");
  });

  it("accepts a commit of the next offset, and any offset after a reset", () => {
    const received = receivedFrom(0, "A1", "m", [0, 0], [0, 1]);
    const at2 = evidence({ produced: five, groups: [group("A", { received, committed: [{ topic: TOPIC, partition: 0, offset: 2 }] })] });
    expect(commitsAhead(at2, "A")).toEqual([]);
    const reset = evidence({ produced: five, groups: [group("A", { received, committed: [{ topic: TOPIC, partition: 0, offset: 5 }] })], timeline: [event(3, "reset", "A")] });
    expect(commitsAhead(reset, "A")).toEqual([]);
  });

  it("flags a commit made ahead of what the group had received by then, even when later deliveries overtook it", () => {
    // A1 commits 5 at 3 ms, having received 0 and 1; offsets 2–4 reach A2 only at 10 ms, and the broker ends holding 5.
    const received = [...receivedFrom(0, "A1", "m1", [0, 0], [0, 1]), ...receivedFrom(10, "A2", "m2", [0, 2], [0, 3], [0, 4])];
    const commit = (at: number, offset: number): TimelineEvent => ({ ...event(at, "commit", "A"), actor: "A1", topic: TOPIC, partition: 0, offset });
    const e = evidence({ produced: five, groups: [group("A", { received, committed: [{ topic: TOPIC, partition: 0, offset: 5 }] })], timeline: [commit(3, 5)] });
    expect(commitsAhead(e, "A")).toEqual([{ kind: "commit-ahead", detail: "A1 committed p0 at 5 (3 ms), when the group had received only up to 1" }]);
    // The same commit made after the deliveries, or of what had been received, is no anomaly.
    expect(commitsAhead({ ...e, timeline: [commit(12, 5)] }, "A")).toEqual([]);
    expect(commitsAhead({ ...e, timeline: [commit(3, 2)] }, "A")).toEqual([]);
    // Another group's commit is not this group's.
    expect(commitsAhead({ ...e, timeline: [{ ...commit(3, 5), group: "B" }] }, "A")).toEqual([]);
  });

  it("judges a group that received hundreds of thousands of messages one by one", () => {
    const received = Array.from({ length: 300_000 }, (_, offset) => ({ ...receivedFrom(0, "A1", "m", [0, offset])[0]!, at: offset }));
    const e = evidence({ produced: five, groups: [group("A", { received, committed: [{ topic: TOPIC, partition: 0, offset: 300_001 }] })] });
    expect(commitsAhead(e, "A")[0]?.detail).toBe("p0 committed at 300001, but the group received only up to 299999");
  });
});

describe("noAnomalies", () => {
  it("gives one check per group, failing where any checker found something", () => {
    const e = evidence({
      produced: five,
      groups: [group("A", { received: receivedFrom(0, "A1", "m", [0, 0], [0, 1], [0, 2], [0, 3], [0, 4]) }), group("B", { received: receivedFrom(0, "B", "m", [0, 0], [0, 2]) })],
    });
    const [a, b] = noAnomalies(e);
    expect(a?.outcome).toBe("pass");
    expect(b?.outcome).toBe("fail");
    expect(b?.detail).toContain("lost: 1 never received");
    expect(b?.detail).toContain("skip: B on p0: 0 then 2");
  });

  it("fails a group that is present but received nothing: nothing was judged", () => {
    const e = evidence({ produced: five, groups: [group("A")], consumers: [consumer("A1", "A")] });
    expect(noAnomalies(e)).toEqual([expect.objectContaining({ outcome: "fail", detail: "expected deliveries to check; the group received nothing" })]);
    const committedOnly = evidence({ produced: five, groups: [group("A", { committed: [{ topic: TOPIC, partition: 0, offset: 2 }] })] });
    expect(noAnomalies(committedOnly)[0]?.outcome).toBe("fail");
  });

  it("cannot judge a group the evidence lacks, or one the scenario named but never used", () => {
    const e = evidence({ produced: five, groups: [group("A", { received: receivedFrom(0, "A1", "m", [0, 0], [0, 1]) }), group("B")] });
    expect(noAnomalies(e).map((c) => c.outcome)).toEqual(["pass", "inconclusive"]);
    expect(noAnomalies(e, ["C"])).toEqual([expect.objectContaining({ outcome: "inconclusive", detail: "cannot be judged: the evidence has no group C" })]);
  });
});

describe("anomalyChecks", () => {
  it("gives one check per anomaly, by checker, failing only those that found something", () => {
    const e = evidence({ produced: five, groups: [group("A", { received: receivedFrom(0, "A1", "m", [0, 0], [0, 1], [0, 2], [0, 4]) })] });
    const checks = anomalyChecks(e, { group: "A" });
    expect(Object.fromEntries(Object.entries(checks).map(([key, c]) => [key, [c.name, c.outcome]]))).toEqual({
      lostWrites: ["group A: no lost write", "fail"],
      duplicatesOutsideRebalance: ["group A: no duplicate outside a rebalance or crash", "pass"],
      skips: ["group A: no skipped offset while membership is stable", "fail"],
      backwards: ["group A: no step backwards while membership is stable", "pass"],
      commitsAhead: ["group A: no committed offset ahead of what was received", "pass"],
    });
    expect(checks.skips.detail).toBe("expected none; found 1: A1 on p0: 2 then 4");
  });

  it("fails every one on a present group with no deliveries, and cannot judge an absent group", () => {
    const e = evidence({ produced: five, groups: [group("A")], consumers: [consumer("A1", "A")] });
    const outcomes = (ref: { group: string }) => Object.values(anomalyChecks(e, ref)).map((c) => c.outcome);
    expect(outcomes({ group: "A" })).toEqual(Array(5).fill("fail"));
    expect(outcomes({ group: "B" })).toEqual(Array(5).fill("inconclusive"));
  });
});
