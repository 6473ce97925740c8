import { describe, expect, it } from "vitest";
import { evidence, group, produced, received, TOPIC } from "./evidence-fixture.js";
import { idleMembers, memberCount, partitionsOwnedOnce, receivedOnlyOwnPartitions } from "./membership.js";

const member = (memberId: string, ...partitions: number[]) => ({
  memberId,
  clientId: memberId.toUpperCase(),
  assignment: partitions.map((partition) => ({ topic: TOPIC, partition })),
});

describe("memberCount", () => {
  it("compares the broker's member list with the expected count", () => {
    const e = evidence({ groups: [group("A", { members: [member("a1", 0), member("a2", 1)] })] });
    expect(memberCount(e, "A", 2).ok).toBe(true);
    expect(memberCount(e, "A", 3).ok).toBe(false);
    expect(memberCount(e, "B", 1).detail).toContain("no such group");
  });
});

describe("partitionsOwnedOnce", () => {
  const msgs = produced([0, 0], [1, 0]);

  it("passes with one owner per partition", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0), member("a2", 1)] })] });
    expect(partitionsOwnedOnce(e, "A").ok).toBe(true);
  });

  it("rejects two members owning one partition", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0, 1), member("a2", 1)] })] });
    const check = partitionsOwnedOnce(e, "A");
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("p1 owned by A1 and A2");
  });

  it("rejects a partition nobody owns", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0)] })] });
    expect(partitionsOwnedOnce(e, "A").detail).toContain("p1 owned by no member");
  });
});

describe("receivedOnlyOwnPartitions", () => {
  it("rejects a member receiving from a partition assigned to another", () => {
    const e = evidence({
      produced: produced([0, 0], [1, 0]),
      groups: [group("A", { members: [member("a1", 0), member("a2", 1)], received: received("A1", "a1", [0, 0], [1, 0]) })],
    });
    const check = receivedOnlyOwnPartitions(e, "A");
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("p1@0");
  });

  it("passes when client and broker agree", () => {
    const e = evidence({
      produced: produced([0, 0], [1, 0]),
      groups: [group("A", { members: [member("a1", 0), member("a2", 1)], received: [...received("A1", "a1", [0, 0]), ...received("A2", "a2", [1, 0])] })],
    });
    expect(receivedOnlyOwnPartitions(e, "A").ok).toBe(true);
  });
});

describe("idleMembers", () => {
  const msgs = produced([0, 0], [1, 0]);

  it("passes when the extra member owns and receives nothing", () => {
    const e = evidence({
      produced: msgs,
      groups: [group("A", { members: [member("a1", 0), member("a2", 1), member("a3")], received: [...received("A1", "a1", [0, 0]), ...received("A2", "a2", [1, 0])] })],
    });
    expect(idleMembers(e, "A", 1).ok).toBe(true);
  });

  it("rejects a group in which every member has work", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0), member("a2", 1)] })] });
    expect(idleMembers(e, "A", 1).detail).toContain("the broker reported 0");
  });

  it("rejects an unassigned member that received messages anyway", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { members: [member("a1", 0, 1), member("a3")], received: received("A3", "a3", [0, 0]) })] });
    expect(idleMembers(e, "A", 1).detail).toContain("A3 received messages");
  });
});
