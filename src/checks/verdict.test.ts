import { describe, expect, it } from "vitest";
import type { Check, ScenarioEvidence, SecondWitness } from "../evidence/proof-result.js";
import type { GroupRef } from "../evidence/refs.js";
import { evidence, group, produced, received, TOPIC } from "./evidence-fixture.js";
import { committedEquals } from "./offsets.js";
import { judgeProof, type ControlToJudge, type RunToJudge } from "./verdict.js";

const agreed: SecondWitness = { state: "agreed", detail: "same offsets" };
const pass = (name: string): Check => ({ name, outcome: "pass", detail: "as expected" });
const fail = (name: string): Check => ({ name, outcome: "fail", detail: "expected 3; the broker reported 5" });
const claim: RunToJudge = { checks: [pass("A committed 5"), pass("B committed 3")], secondWitness: agreed };
const control = (fields: Partial<ControlToJudge>): ControlToJudge => ({
  precondition: "B is given A's group id",
  checks: [pass("A committed 5"), fail("B committed 3")],
  mustBreak: [fail("B committed 3")],
  secondWitness: agreed,
  ...fields,
});

describe("judgeProof", () => {
  it("passes when the claim holds and the control breaks its declared check with its evidence present", () => {
    expect(judgeProof(claim, control({}))).toEqual({ verdict: "pass", reasons: [], broke: ["B committed 3"] });
  });

  it("fails a control identical to the claim: it breaks nothing", () => {
    const verdict = judgeProof(claim, control({ checks: claim.checks, mustBreak: [pass("B committed 3")] }));
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons).toEqual(["the control (B is given A's group id) broke none of the checks it must break: B committed 3 (passed)"]);
  });

  it("fails a control that errors, whatever its checks say", () => {
    const verdict = judgeProof(claim, control({ error: "B to join group timed out", checks: [], mustBreak: [] }));
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons[0]).toContain("the control (B is given A's group id) broke off: B to join group timed out; a control that errors shows nothing");
  });

  it("fails a control whose declared check is only inconclusive (about a group it never made)", () => {
    const absent: Check = { name: "B committed 3", outcome: "inconclusive", detail: "cannot be judged: the evidence has no group B" };
    const verdict = judgeProof(claim, control({ checks: [pass("A committed 5"), absent], mustBreak: [absent] }));
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons[0]).toContain("B committed 3 (inconclusive: cannot be judged: the evidence has no group B)");
  });

  it("fails a control that breaks only some of what it declares, naming each check it left unbroken and why", () => {
    const absent: Check = { name: "B resumed at 3", outcome: "inconclusive", detail: "cannot be judged: the evidence has no consumer B" };
    const mustBreak = [fail("B committed 3"), pass("B untouched by A"), absent];
    const verdict = judgeProof(claim, control({ checks: [pass("A committed 5"), ...mustBreak], mustBreak }));
    expect(verdict.verdict).toBe("fail");
    expect(verdict.broke).toEqual(["B committed 3"]);
    expect(verdict.reasons).toEqual([
      "the control (B is given A's group id) broke 1 of the 3 checks it declares it must break; left unbroken: B untouched by A (passed); " +
        "B resumed at 3 (inconclusive: cannot be judged: the evidence has no consumer B)",
    ]);
  });

  it("passes only when every declared check broke: broke then equals what was declared", () => {
    const mustBreak = [fail("B committed 3"), fail("B untouched by A")];
    const verdict = judgeProof(claim, control({ checks: mustBreak, mustBreak }));
    expect(verdict).toEqual({ verdict: "pass", reasons: [], broke: ["B committed 3", "B untouched by A"] });
  });

  it("fails a control that differs only on a check it did not declare", () => {
    const verdict = judgeProof(claim, control({ checks: [fail("A committed 5"), pass("B committed 3")], mustBreak: [pass("B committed 3")] }));
    expect(verdict.verdict).toBe("fail");
    expect(verdict.broke).toEqual([]);
  });

  it("fails a proof that declares nothing for its control to break", () => {
    expect(judgeProof(claim, control({ mustBreak: [] })).reasons).toEqual(["the proof declares no check its control must break"]);
  });

  it("fails a claim with an inconclusive check: a check that could not be judged did not hold", () => {
    const verdict = judgeProof({ ...claim, checks: [{ name: "B resumed at 3", outcome: "inconclusive", detail: "no consumer B" }] }, control({}));
    expect(verdict.reasons).toEqual(["check could not be judged: B resumed at 3 — no consumer B"]);
  });

  it("fails a claim with no checks, or one that broke off", () => {
    expect(judgeProof({ ...claim, checks: [] }, control({})).reasons).toEqual(["the claim has no checks, so nothing was shown"]);
    expect(judgeProof({ ...claim, error: "timed out" }, control({})).reasons[0]).toBe("the claim's scenario broke off: timed out");
  });

  it("fails when Kafka's consumer-groups tool disagrees with either run, and says which", () => {
    const disagreed: SecondWitness = { state: "disagreed", detail: "A p0: expected CURRENT-OFFSET 5; the tool reported 4" };
    expect(judgeProof({ ...claim, secondWitness: disagreed }, control({})).reasons[0]).toMatch(/^Kafka's consumer-groups tool disagreed with the claim's evidence/);
    expect(judgeProof(claim, control({ secondWitness: disagreed })).reasons[0]).toMatch(/^Kafka's consumer-groups tool disagreed with the control's evidence/);
  });

  it("passes without the second witness when it did not run; the result says so elsewhere, never as agreement", () => {
    const notRun: SecondWitness = { state: "not-run", detail: "not run in container mode" };
    expect(judgeProof({ ...claim, secondWitness: notRun }, control({ secondWitness: notRun })).verdict).toBe("pass");
  });
});

