import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import { evidence, group, TOPIC } from "./evidence-fixture.js";
import { dryRunChangedNothing, groupDeleted, resetLanded, topicOffsetsDeleted } from "./resets.js";

const RETURNS = "returns";
const held = (p0: number | null, p1: number | null, returns: number | null = null) => [
  { topic: TOPIC, partition: 0, offset: p0 },
  { topic: TOPIC, partition: 1, offset: p1 },
  { topic: RETURNS, partition: 0, offset: returns },
];
const expected = (p0: number | null, p1: number | null) => held(p0, p1).slice(0, 2);
let clock = 0;
const observe = (reading: number, committed: ReturnType<typeof held>, moment = `at reading ${reading}`): TimelineEvent => ({
  at: ++clock,
  event: "observe",
  actor: "broker",
  summary: "",
  reading,
  group: "A",
  moment,
  committed,
});
const reset = (attempt: number, offsets: { partition: number; offset: number }[]): TimelineEvent => ({
  at: ++clock,
  event: "reset",
  actor: "admin",
  summary: `admin reset group A (attempt ${attempt})`,
  attempt,
  group: "A",
  topic: TOPIC,
  offsets,
});
const refused = (attempt: number, code: string): TimelineEvent => ({ at: ++clock, event: "refused", actor: "admin", summary: "refused", attempt, group: "A", code, error: "no" });
const dryRun = (attempt: number, offsets?: { partition: number; offset: number }[]): TimelineEvent => ({
  at: ++clock,
  event: "observe",
  actor: "admin",
  summary: "dry run",
  attempt,
  group: "A",
  dryRun: true,
  ...(offsets ? { offsets } : { live: { state: "Stable", members: 1 } }),
});
const run = (...timeline: TimelineEvent[]) => evidence({ groups: [group("A")], timeline });
const attempt = (n: number) => ({ attempt: n, group: "A" });
const reading = (n: number) => ({ reading: n, group: "A" });

describe("resetLanded", () => {
  const target = [
    { partition: 0, offset: 6 },
    { partition: 1, offset: 6 },
  ];
  it("passes when the broker accepted the reset and then held the target", () => {
    const check = resetLanded(run(reset(1, target), observe(1, held(6, 6))), attempt(1), reading(1), expected(6, 6), "to a time");
    expect(check).toMatchObject({ outcome: "pass", name: "group A reset to a time: the broker then holds p0=6, p1=6" });
  });

  it("fails a refused reset even when the broker happens to hold the target already", () => {
    const check = resetLanded(run(refused(1, "UNKNOWN_MEMBER_ID"), observe(1, held(6, 6))), attempt(1), reading(1), expected(6, 6), "to a time");
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("the broker refused it with UNKNOWN_MEMBER_ID");
  });

  it("fails when the broker held something else afterwards, and says both", () => {
    const check = resetLanded(run(reset(1, target), observe(1, held(6, 5))), attempt(1), reading(1), expected(6, 6), "to a time");
    expect(check).toMatchObject({ outcome: "fail", detail: expect.stringMatching(/^expected p0=6, p1=6; the broker reported p0=6, p1=5/) });
  });

  it("fails on a reading taken before the reset", () => {
    expect(resetLanded(run(observe(1, held(6, 6)), reset(1, target)), attempt(1), reading(1), expected(6, 6), "to a time").outcome).toBe("fail");
  });

  it("cannot judge an attempt or a reading the evidence lacks", () => {
    expect(resetLanded(run(observe(1, held(6, 6))), attempt(1), reading(1), expected(6, 6), "x").outcome).toBe("inconclusive");
    expect(resetLanded(run(reset(1, target)), attempt(1), reading(1), expected(6, 6), "x").outcome).toBe("inconclusive");
  });
});

