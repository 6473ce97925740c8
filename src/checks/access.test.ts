import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import type { ServiceRequest } from "../evidence/refs.js";
import { refusedAs } from "./access.js";
import { evidence } from "./evidence-fixture.js";

const commitToA: ServiceRequest = { request: 2, user: "svc-b", group: "A", action: "commit" };
const event = (fields: Partial<TimelineEvent>): TimelineEvent => ({
  at: 10,
  event: "refused",
  actor: "svc-b",
  summary: "",
  request: 2,
  user: "svc-b",
  group: "A",
  action: "commit",
  ...fields,
});

describe("refusedAs", () => {
  it("passes on the request refused with the expected code, and names who asked what", () => {
    const e = evidence({ timeline: [event({ code: "GROUP_AUTHORIZATION_FAILED", error: "Not authorized to access group" })] });
    expect(refusedAs(e, commitToA, "GROUP_AUTHORIZATION_FAILED")).toMatchObject({
      name: "the broker refused svc-b's commit to group A's offsets with GROUP_AUTHORIZATION_FAILED",
      outcome: "pass",
    });
  });

  it("fails on an accepted request, quoting what was done", () => {
    const e = evidence({ timeline: [event({ event: "commit", summary: "svc-b committed p0=10 for group A" })] });
    expect(refusedAs(e, commitToA, "GROUP_AUTHORIZATION_FAILED")).toMatchObject({
      outcome: "fail",
      detail: "expected GROUP_AUTHORIZATION_FAILED; the broker accepted it: svc-b committed p0=10 for group A",
    });
  });

  it("fails on a refusal with another code (a live member's group, not a missing right)", () => {
    const e = evidence({ timeline: [event({ code: "UNKNOWN_MEMBER_ID", error: "unknown member" })] });
    expect(refusedAs(e, commitToA, "GROUP_AUTHORIZATION_FAILED")).toMatchObject({ outcome: "fail", detail: expect.stringContaining("answered UNKNOWN_MEMBER_ID") });
  });

  it("cannot judge a request the evidence lacks, even with another one refused", () => {
    expect(refusedAs(evidence(), commitToA, "GROUP_AUTHORIZATION_FAILED")).toMatchObject({
      outcome: "inconclusive",
      detail: expect.stringContaining("request #2 (svc-b's commit of group A)"),
    });
    const other = evidence({ timeline: [event({ request: 3, code: "GROUP_AUTHORIZATION_FAILED" })] });
    expect(refusedAs(other, commitToA, "GROUP_AUTHORIZATION_FAILED").outcome).toBe("inconclusive");
  });
});
