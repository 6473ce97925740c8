import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { consumer, evidence, group, produced, receivedFrom, TOPIC } from "./evidence-fixture.js";
import { committedWhatWasReceived, unfinishedNotDeliveredAgain } from "./unfinished-work.js";

// A1 is handed p0@0–5 (at 0–5 ms), its application finishes through 1 (at 10), the broker is read (at 15), A1 crashes (at 20).
const msgs = produced([0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [0, 5]);
const handed = receivedFrom(0, "A1", "a1", [0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [0, 5]);
const finish = (lastOffset: number, partition = 0): TimelineEvent => ({ at: 10, event: "finish", actor: "A1", summary: "", group: "A", topic: TOPIC, partition, lastOffset });
const reading = (committed: Record<number, number>, at = 15): TimelineEvent => ({
  at,
  event: "observe",
  actor: "broker",
  summary: "",
  reading: 1,
  group: "A",
  moment: "when A1 crashed",
  committed: Object.entries(committed).map(([partition, offset]) => ({ topic: TOPIC, partition: Number(partition), offset })),
});
const crash: TimelineEvent = { at: 20, event: "crash", actor: "A1", summary: "", group: "A" };
/** A2 rejoins at `at` owning `partitions`. */
const join = (at: number, partitions: number[]): TimelineEvent => ({
  at,
  event: "join",
  actor: "A2",
  summary: "",
  group: "A",
  memberId: "a2",
  assignment: { [TOPIC]: partitions },
});
const A = { group: "A" };
const READING = { reading: 1, group: "A" };

describe("committedWhatWasReceived", () => {
  const judge = (timeline: TimelineEvent[], received = handed) => committedWhatWasReceived(evidence({ produced: msgs, timeline, groups: [group("A", { received })] }), A, READING);

  it("passes when the broker held, before the crash, the commit of everything received, past the unfinished records", () => {
    expect(judge([finish(1), reading({ 0: 6 }), crash])).toMatchObject({ outcome: "pass", detail: expect.stringContaining("not p0@2, p0@3, p0@4, p0@5") });
  });

  it("rejects a commit of the finished work only: what at-least-once holds", () => {
    expect(judge([finish(1), reading({ 0: 2 }), crash])).toMatchObject({ outcome: "fail", detail: expect.stringContaining("the broker reported p0=2 when A1 crashed") });
  });

  it("rejects a commit of part of what was received", () => {
    expect(judge([finish(1), reading({ 0: 4 }), crash]).outcome).toBe("fail");
  });

  it("rejects a commit that misses a partition the member received from", () => {
    const both = [...handed, ...receivedFrom(6, "A1", "a1", [1, 0])];
    expect(judge([finish(1), reading({ 0: 6 }), crash], both)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("expected p0=6, p1=1") });
  });

  it("rejects a run whose application finished everything: received and finished cannot be told apart", () => {
    expect(judge([finish(5), reading({ 0: 6 }), crash])).toMatchObject({ outcome: "fail", detail: expect.stringContaining("finished everything it received") });
  });

  it("rejects a reading taken after the crash", () => {
    expect(judge([finish(1), crash, reading({ 0: 6 }, 25)])).toMatchObject({ outcome: "fail", detail: expect.stringContaining("after") });
  });

  it("does not count what the member received after it crashed", () => {
    const late = receivedFrom(30, "A1", "a1", [0, 6]);
    expect(judge([finish(1), reading({ 0: 6 }), crash], [...handed, ...late]).outcome).toBe("pass");
  });

  it("rejects a run in which no member crashed", () => {
    expect(judge([finish(1), reading({ 0: 6 })])).toMatchObject({ outcome: "fail", detail: "expected a member of group A to crash; none did" });
  });

  it("cannot judge without the reading, the application's progress or the group", () => {
    expect(judge([finish(1), crash])).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("reading #1") });
    expect(judge([reading({ 0: 6 }), crash])).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("what A1's application finished") });
    const e = evidence({ produced: msgs, timeline: [finish(1), reading({ 0: 6 }), crash], groups: [group("A", { received: handed })] });
    expect(committedWhatWasReceived(e, { group: "B" }, READING)).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("group B") });
  });
});

describe("unfinishedNotDeliveredAgain", () => {
  const judge = (timeline: TimelineEvent[], received = handed, lastFetchAt = 200) => {
    const e = evidence({ produced: msgs, timeline, groups: [group("A", { received })] });
    return unfinishedNotDeliveredAgain({ ...e, consumers: [consumer("A1", "A"), consumer("A2", "A", { lastFetchAt })] }, A);
  };

  it("passes when another member took over the partition, fetched, and was given none of the unfinished records", () => {
    expect(judge([finish(1), crash, join(50, [0, 1])])).toMatchObject({ outcome: "pass", detail: expect.stringContaining("A2 (p0) took over and fetched") });
  });

  it("rejects a redelivery of the unfinished records: at least once", () => {
    const again = receivedFrom(60, "A2", "a2", [0, 2], [0, 3], [0, 4], [0, 5]);
    expect(judge([finish(1), crash, join(50, [0, 1])], [...handed, ...again])).toMatchObject({
      outcome: "fail",
      detail: expect.stringContaining("A2 received p0@2, p0@3, p0@4, p0@5"),
    });
  });

  it("rejects a redelivery of even one of them", () => {
    expect(judge([finish(1), crash, join(50, [0])], [...handed, ...receivedFrom(60, "A2", "a2", [0, 5])]).outcome).toBe("fail");
  });

  it("does not count what another member received before the crash", () => {
    expect(judge([finish(1), crash, join(50, [0])], [...handed, ...receivedFrom(6, "A2", "a2", [0, 5])]).outcome).toBe("pass");
  });

  it("rejects a run in which no other member took over the partition: nothing could have been given again", () => {
    expect(judge([finish(1), crash])).toMatchObject({ outcome: "fail", detail: expect.stringContaining("none did") });
    expect(judge([finish(1), crash, join(50, [1])])).toMatchObject({ outcome: "fail", detail: expect.stringContaining("take over p0") });
    expect(judge([join(15, [0]), finish(1), crash]).outcome).toBe("fail");
  });

  it("rejects a takeover with no fetch after it", () => {
    expect(judge([finish(1), crash, join(50, [0])], handed, 40).outcome).toBe("fail");
  });

  it("rejects a run whose application finished everything it received", () => {
    expect(judge([finish(5), crash, join(50, [0])])).toMatchObject({ outcome: "fail", detail: expect.stringContaining("finished everything") });
  });

  it("rejects a run in which no member crashed", () => {
    expect(judge([finish(1), join(50, [0])])).toMatchObject({ outcome: "fail", detail: "expected a member of group A to crash; none did" });
  });

  it("cannot judge without the application's progress or the group", () => {
    expect(judge([crash, join(50, [0])])).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("what A1's application finished") });
    const e = evidence({ produced: msgs, timeline: [finish(1), crash], groups: [group("A", { received: handed })] });
    expect(unfinishedNotDeliveredAgain(e, { group: "B" })).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("group B") });
  });
});
