import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { evidence, group, produced, receivedFrom, TOPIC } from "./evidence-fixture.js";
import { redeliveredAfterCrash } from "./redelivery.js";

const msgs = produced([0, 0], [0, 1], [0, 2], [0, 3]);
const atCrash: TimelineEvent = { at: 5, event: "observe", actor: "broker", summary: "", reading: 1, group: "A", moment: "at crash", committed: [] };
const crash: TimelineEvent = { at: 6, event: "crash", actor: "A1", summary: "", group: "A" };
const timeline = (committed: number): TimelineEvent[] => [{ ...atCrash, committed: [{ topic: TOPIC, partition: 0, offset: committed }] }, crash];
const victim = receivedFrom(0, "A1", "a1", [0, 0], [0, 1], [0, 2], [0, 3]);
const A = { group: "A" };
const reading = { reading: 1, group: "A" };

describe("redeliveredAfterCrash", () => {
  it("passes when the survivor resumes at the commit and gets every unacknowledged message", () => {
    const e = evidence({ produced: msgs, timeline: timeline(2), groups: [group("A", { received: [...victim, ...receivedFrom(10, "A2", "a2", [0, 2], [0, 3])] })] });
    expect(redeliveredAfterCrash(e, A, reading).outcome).toBe("pass");
  });

  it("rejects a survivor that starts past the commit: unacknowledged messages skipped", () => {
    const e = evidence({ produced: msgs, timeline: timeline(2), groups: [group("A", { received: [...victim, ...receivedFrom(10, "A2", "a2", [0, 3])] })] });
    const check = redeliveredAfterCrash(e, A, reading);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("never received again: p0@2");
  });

  it("rejects a crash that left nothing unacknowledged: nothing could be redelivered", () => {
    const e = evidence({ produced: msgs, timeline: timeline(4), groups: [group("A", { received: victim })] });
    expect(redeliveredAfterCrash(e, A, reading)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("acknowledged everything") });
  });

  it("does not count deliveries from before the crash as redelivery", () => {
    const early = receivedFrom(1, "A2", "a2", [0, 2], [0, 3]);
    const e = evidence({ produced: msgs, timeline: timeline(2), groups: [group("A", { received: [...victim, ...early] })] });
    expect(redeliveredAfterCrash(e, A, reading).outcome).toBe("fail");
  });

  it("rejects a run in which no member crashed", () => {
    const e = evidence({ produced: msgs, timeline: timeline(2).filter((t) => t.event !== "crash"), groups: [group("A", { received: victim })] });
    expect(redeliveredAfterCrash(e, A, reading)).toMatchObject({ outcome: "fail", detail: "expected a member of group A to crash; none did" });
  });

  it("cannot judge a group or a reading the evidence lacks", () => {
    const e = evidence({ produced: msgs, timeline: timeline(2), groups: [group("A", { received: victim })] });
    expect(redeliveredAfterCrash(e, { group: "B" }, reading)).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("group B") });
    expect(redeliveredAfterCrash(e, A, { reading: 2, group: "A" })).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("reading of group A") });
  });
});