describe("judgeProof over evidence: a control that differs only by a missing group proves nothing", () => {
  const ten = produced(...Array.from({ length: 10 }, (_, i) => [0, i] as [number, number]));
  const committed = (offset: number) => [{ topic: TOPIC, partition: 0, offset }];
  const checks = (e: ScenarioEvidence, b: GroupRef) => ({ b: committedEquals(e, b, [{ partition: 0, offset: 3 }]) });
  const claimEvidence = evidence({
    produced: ten,
    groups: [group("A", { committed: committed(5), received: received("A", "a", [0, 0]) }), group("B", { committed: committed(3), received: received("B", "b", [0, 0]) })],
  });
  const claimRun: RunToJudge = { checks: Object.values(checks(claimEvidence, { group: "B" })), secondWitness: agreed };

  it("B put in group A: the check on B's handle reads group A's commit and fails with evidence present → pass", () => {
    const e = evidence({ produced: ten, groups: [group("A", { committed: committed(5), received: received("A", "a", [0, 0]) })] });
    const c = checks(e, { group: "A" });
    expect(judgeProof(claimRun, control({ checks: [c.b], mustBreak: [c.b] })).verdict).toBe("pass");
  });

  it("B's handle names a group the control never made: inconclusive, so the proof fails", () => {
    const e = evidence({ produced: ten, groups: [group("A", { committed: committed(5), received: received("A", "a", [0, 0]) }), group("B")] });
    const c = checks(e, { group: "B" });
    expect(c.b.outcome).toBe("inconclusive");
    expect(judgeProof(claimRun, control({ checks: [c.b], mustBreak: [c.b] })).verdict).toBe("fail");
  });

  it("B moved to a third, unrelated group C: not an inversion; every check holds on it, so the proof fails", () => {
    const e = evidence({
      produced: ten,
      groups: [group("A", { committed: committed(5), received: received("A", "a", [0, 0]) }), group("C", { committed: committed(3), received: received("B", "b", [0, 0]) })],
    });
    const c = checks(e, { group: "C" });
    expect(judgeProof(claimRun, control({ checks: [c.b], mustBreak: [c.b] })).verdict).toBe("fail");
  });
});
