import { describe, expect, it } from "vitest";
import type { SharePartitionState } from "../evidence/proof-result.js";
import { consumer, delivery, evidence, group, produced, received, shareGroup } from "./evidence-fixture.js";
import { membershipMarks } from "./evidence-queries.js";
import { deliveredTimes, everyoneReceived, partitionAssignedTo, redeliveredAfterRelease, shareLagAt, shareStateUnchanged } from "./share-groups.js";

const A = { consumer: "A" };

/** Share group S with consumer A (which polled until `lastFetchAt`) and these deliveries. */
function run(deliveries: ReturnType<typeof delivery>[], lastFetchAt = 1_000) {
  return evidence({
    produced: produced([0, 0], [0, 1], [0, 2], [0, 3]),
    shareGroups: [shareGroup("S", { deliveries })],
    consumers: [consumer("A", "S", { kind: "share", lastFetchAt })],
  });
}

function reading(n: number, moment: string, partitions: SharePartitionState[]) {
  return { at: n * 10, event: "observe" as const, actor: "broker", summary: moment, shareReading: n, shareGroup: "S", moment, partitions };
}

describe("deliveredTimes", () => {
  const perRecord = [
    delivery("A", [0, 0], 1, 10, "accept"),
    delivery("A", [0, 2], 1, 10, "release"),
    delivery("A", [0, 3], 1, 10, "accept"),
    delivery("A", [0, 2], 2, 30, "accept"),
  ];

  it("holds when each record came as often as expected, numbered 1, 2, … by the broker, acknowledged, and the consumer polled on", () => {
    const check = deliveredTimes(run(perRecord), A, [
      { partition: 0, offset: 0, deliveries: 1 },
      { partition: 0, offset: 2, deliveries: 2 },
      { partition: 0, offset: 3, deliveries: 1 },
    ]);
    expect(check.outcome).toBe("pass");
    expect(check.detail).toContain("p0@2: 1 released, 2 accepted");
  });

  it("fails when an accepted record is delivered again", () => {
    const check = deliveredTimes(run([...perRecord, delivery("A", [0, 3], 2, 40, "accept")]), A, [{ partition: 0, offset: 3, deliveries: 1 }]);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("p0@3 was delivered 2 times (1 accepted, 2 accepted), not 1");
  });

  it("fails when a record released at the limit comes back once more", () => {
    const released = [1, 2, 3].map((n) => delivery("A", [0, 2], n, n * 10, "release"));
    expect(deliveredTimes(run(released), A, [{ partition: 0, offset: 2, deliveries: 3 }]).outcome).toBe("pass");
    const fourth = deliveredTimes(run([...released, delivery("A", [0, 2], 4, 40, "accept")]), A, [{ partition: 0, offset: 2, deliveries: 3 }]);
    expect(fourth.detail).toContain("p0@2 was delivered 4 times (1 released, 2 released, 3 released, 4 accepted), not 3");
  });

  it("fails when the broker's numbering is not 1, 2, …", () => {
    const check = deliveredTimes(run([delivery("A", [0, 2], 1, 10, "release"), delivery("A", [0, 2], 1, 20, "accept")]), A, [{ partition: 0, offset: 2, deliveries: 2 }]);
    expect(check.detail).toContain("the broker numbered the deliveries of p0@2 1, 1");
  });

  it("fails when the last delivery is still held, or the broker refused its acknowledgement", () => {
    expect(deliveredTimes(run([delivery("A", [0, 1], 1, 10)]), A, [{ partition: 0, offset: 1, deliveries: 1 }]).detail).toContain("last delivery was never acknowledged");
    const refused = { ...delivery("A", [0, 1], 1, 10, "reject"), acknowledgement: { type: "reject" as const, at: 15, error: "InvalidRecordStateException: x" } };
    expect(deliveredTimes(run([refused]), A, [{ partition: 0, offset: 1, deliveries: 1 }]).detail).toContain("the broker refused the acknowledgement of p0@1");
  });

  it("fails when the consumer never polled after the acknowledgement: nothing shows it would not come again", () => {
    const check = deliveredTimes(run([delivery("A", [0, 1], 1, 10, "reject")], 12), A, [{ partition: 0, offset: 1, deliveries: 1 }]);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("A did not poll after acknowledging p0@1");
  });

  it("fails for a record never delivered, and is inconclusive for a consumer the scenario never made", () => {
    expect(deliveredTimes(run([]), A, [{ partition: 0, offset: 1, deliveries: 1 }]).detail).toContain("p0@1 was delivered 0 times (none), not 1");
    expect(deliveredTimes(run([]), { consumer: "Z" }, [{ partition: 0, offset: 1, deliveries: 1 }]).outcome).toBe("inconclusive");
  });
});

