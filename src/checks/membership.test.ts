import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { consumer, evidence, group, observed, produced, received, TOPIC } from "./evidence-fixture.js";
import { assignmentsChanged, atMostOneOwnerThroughout, idleMembers, memberCount, partitionsOwnedOnce, receivedOnlyOwnPartitions } from "./membership.js";

const member = (memberId: string, ...partitions: number[]) => ({
  memberId,
  clientId: memberId.toUpperCase(),
  assignment: partitions.map((partition) => ({ topic: TOPIC, partition })),
});
const A = { group: "A" };

describe("memberCount", () => {
  it("compares the broker's member list with the expected count", () => {
    const e = evidence({ groups: [group("A", { members: [member("a1", 0), member("a2", 1)] })] });
    expect(memberCount(e, A, 2).outcome).toBe("pass");
    expect(memberCount(e, A, 3)).toMatchObject({ outcome: "fail", detail: "expected 3 members; the broker reported 2 (Stable)" });
  });

  it("cannot judge a group the evidence lacks, or one no consumer of the scenario was in", () => {
    const e = evidence({ groups: [group("A", { members: [member("a1", 0)] }), group("B", { state: "Empty" })] });
    expect(memberCount(e, { group: "C" }, 1)).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("group C") });
    expect(memberCount(e, { group: "B" }, 0).outcome).toBe("inconclusive");
  });

  it("judges a group no consumer was in if the broker holds a commit for it", () => {
    const e = evidence({ groups: [group("B", { state: "Empty", committed: [{ topic: TOPIC, partition: 0, offset: 3 }] })] });
    expect(memberCount(e, { group: "B" }, 0).outcome).toBe("pass");
    const none = evidence({ groups: [group("B", { state: "Empty", committed: [{ topic: TOPIC, partition: 0, offset: null }] })] });
    expect(memberCount(none, { group: "B" }, 0).outcome).toBe("inconclusive");
  });
});

describe("partitionsOwnedOnce", () => {
  const msgs = produced([0, 0], [1, 0]);

  it("passes with one owner per partition", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0), member("a2", 1)] })] });
    expect(partitionsOwnedOnce(e, A).outcome).toBe("pass");
  });

  it("rejects two members owning one partition", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0, 1), member("a2", 1)] })] });
    const check = partitionsOwnedOnce(e, A);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("p1 owned by A1 and A2");
  });

  it("rejects a partition nobody owns", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0)] })] });
    expect(partitionsOwnedOnce(e, A)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("p1 owned by no member") });
  });

  it("cannot judge a group the evidence lacks", () => {
    expect(partitionsOwnedOnce(evidence({ produced: msgs }), A).outcome).toBe("inconclusive");
  });
});

describe("receivedOnlyOwnPartitions", () => {
  it("rejects a member receiving from a partition assigned to another", () => {
    const e = evidence({
      produced: produced([0, 0], [1, 0]),
      groups: [group("A", { members: [member("a1", 0), member("a2", 1)], received: received("A1", "a1", [0, 0], [1, 0]) })],
    });
    const check = receivedOnlyOwnPartitions(e, A);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("p1@0");
  });

  it("passes when client and broker agree", () => {
    const e = evidence({
      produced: produced([0, 0], [1, 0]),
      groups: [group("A", { members: [member("a1", 0), member("a2", 1)], received: [...received("A1", "a1", [0, 0]), ...received("A2", "a2", [1, 0])] })],
    });
    expect(receivedOnlyOwnPartitions(e, A).outcome).toBe("pass");
  });

  it("fails a group that received nothing: there is nothing to compare", () => {
    const e = evidence({ produced: produced([0, 0]), groups: [group("A", { members: [member("a1", 0)] })] });
    expect(receivedOnlyOwnPartitions(e, A)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("nothing was received") });
  });

  it("cannot judge a group the evidence lacks", () => {
    expect(receivedOnlyOwnPartitions(evidence({ produced: produced([0, 0]) }), A).outcome).toBe("inconclusive");
  });
});

describe("idleMembers", () => {
  const msgs = produced([0, 0], [1, 0]);

  it("passes when the extra member owns and receives nothing", () => {
    const e = evidence({
      produced: msgs,
      groups: [group("A", { members: [member("a1", 0), member("a2", 1), member("a3")], received: [...received("A1", "a1", [0, 0]), ...received("A2", "a2", [1, 0])] })],
    });
    expect(idleMembers(e, A, 1).outcome).toBe("pass");
  });

  it("rejects a group in which every member has work", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0), member("a2", 1)] })] });
    expect(idleMembers(e, A, 1)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("the broker reported 0") });
  });

  it("rejects an unassigned member that received messages anyway", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0, 1), member("a3")], received: received("A3", "a3", [0, 0]) })] });
    expect(idleMembers(e, A, 1)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("A3 received messages") });
  });

  it("cannot judge a group the evidence lacks", () => {
    expect(idleMembers(evidence({ produced: msgs }), A, 1).outcome).toBe("inconclusive");
  });
});

describe("atMostOneOwnerThroughout", () => {
  const snapshot = (at: number, ...owners: [consumer: string, partition: number][]): TimelineEvent => {
    const byConsumer: Record<string, number[]> = {};
    for (const [name, partition] of owners) (byConsumer[name] ??= []).push(partition);
    return observed(at, byConsumer);
  };
  const consumers = [consumer("A", "A"), consumer("B", "B")];
  const both = [{ consumer: "A" }, { consumer: "B" }];

  it("passes when every reported assignment has one owner per partition among them", () => {
    const e = evidence({ consumers, timeline: [snapshot(1, ["A", 0], ["A", 1]), snapshot(2, ["A", 0], ["B", 1])] });
    expect(atMostOneOwnerThroughout(e, both).outcome).toBe("pass");
  });

  it("rejects a moment when two of them owned one partition", () => {
    const e = evidence({ consumers, timeline: [snapshot(1, ["A", 0]), snapshot(7, ["A", 0], ["B", 0])] });
    expect(atMostOneOwnerThroughout(e, both)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("at 7 ms p0 owned by A and B") });
  });

  it("fails without any assignment reported by the broker", () => {
    expect(atMostOneOwnerThroughout(evidence({ consumers }), both).outcome).toBe("fail");
  });

  it("cannot judge consumers the evidence lacks", () => {
    const e = evidence({ consumers: [consumer("A", "A")], timeline: [snapshot(1, ["A", 0])] });
    expect(atMostOneOwnerThroughout(e, both)).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("consumer B") });
  });

  it("holds each group's latest observation while another group's changes", () => {
    const e = evidence({ consumers, timeline: [observed(1, { A: [0] }), observed(2, { B: [0] }, { group: "B" }), observed(3, { A: [1] })] });
    expect(atMostOneOwnerThroughout(e, both)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("at 2 ms p0 owned by A and B") });
  });
});

describe("assignmentsChanged", () => {
  it("counts changes of who owns what, not observations that differ only in state", () => {
    const e = evidence({ timeline: [observed(1, { A1: [0, 1] }), observed(2, { A1: [0, 1] }, { state: "Reconciling" }), observed(3, { A1: [0], A2: [1] })] });
    expect(assignmentsChanged(e, 2).outcome).toBe("pass");
    expect(assignmentsChanged(e, 3)).toMatchObject({ outcome: "fail", detail: "expected at least 3; the broker reported 2" });
  });
});
