import { describe, expect, it } from "vitest";
import { assertProved, ClaimViolation } from "./claim-violation.js";
import type { Check, ProofResult } from "./proof-result.js";

const ok: Check = { name: "B unchanged", ok: true, detail: "expected p0=3; the broker reported p0=3" };
const broken: Check = { name: "B unchanged", ok: false, detail: "expected p0=3; the broker reported p0=5" };

function result(fields: { checks?: Check[]; differs?: boolean; error?: string; controlError?: string }): ProofResult {
  const evidence = { topics: [], produced: [], groups: [], timeline: [] };
  const passing = (fields.checks ?? [ok]).every((c) => c.ok) && (fields.differs ?? true) && !fields.error;
  return {
    id: "ack-isolation",
    title: "t",
    claim: "c",
    verdict: passing ? "pass" : "fail",
    kafka: { version: "4.3.1", mode: "native" },
    client: { name: "kafkajs", version: "2.2.4" },
    node: "v20",
    startedAt: "",
    durationMs: 1,
    checks: fields.checks ?? [ok],
    ...evidence,
    ...(fields.error ? { error: fields.error } : {}),
    control: {
      precondition: "B is given A's group id",
      checks: [broken],
      differs: fields.differs ?? true,
      ...evidence,
      ...(fields.controlError ? { error: fields.controlError } : {}),
    },
  };
}

describe("assertProved", () => {
  it("accepts a proof whose checks pass and whose control differs", () => {
    expect(() => assertProved(result({}))).not.toThrow();
  });

  it("rejects a failed check with 'expected …; the broker reported …'", () => {
    expect(() => assertProved(result({ checks: [broken] }))).toThrowError(ClaimViolation);
    expect(() => assertProved(result({ checks: [broken] }))).toThrowError("✗ B unchanged: expected p0=3; the broker reported p0=5");
  });

  it("rejects a proof whose control passed too: it could not have failed", () => {
    expect(() => assertProved(result({ differs: false }))).toThrowError(/control comes out differently.*every check passed on it too/);
  });

  it("rejects a scenario that broke off", () => {
    expect(() => assertProved(result({ error: "Timed out after 10000 ms waiting for A" }))).toThrowError(/scenario ran to the end: Timed out/);
  });
});