describe("redeliveredAfterRelease", () => {
  it("holds when the released delivery is followed by the next, numbered one higher", () => {
    const check = redeliveredAfterRelease(run([delivery("A", [0, 2], 1, 10, "release"), delivery("A", [0, 2], 2, 30, "accept")]), A, { partition: 0, offset: 2 }, 2);
    expect(check.outcome).toBe("pass");
  });

  it("fails when the record was accepted instead, and so never came back", () => {
    const check = redeliveredAfterRelease(run([delivery("A", [0, 2], 1, 10, "accept")]), A, { partition: 0, offset: 2 }, 2);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toBe("expected p0@2 released at delivery 1 and delivered again as delivery 2; delivery 1 was accepted (the deliveries were 1 accepted)");
  });

  it("fails when a released record never came back, or came back before it was released", () => {
    const never = redeliveredAfterRelease(run([delivery("A", [0, 2], 1, 10, "release")]), A, { partition: 0, offset: 2 }, 2);
    expect(never.outcome).toBe("fail");
    expect(never.detail).toContain("no delivery 2 came");
    const early = redeliveredAfterRelease(run([delivery("A", [0, 2], 1, 10, "release"), delivery("A", [0, 2], 2, 12, "accept")]), A, { partition: 0, offset: 2 }, 2);
    expect(early.outcome).toBe("fail");
    expect(early.detail).toContain("delivery 2 came at 12 ms, before the broker answered the release at 15 ms");
    expect(redeliveredAfterRelease(run([]), A, { partition: 0, offset: 2 }, 2).detail).toContain("it was never delivered");
  });

  it("fails when the broker refused the release", () => {
    const refused = delivery("A", [0, 2], 1, 10, "release");
    const check = redeliveredAfterRelease(
      run([{ ...refused, acknowledgement: { type: "release", at: 15, error: "InvalidRecordStateException: the record is not acquired" } }, delivery("A", [0, 2], 2, 30, "accept")]),
      A,
      { partition: 0, offset: 2 },
      2,
    );
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("the broker refused the release: InvalidRecordStateException");
  });
});

describe("shareLagAt and shareStateUnchanged", () => {
  const before = reading(1, "before B acknowledges", [{ topic: "t", partition: 0, startOffset: 0, lag: 6 }]);
  const same = reading(2, "after B acknowledges", [{ topic: "t", partition: 0, startOffset: 0, lag: 6 }]);
  const moved = reading(3, "after B acknowledges", [{ topic: "t", partition: 0, startOffset: 6, lag: 0 }]);
  const withTimeline = (...timeline: ReturnType<typeof reading>[]) => ({ ...run([]), timeline });

  it("reads the lag the broker reported at the reading", () => {
    expect(shareLagAt(withTimeline(before), { reading: 1, shareGroup: "S" }, [{ partition: 0, lag: 6 }]).outcome).toBe("pass");
    const wrong = shareLagAt(withTimeline(before), { reading: 1, shareGroup: "S" }, [{ partition: 0, lag: 1 }]);
    expect(wrong.detail).toBe("expected lag p0=1; the broker reported p0 start 0 lag 6 before B acknowledges");
    expect(shareLagAt(withTimeline(), { reading: 1, shareGroup: "S" }, [{ partition: 0, lag: 6 }]).outcome).toBe("inconclusive");
  });

  it("holds when nothing changed, and fails when another's acknowledgement moved the group's state", () => {
    expect(shareStateUnchanged(withTimeline(before, same), { reading: 1, shareGroup: "S" }, { reading: 2, shareGroup: "S" }).outcome).toBe("pass");
    const check = shareStateUnchanged(withTimeline(before, moved), { reading: 1, shareGroup: "S" }, { reading: 3, shareGroup: "S" });
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("p0 start 0 lag 6 before B acknowledges and p0 start 6 lag 0 after B acknowledges");
  });

  it("fails on readings of two different groups, or a reading with no partition state", () => {
    const other = { ...same, shareGroup: "T" };
    expect(shareStateUnchanged(withTimeline(before, other), { reading: 1, shareGroup: "S" }, { reading: 2, shareGroup: "T" }).outcome).toBe("fail");
    const empty = reading(1, "before", []);
    expect(shareStateUnchanged(withTimeline(empty, { ...empty, shareReading: 2 }), { reading: 1, shareGroup: "S" }, { reading: 2, shareGroup: "S" }).outcome).toBe("fail");
    const unknown = reading(1, "before", [{ topic: "t", partition: 0, startOffset: null, lag: null }]);
    const check = shareStateUnchanged(withTimeline(unknown, { ...unknown, shareReading: 2 }), { reading: 1, shareGroup: "S" }, { reading: 2, shareGroup: "S" });
    expect(check.detail).toBe("expected partition state to compare; the broker held p0 start - lag - before");
  });
});

