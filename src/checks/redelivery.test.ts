import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { evidence, group, produced, receivedFrom, TOPIC } from "./evidence-fixture.js";
import { redeliveredAfterCrash } from "./redelivery.js";

const msgs = produced([0, 0], [0, 1], [0, 2], [0, 3]);
const timeline = (committed: number): TimelineEvent[] => [
  { at: 5, event: "observe", actor: "broker", summary: "", group: "A", moment: "at crash", committed: [{ topic: TOPIC, partition: 0, offset: committed }] },
  { at: 6, event: "crash", actor: "A1", summary: "", group: "A" },
];
const victim = receivedFrom(0, "A1", "a1", [0, 0], [0, 1], [0, 2], [0, 3]);

describe("redeliveredAfterCrash", () => {
  it("passes when the survivor resumes at the commit and gets every unacknowledged message", () => {
    const e = evidence({ produced: msgs, timeline: timeline(2), groups: [group("A", { received: [...victim, ...receivedFrom(10, "A2", "a2", [0, 2], [0, 3])] })] });
    expect(redeliveredAfterCrash(e, "A", "at crash").ok).toBe(true);
  });

  it("rejects a survivor that starts past the commit: unacknowledged messages skipped", () => {
    const e = evidence({ produced: msgs, timeline: timeline(2), groups: [group("A", { received: [...victim, ...receivedFrom(10, "A2", "a2", [0, 3])] })] });
    const check = redeliveredAfterCrash(e, "A", "at crash");
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("never received again: p0@2");
  });

  it("rejects a crash that left nothing unacknowledged: nothing could be redelivered", () => {
    const e = evidence({ produced: msgs, timeline: timeline(4), groups: [group("A", { received: victim })] });
    expect(redeliveredAfterCrash(e, "A", "at crash").detail).toContain("acknowledged everything");
  });

  it("does not count deliveries from before the crash as redelivery", () => {
    const early = receivedFrom(1, "A2", "a2", [0, 2], [0, 3]);
    const e = evidence({ produced: msgs, timeline: timeline(2), groups: [group("A", { received: [...victim, ...early] })] });
    expect(redeliveredAfterCrash(e, "A", "at crash").ok).toBe(false);
  });
});