describe("dryRunChangedNothing", () => {
  const target = expected(2, 0);
  const computed = [
    { partition: 0, offset: 2 },
    { partition: 1, offset: 0 },
  ];
  it("passes when the dry run computed the target and the broker held the same before and after", () => {
    const e = run(observe(1, held(10, 10)), dryRun(2, computed), observe(2, held(10, 10)));
    expect(dryRunChangedNothing(e, attempt(2), reading(1), reading(2), target, expected(10, 10)).outcome).toBe("pass");
  });

  it("fails when the offsets moved across the dry run", () => {
    const e = run(observe(1, held(10, 10)), dryRun(2, computed), observe(2, held(2, 0)));
    expect(dryRunChangedNothing(e, attempt(2), reading(1), reading(2), target, expected(10, 10))).toMatchObject({ outcome: "fail", detail: expect.stringContaining("p0=2, p1=0") });
  });

  it("fails a dry run that computed nothing (a group with members), or another target", () => {
    const live = run(observe(1, held(10, 10)), dryRun(2), observe(2, held(10, 10)));
    expect(dryRunChangedNothing(live, attempt(2), reading(1), reading(2), target, expected(10, 10)).outcome).toBe("fail");
    const other = run(observe(1, held(10, 10)), dryRun(2, [{ partition: 0, offset: 3 }]), observe(2, held(10, 10)));
    expect(dryRunChangedNothing(other, attempt(2), reading(1), reading(2), target, expected(10, 10)).outcome).toBe("fail");
  });

  it("fails when the group was somewhere else than claimed, unchanged or not", () => {
    const e = run(observe(1, held(5, 5)), dryRun(2, computed), observe(2, held(5, 5)));
    expect(dryRunChangedNothing(e, attempt(2), reading(1), reading(2), target, expected(10, 10)).outcome).toBe("fail");
  });

  it("fails a dry run whose target is where the group already is: it would show nothing", () => {
    const e = run(observe(1, held(2, 0)), dryRun(2, computed), observe(2, held(2, 0)));
    expect(dryRunChangedNothing(e, attempt(2), reading(1), reading(2), target, expected(2, 0))).toMatchObject({
      outcome: "fail",
      detail: expect.stringContaining("shows nothing"),
    });
  });

  it("fails readings that do not surround the dry run, and cannot judge a missing one", () => {
    const e = run(dryRun(2, computed), observe(1, held(10, 10)), observe(2, held(10, 10)));
    expect(dryRunChangedNothing(e, attempt(2), reading(1), reading(2), target, expected(10, 10)).outcome).toBe("fail");
    expect(dryRunChangedNothing(run(observe(1, held(10, 10))), attempt(2), reading(1), reading(2), target, expected(10, 10)).outcome).toBe("inconclusive");
  });
});

describe("topicOffsetsDeleted", () => {
  const deleted = (n: number): TimelineEvent => ({ at: ++clock, event: "reset", actor: "admin", summary: "deleted", attempt: n, group: "A", deletedOffsets: RETURNS });
  it("passes when the topic's offsets are gone and the other topic's are kept", () => {
    expect(topicOffsetsDeleted(run(deleted(1), observe(1, held(10, 10))), attempt(1), reading(1), RETURNS, expected(10, 10)).outcome).toBe("pass");
  });

  it("fails a refused deletion, with the broker's code", () => {
    const check = topicOffsetsDeleted(run(refused(1, "GROUP_SUBSCRIBED_TO_TOPIC"), observe(1, held(10, 10))), attempt(1), reading(1), RETURNS, expected(10, 10));
    expect(check).toMatchObject({ outcome: "fail", detail: expect.stringContaining("GROUP_SUBSCRIBED_TO_TOPIC") });
  });

  it("fails when the topic still holds an offset, or the other topic lost its own", () => {
    expect(topicOffsetsDeleted(run(deleted(1), observe(1, held(10, 10, 3))), attempt(1), reading(1), RETURNS, expected(10, 10)).outcome).toBe("fail");
    expect(topicOffsetsDeleted(run(deleted(1), observe(1, held(null, null))), attempt(1), reading(1), RETURNS, expected(10, 10)).outcome).toBe("fail");
  });
});

describe("groupDeleted", () => {
  const deleted = (n: number): TimelineEvent => ({ at: ++clock, event: "reset", actor: "admin", summary: "deleted", attempt: n, group: "A", deletedGroup: true });
  it("passes when the broker holds no offset for the group afterwards", () => {
    expect(groupDeleted(run(deleted(1), observe(1, held(null, null))), attempt(1), reading(1)).outcome).toBe("pass");
  });

  it("fails a refused deletion, and one after which an offset remains", () => {
    expect(groupDeleted(run(refused(1, "GROUP_NOT_EMPTY"), observe(1, held(null, null))), attempt(1), reading(1))).toMatchObject({
      outcome: "fail",
      detail: expect.stringContaining("GROUP_NOT_EMPTY"),
    });
    expect(groupDeleted(run(deleted(1), observe(1, held(null, null, 3))), attempt(1), reading(1)).outcome).toBe("fail");
  });

  it("fails a reading taken before the deletion", () => {
    expect(groupDeleted(run(observe(1, held(null, null)), deleted(1)), attempt(1), reading(1)).outcome).toBe("fail");
  });
});