describe("everyoneReceived", () => {
  const members = [{ consumer: "A1" }, { consumer: "A2" }, { consumer: "A3" }];

  it("holds when each member of a share group received something", () => {
    const deliveries = [delivery("A1", [0, 0], 1, 10, "accept"), delivery("A2", [0, 1], 1, 20, "accept"), delivery("A3", [0, 2], 1, 30, "accept")];
    const consumers = ["A1", "A2", "A3"].map((name) => consumer(name, "S", { kind: "share" }));
    expect(everyoneReceived(evidence({ shareGroups: [shareGroup("S", { deliveries })], consumers }), members).outcome).toBe("pass");
  });

  it("fails when a consumer group's extra members idled, naming them with their fetches", () => {
    const idle = evidence({ groups: [group("A", { received: received("A1", "m1", [0, 0], [0, 1], [0, 2]) })], consumers: ["A1", "A2", "A3"].map((name) => consumer(name, "A")) });
    const check = everyoneReceived(idle, members);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toBe("expected each to receive; A2 received nothing in 5 fetches, A3 received nothing in 5 fetches (A1 3, A2 0, A3 0)");
  });
});

describe("partitionAssignedTo", () => {
  const member = (clientId: string, partitions: number[]) => ({ memberId: `m-${clientId}`, clientId, assignment: partitions.map((partition) => ({ topic: "t", partition })) });

  it("holds when the broker assigned the one partition to every member of a share group", () => {
    const shared = evidence({ shareGroups: [shareGroup("S", { members: [member("A1", [0]), member("A2", [0]), member("A3", [0])] })] });
    expect(partitionAssignedTo(shared, { shareGroup: "S" }, 0, 3).outcome).toBe("pass");
  });

  it("fails for a consumer group, where one member owns the partition and the others nothing", () => {
    const owned = evidence({ groups: [group("A", { members: [member("A1", [0]), member("A2", []), member("A3", [])] })], consumers: [consumer("A1", "A")] });
    const check = partitionAssignedTo(owned, { group: "A" }, 0, 3);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toBe("expected 3 members assigned p0; the broker reported 1 (A1) of 3 (Stable)");
    expect(partitionAssignedTo(owned, { shareGroup: "A" }, 0, 3).outcome).toBe("inconclusive");
  });
});

describe("membershipMarks", () => {
  it("counts a broker restart for every group, but a share group's members joining for none of the consumer groups", () => {
    const timeline = [
      { at: 5, event: "join" as const, actor: "A1", summary: "A1 joined group A", group: "A" },
      { at: 7, event: "join" as const, actor: "S1", summary: "S1 joined share group S", shareGroup: "S" },
      { at: 9, event: "restart" as const, actor: "broker", summary: "broker restarted" },
    ];
    expect(membershipMarks({ ...evidence(), timeline }, "A")).toEqual([5, 9]);
  });
});
