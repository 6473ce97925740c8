import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { evidence, group, produced, received, TOPIC } from "./evidence-fixture.js";
import { committedEquals, committedUnchanged, lagEquals, noCommitYet, refused, resumedAt } from "./offsets.js";

const ten = produced(...Array.from({ length: 10 }, (_, i) => [0, i] as [number, number]));
const committed = (offset: number | null) => [{ topic: TOPIC, partition: 0, offset }];
const observe = (role: string, moment: string, offset: number | null): TimelineEvent => ({
  at: 0,
  event: "observe",
  actor: "broker",
  summary: "",
  role,
  moment,
  committed: committed(offset),
});

describe("committedEquals", () => {
  it("passes on the broker's exact offset", () => {
    const e = evidence({ produced: ten, groups: [group("A", { committed: committed(5) })] });
    expect(committedEquals(e, "A", [{ partition: 0, offset: 5 }]).ok).toBe(true);
  });

  it("rejects an off-by-one commit (4 where 5 was expected) and says both", () => {
    const e = evidence({ produced: ten, groups: [group("A", { committed: committed(4) })] });
    const check = committedEquals(e, "A", [{ partition: 0, offset: 5 }]);
    expect(check.ok).toBe(false);
    expect(check.detail).toBe("expected p0=5; the broker reported p0=4");
  });

  it("rejects a skipped commit: nothing held", () => {
    const e = evidence({ produced: ten, groups: [group("A", { committed: committed(null) })] });
    expect(committedEquals(e, "A", [{ partition: 0, offset: 5 }]).detail).toContain("reported p0=-");
  });
});

describe("lagEquals", () => {
  it("computes lag as log-end minus committed", () => {
    const e = evidence({ produced: ten, groups: [group("B", { committed: committed(3) })] });
    expect(lagEquals(e, "B", [{ partition: 0, lag: 7 }]).ok).toBe(true);
    expect(lagEquals(e, "B", [{ partition: 0, lag: 5 }]).ok).toBe(false);
  });

  it("has no lag without a commit", () => {
    const e = evidence({ produced: ten, groups: [group("B", { committed: committed(null) })] });
    expect(lagEquals(e, "B", [{ partition: 0, lag: 10 }]).ok).toBe(false);
  });
});

describe("committedUnchanged", () => {
  it("passes when both readings agree", () => {
    const e = evidence({ timeline: [observe("B", "before", 3), observe("B", "after", 3)] });
    expect(committedUnchanged(e, "B", "before", "after").ok).toBe(true);
  });

  it("rejects B's offset moving after A's commit", () => {
    const e = evidence({ timeline: [observe("B", "before", 3), observe("B", "after", 5)] });
    const check = committedUnchanged(e, "B", "before", "after");
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("p0=3 before and p0=5 after");
  });

  it("rejects evidence with a reading missing", () => {
    const e = evidence({ timeline: [observe("B", "before", 3)] });
    expect(committedUnchanged(e, "B", "before", "after").ok).toBe(false);
  });
});

describe("resumedAt", () => {
  it("rejects A not redelivered after a reset (first message at 10, not 0)", () => {
    const e = evidence({ produced: ten, groups: [group("A", { received: received("A restarted", "m", [0, 7], [0, 8]) })] });
    expect(resumedAt(e, "A restarted", [{ partition: 0, offset: 0 }]).ok).toBe(false);
    expect(resumedAt(e, "A restarted", [{ partition: 0, offset: 7 }]).ok).toBe(true);
  });

  it("rejects a consumer that received nothing on the partition", () => {
    const e = evidence({ produced: ten, groups: [group("A")] });
    expect(resumedAt(e, "A restarted", [{ partition: 0, offset: 5 }]).detail).toContain("p0@nothing");
  });
});

describe("refused", () => {
  it("needs a recorded refusal by that actor", () => {
    const refusal: TimelineEvent = { at: 1, event: "refused", actor: "admin:A", summary: "no", error: "UNKNOWN_MEMBER_ID: ..." };
    expect(refused(evidence({ timeline: [refusal] }), "admin:A", "reset A").ok).toBe(true);
    expect(refused(evidence({ timeline: [refusal] }), "admin:B", "reset B").ok).toBe(false);
    expect(refused(evidence(), "admin:A", "reset A").detail).toContain("accepted");
  });
});

describe("noCommitYet", () => {
  it("passes only on a reading with nothing committed", () => {
    expect(noCommitYet(evidence({ timeline: [observe("E", "before", null)] }), "E", "before").ok).toBe(true);
    expect(noCommitYet(evidence({ timeline: [observe("E", "before", 3)] }), "E", "before").detail).toContain("reported p0=3");
    expect(noCommitYet(evidence(), "E", "before").ok).toBe(false);
  });
});
