import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { consumer, evidence, group, produced, received, TOPIC } from "./evidence-fixture.js";
import { committedEquals, committedUnchanged, lagEquals, noCommitYet, readingEquals, refusedWith, resumedAt } from "./offsets.js";

const ten = produced(...Array.from({ length: 10 }, (_, i) => [0, i] as [number, number]));
const committed = (offset: number | null) => [{ topic: TOPIC, partition: 0, offset }];
/** Reading #`reading` of a group's committed offsets, as the scenario records it on the timeline. */
const observe = (reading: number, groupLabel: string, moment: string, offset: number | null): TimelineEvent => ({
  at: reading,
  event: "observe",
  actor: "broker",
  summary: "",
  reading,
  group: groupLabel,
  moment,
  committed: committed(offset),
});
const A = { group: "A" };
const B = { group: "B" };

describe("committedEquals", () => {
  it("passes on the broker's exact offset", () => {
    const e = evidence({ produced: ten, groups: [group("A", { committed: committed(5) })] });
    expect(committedEquals(e, A, [{ partition: 0, offset: 5 }]).outcome).toBe("pass");
  });

  it("matches a partition of the topic named, where the group's offsets are read for several topics", () => {
    const both = [
      { topic: "invoices", partition: 0, offset: null },
      { topic: TOPIC, partition: 0, offset: 5 },
    ];
    const e = evidence({ produced: ten, groups: [group("A", { committed: both })] });
    expect(committedEquals(e, A, [{ topic: TOPIC, partition: 0, offset: 5 }]).outcome).toBe("pass");
    expect(committedEquals(e, A, [{ topic: "invoices", partition: 0, offset: 5 }]).outcome).toBe("fail");
  });

  it("rejects an off-by-one commit (4 where 5 was expected) and says both", () => {
    const e = evidence({ produced: ten, groups: [group("A", { committed: committed(4) })] });
    const check = committedEquals(e, A, [{ partition: 0, offset: 5 }]);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toBe("expected p0=5; the broker reported p0=4");
  });

  it("rejects a skipped commit: nothing held by a group its consumer was in", () => {
    const e = evidence({ produced: ten, groups: [group("A", { committed: committed(null) })], consumers: [consumer("A1", "A")] });
    expect(committedEquals(e, A, [{ partition: 0, offset: 5 }])).toMatchObject({ outcome: "fail", detail: expect.stringContaining("reported p0=-") });
  });

  it("cannot judge a group the evidence lacks, or one with neither a consumer nor a commit", () => {
    expect(committedEquals(evidence({ produced: ten }), B, [{ partition: 0, offset: 3 }])).toMatchObject({
      outcome: "inconclusive",
      detail: "cannot be judged: the evidence has no group B",
    });
    const unused = evidence({ produced: ten, groups: [group("B", { committed: committed(null) })] });
    expect(committedEquals(unused, B, [{ partition: 0, offset: null }]).outcome).toBe("inconclusive");
  });
});

describe("readingEquals", () => {
  const e = evidence({ produced: ten, timeline: [observe(1, "B", "after A committed", 3)] });

  it("passes on the offsets the broker held at that reading, and names its moment", () => {
    expect(readingEquals(e, { reading: 1, group: "B" }, [{ partition: 0, offset: 3 }])).toEqual({
      name: "group B committed p0=3 after A committed",
      outcome: "pass",
      detail: "expected p0=3; the broker reported p0=3 after A committed",
    });
  });

  it("rejects other offsets, and an empty expectation", () => {
    expect(readingEquals(e, { reading: 1, group: "B" }, [{ partition: 0, offset: 4 }])).toMatchObject({
      outcome: "fail",
      detail: "expected p0=4; the broker reported p0=3 after A committed",
    });
    expect(readingEquals(e, { reading: 1, group: "B" }, []).outcome).toBe("fail");
  });

  it("cannot judge a reading the evidence lacks", () => {
    expect(readingEquals(e, { reading: 2, group: "B" }, [{ partition: 0, offset: 3 }])).toMatchObject({
      name: "group B committed p0=3 at reading #2",
      outcome: "inconclusive",
      detail: expect.stringContaining("reading #2 of group B"),
    });
  });
});

describe("lagEquals", () => {
  it("computes lag as log-end minus committed", () => {
    const e = evidence({ produced: ten, groups: [group("B", { committed: committed(3) })] });
    expect(lagEquals(e, B, [{ partition: 0, lag: 7 }]).outcome).toBe("pass");
    expect(lagEquals(e, B, [{ partition: 0, lag: 5 }]).outcome).toBe("fail");
  });

  it("has no lag without a commit", () => {
    const e = evidence({ produced: ten, groups: [group("B", { committed: committed(null) })], consumers: [consumer("B", "B")] });
    expect(lagEquals(e, B, [{ partition: 0, lag: 10 }])).toMatchObject({ outcome: "fail", detail: expect.stringContaining("give p0=-") });
  });

  it("cannot judge a group the evidence lacks", () => {
    expect(lagEquals(evidence({ produced: ten }), B, [{ partition: 0, lag: 10 }]).outcome).toBe("inconclusive");
  });
});

