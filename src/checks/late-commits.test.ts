import { describe, expect, test } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { evidence, group, receivedFrom, TOPIC } from "./evidence-fixture.js";
import { committedIsOwners, lateCommitRefused, newOwnerReceivedUncommitted, removedWhileStalled } from "./late-commits.js";

const A = { consumer: "A1" };
const B = { consumer: "A2" };
const G = { group: "A" };
const P0 = { topic: TOPIC, partition: 0 };
const stall: TimelineEvent = { at: 100, event: "stall", actor: "A1", summary: "A1 stalled" };
const commit = (at: number, actor: string, offset: number, extra: Record<string, unknown> = {}): TimelineEvent => ({
  at,
  event: "commit",
  actor,
  summary: `${actor} committed ${offset}`,
  topic: TOPIC,
  partition: 0,
  offset,
  ...extra,
});
const observed = (at: number, ...clientIds: string[]): TimelineEvent => ({
  at,
  event: "observe",
  actor: "broker",
  summary: "broker: group A",
  group: "A",
  members: clientIds.map((clientId) => ({ clientId, assignment: [] })),
});

describe("removedWhileStalled", () => {
  test("holds when the broker's description after the stall lists the member no more", () => {
    const e = evidence({ timeline: [observed(50, "A1", "A2"), stall, observed(300, "A2")] });
    expect(removedWhileStalled(e, G, A).outcome).toBe("pass");
  });
  test("fails when the broker still lists it after the stall", () => {
    const e = evidence({ timeline: [stall, observed(300, "A1", "A2")] });
    expect(removedWhileStalled(e, G, A)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("still listed it") });
  });
  test("cannot be judged without a stall, or without a description after it", () => {
    expect(removedWhileStalled(evidence({ timeline: [observed(300, "A2")] }), G, A).outcome).toBe("inconclusive");
    expect(removedWhileStalled(evidence({ timeline: [observed(50, "A2"), stall] }), G, A).outcome).toBe("inconclusive");
  });
});

describe("newOwnerReceivedUncommitted", () => {
  const aReceived = receivedFrom(10, "A1", "m-a", [0, 0], [0, 1], [0, 2], [0, 3]);
  test("holds when the new owner receives, after the stall, every offset the member held uncommitted", () => {
    const e = evidence({
      groups: [group("A", { received: [...aReceived, ...receivedFrom(400, "A2", "m-b", [0, 1], [0, 2], [0, 3], [0, 4])] })],
      timeline: [commit(20, "A1", 1), stall],
    });
    expect(newOwnerReceivedUncommitted(e, A, B, P0)).toMatchObject({ outcome: "pass", detail: "offsets 1, 2, 3: received by both" });
  });
  test("fails when the new owner never receives what the member held", () => {
    const e = evidence({ groups: [group("A", { received: [...aReceived, ...receivedFrom(400, "A2", "m-b", [1, 0])] })], timeline: [commit(20, "A1", 1), stall] });
    expect(newOwnerReceivedUncommitted(e, A, B, P0)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("never received 1, 2, 3") });
  });
  test("fails when the member held nothing uncommitted", () => {
    const e = evidence({ groups: [group("A", { received: [...aReceived, ...receivedFrom(400, "A2", "m-b", [0, 4])] })], timeline: [commit(20, "A1", 4), stall] });
    expect(newOwnerReceivedUncommitted(e, A, B, P0).outcome).toBe("fail");
  });
  test("does not count what the other member received before the stall", () => {
    const e = evidence({ groups: [group("A", { received: [...aReceived, ...receivedFrom(5, "A2", "m-b", [0, 1], [0, 2], [0, 3])] })], timeline: [commit(20, "A1", 1), stall] });
    expect(newOwnerReceivedUncommitted(e, A, B, P0).outcome).toBe("fail");
  });
});

describe("lateCommitRefused", () => {
  const ref = { memberCommit: 1, consumer: "A1" };
  test("holds when the broker refused it with a code of a removed member", () => {
    const refused: TimelineEvent = { at: 500, event: "refused", actor: "A1", summary: "refused", consumer: "A1", memberCommit: 1, code: "UNKNOWN_MEMBER_ID" };
    expect(lateCommitRefused(evidence({ timeline: [refused] }), ref).outcome).toBe("pass");
  });
  test("fails when the broker accepted it", () => {
    const e = evidence({ timeline: [commit(500, "A1", 4, { consumer: "A1", memberCommit: 1 })] });
    expect(lateCommitRefused(e, ref)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("accepted") });
  });
  test("fails when the broker refused it for another reason", () => {
    const refused: TimelineEvent = { at: 500, event: "refused", actor: "A1", summary: "refused", consumer: "A1", memberCommit: 1, code: "GROUP_AUTHORIZATION_FAILED" };
    expect(lateCommitRefused(evidence({ timeline: [refused] }), ref).outcome).toBe("fail");
  });
  test("cannot be judged without an answer", () => {
    expect(lateCommitRefused(evidence(), ref).outcome).toBe("inconclusive");
  });
});

describe("committedIsOwners", () => {
  test("holds when the broker holds the owner's last commit", () => {
    const e = evidence({ groups: [group("A", { committed: [{ topic: TOPIC, partition: 0, offset: 3 }] })], timeline: [commit(10, "A1", 1), commit(400, "A2", 3)] });
    expect(committedIsOwners(e, G, B, P0).outcome).toBe("pass");
  });
  test("fails when the broker holds the stalled member's commit", () => {
    const e = evidence({
      groups: [group("A", { committed: [{ topic: TOPIC, partition: 0, offset: 5 }] })],
      timeline: [commit(400, "A2", 3), commit(500, "A1", 5, { consumer: "A1", memberCommit: 1 })],
    });
    expect(committedIsOwners(e, G, B, P0)).toMatchObject({ outcome: "fail", detail: "A2 last committed 3; the broker holds 5" });
  });
  test("fails when the owner committed nothing there", () => {
    const e = evidence({ groups: [group("A", { committed: [{ topic: TOPIC, partition: 0, offset: 5 }] })], timeline: [commit(500, "A1", 5)] });
    expect(committedIsOwners(e, G, B, P0).outcome).toBe("fail");
  });
});
