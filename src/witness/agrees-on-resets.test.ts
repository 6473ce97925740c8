import { describe, expect, it } from "vitest";
import type { ScenarioEvidence, TimelineEvent } from "../evidence/proof-result.js";
import { agreesOnResets } from "./agrees-on-resets.js";

const offsets = [
  { partition: 0, offset: 6 },
  { partition: 1, offset: 6 },
];
const withTimeline = (...timeline: TimelineEvent[]): ScenarioEvidence => ({ topics: [], produced: [], groups: [], consumers: [], timeline });
const reset = (kafkaTool: unknown, fields: Record<string, unknown> = {}): TimelineEvent => ({
  at: 1,
  event: "reset",
  actor: "admin",
  summary: "",
  attempt: 1,
  group: "A",
  offsets,
  kafkaTool,
  ...fields,
});

describe("agreesOnResets", () => {
  it("says nothing about evidence whose resets the tool was not asked about", () => {
    expect(agreesOnResets(withTimeline({ at: 1, event: "reset", actor: "admin", summary: "", attempt: 1, group: "A", offsets }))).toBeUndefined();
  });

  it("agrees when the tool's dry run named the same partitions and offsets, in any order", () => {
    const said = agreesOnResets(withTimeline(reset({ rows: [...offsets].reverse(), problems: [], transcript: "" })));
    expect(said).toMatchObject({ state: "agreed", detail: expect.stringContaining("reset #1 of group A p0=6, p1=6") });
  });

  it("disagrees on another offset, a missing partition, or no rows at all", () => {
    for (const rows of [
      [
        { partition: 0, offset: 6 },
        { partition: 1, offset: 5 },
      ],
      [{ partition: 0, offset: 6 }],
      [],
    ]) {
      expect(agreesOnResets(withTimeline(reset({ rows, problems: ["Error: something"], transcript: "" })))?.state).toBe("disagreed");
    }
  });

  it("a dry run of a live group agrees only with a tool that computed nothing", () => {
    const live = { event: "observe", dryRun: true, live: { state: "Stable", members: 1 }, offsets: undefined };
    expect(agreesOnResets(withTimeline(reset({ rows: [], problems: ["Error: inactive"], transcript: "" }, live)))?.state).toBe("agreed");
    expect(agreesOnResets(withTimeline(reset({ rows: offsets, problems: [], transcript: "" }, live)))?.state).toBe("disagreed");
  });

  it("is not run when the tool could not be asked, and a disagreement elsewhere still wins", () => {
    expect(agreesOnResets(withTimeline(reset({ notRun: "no jars" })))?.state).toBe("not-run");
    const mixed = withTimeline(reset({ notRun: "no jars" }), reset({ rows: [], problems: [], transcript: "" }, { attempt: 2 }));
    expect(agreesOnResets(mixed)?.state).toBe("disagreed");
  });

  it("does not compare refused resets", () => {
    expect(agreesOnResets(withTimeline(reset({ rows: [], problems: [], transcript: "" }, { event: "refused" })))).toBeUndefined();
  });
});