describe("committedUnchanged", () => {
  const before = { reading: 1, group: "B" };
  const after = { reading: 2, group: "B" };

  it("passes when both readings agree", () => {
    const e = evidence({ timeline: [observe(1, "B", "before", 3), observe(2, "B", "after", 3)] });
    expect(committedUnchanged(e, before, after).outcome).toBe("pass");
  });

  it("rejects B's offset moving after A's commit", () => {
    const e = evidence({ timeline: [observe(1, "B", "before", 3), observe(2, "B", "after", 5)] });
    const check = committedUnchanged(e, before, after);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("p0=3 before and p0=5 after");
  });

  it("rejects a reading that found no live coordinator, saying what the broker answered", () => {
    const unavailable = { ...observe(2, "B", "after the kill", null), committed: [], unavailable: "COORDINATOR_NOT_AVAILABLE" };
    const e = evidence({ timeline: [observe(1, "B", "before the kill", 3), unavailable] });
    expect(committedUnchanged(e, before, after)).toMatchObject({
      outcome: "fail",
      detail: "expected no change; the broker reported p0=3 before the kill and no offsets (its coordinator is COORDINATOR_NOT_AVAILABLE) after the kill",
    });
  });

  it("rejects a first reading that holds no commit: nothing to stay unchanged", () => {
    const e = evidence({ timeline: [observe(1, "B", "before", null), observe(2, "B", "after", null)] });
    expect(committedUnchanged(e, before, after)).toMatchObject({ outcome: "fail", detail: "expected a committed offset to compare; the broker held none before" });
  });

  it("rejects readings of two different groups", () => {
    const e = evidence({ timeline: [observe(1, "B", "before", 3), observe(2, "C", "after", 3)] });
    expect(committedUnchanged(e, before, { reading: 2, group: "C" })).toMatchObject({
      outcome: "fail",
      detail: "expected two readings of one group; they are of B and C",
    });
  });

  it("cannot judge evidence with a reading missing, and says which", () => {
    const e = evidence({ timeline: [observe(1, "B", "before", 3)] });
    expect(committedUnchanged(e, before, after)).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("reading #2 of group B") });
    expect(committedUnchanged(evidence(), before, after)).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("reading #1") });
  });
});

describe("resumedAt", () => {
  const restarted = { consumer: "A restarted" };

  it("rejects A not redelivered after a reset (first message at 7, not 0)", () => {
    const e = evidence({ produced: ten, groups: [group("A", { received: received("A restarted", "m", [0, 7], [0, 8]) })] });
    expect(resumedAt(e, restarted, [{ partition: 0, offset: 0 }]).outcome).toBe("fail");
    expect(resumedAt(e, restarted, [{ partition: 0, offset: 7 }]).outcome).toBe("pass");
  });

  it("rejects a consumer that received nothing on the partition", () => {
    const e = evidence({ produced: ten, groups: [group("A")], consumers: [consumer("A restarted", "A")] });
    expect(resumedAt(e, restarted, [{ partition: 0, offset: 5 }])).toMatchObject({ outcome: "fail", detail: expect.stringContaining("p0@nothing") });
  });

  it("cannot judge a consumer the evidence lacks", () => {
    const e = evidence({ produced: ten, groups: [group("A", { received: received("A", "m", [0, 0]) })] });
    expect(resumedAt(e, restarted, [{ partition: 0, offset: 0 }])).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("consumer A restarted") });
  });
});

describe("refusedWith", () => {
  const attempt = { attempt: 1, group: "A" };
  const refusal = (fields: Partial<TimelineEvent> = {}): TimelineEvent => ({
    at: 1,
    event: "refused",
    actor: "admin",
    summary: "no",
    attempt: 1,
    group: "A",
    code: "UNKNOWN_MEMBER_ID",
    error: "The coordinator is not aware of this member.",
    ...fields,
  });

  it("passes on the attempt refused with the expected code", () => {
    expect(refusedWith(evidence({ timeline: [refusal()] }), attempt, "UNKNOWN_MEMBER_ID").outcome).toBe("pass");
  });

  it("rejects an accepted reset", () => {
    const accepted = evidence({ timeline: [{ at: 1, event: "reset", actor: "admin", summary: "reset A to 0", attempt: 1, group: "A" }] });
    expect(refusedWith(accepted, attempt, "UNKNOWN_MEMBER_ID")).toMatchObject({ outcome: "fail", detail: expect.stringContaining("it accepted the reset") });
  });

  it("rejects a refusal with another code, naming both", () => {
    const e = evidence({ timeline: [refusal({ code: "REBALANCE_IN_PROGRESS", error: "rebalancing" })] });
    expect(refusedWith(e, attempt, "UNKNOWN_MEMBER_ID")).toMatchObject({
      outcome: "fail",
      detail: "expected error code UNKNOWN_MEMBER_ID; the broker answered REBALANCE_IN_PROGRESS: rebalancing",
    });
  });

  it("cannot judge an attempt the evidence lacks, even with another attempt refused", () => {
    expect(refusedWith(evidence(), attempt, "UNKNOWN_MEMBER_ID")).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("reset attempt #1 on group A") });
    expect(refusedWith(evidence({ timeline: [refusal({ attempt: 2 })] }), attempt, "UNKNOWN_MEMBER_ID").outcome).toBe("inconclusive");
  });
});

describe("noCommitYet", () => {
  const first = { reading: 1, group: "E" };

  it("passes only on a reading with nothing committed", () => {
    expect(noCommitYet(evidence({ timeline: [observe(1, "E", "before", null)] }), first).outcome).toBe("pass");
    expect(noCommitYet(evidence({ timeline: [observe(1, "E", "before", 3)] }), first)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("reported p0=3") });
  });

  it("cannot judge a reading the evidence lacks", () => {
    expect(noCommitYet(evidence(), first).outcome).toBe("inconclusive");
  });
});
