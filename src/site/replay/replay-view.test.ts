import { describe, expect, test } from "vitest";
import { proofResultFixture } from "../fixtures/proof-result-fixture.js";
import { scaleRun } from "../fixtures/scale-run.js";
import { offsetRows } from "../render/offset-table.js";
import { decodeReplay, encodeReplay } from "./replay-encoding.js";
import { replayScript } from "./replay-script.js";
import { replayStates } from "./replay-state.js";
import { MAX_STEPS } from "./replay-steps.js";
import { REPLAY_BUDGET, renderReplay, unexplainedCommits } from "./replay-view.js";

const scriptOf = (html: string) => decodeReplay(/script="([^"]*)"/.exec(html)![1]!);

describe("a replay at a million messages", () => {
  test.each([
    ["in a few ranges per consumer, as the harness records them", 1],
    ["in fifty times as many ranges (a run full of repeats and rejoins)", 50],
  ])("%s stays within its budget, and still ends at the broker's final offsets", (_, pieces) => {
    const run = scaleRun(1_000_000, pieces);
    const html = renderReplay(run, { perMessage: false });
    expect(html.length).toBeLessThan((REPLAY_BUDGET * 4) / 3 + 100);
    const script = scriptOf(html);
    expect(script.steps.length).toBeLessThanOrEqual(MAX_STEPS);
    expect(
      replayStates(script)
        .at(-1)!
        .rows.map((r) => r.committed),
    ).toEqual(offsetRows(run).map((r) => r.currentOffset));
  });

  test("a budget too small for even the fewest steps still gives a replay, of those", () => {
    const script = replayScript(scaleRun(1_000_000, 50), { perMessage: false, budget: 10 });
    expect(script.steps.length).toBeLessThanOrEqual(20);
    expect(script.steps.length).toBeGreaterThan(0);
  });
});

test("the script travels as base64 in one attribute: markup in a message value stays data, and comes back whole", () => {
  const run = proofResultFixture();
  run.timeline.push({ at: 41, event: "observe", actor: "broker", summary: "value <img src=x onerror=alert(1)> {{ x }} – naïve" });
  const html = renderReplay(run, { perMessage: true });
  expect(html).toMatch(/^<EvidenceReplay script="[A-Za-z0-9+/=]+" \/>$/);
  expect(scriptOf(html).steps.flatMap((s) => s.lines)).toContain("value <img src=x onerror=alert(1)> {{ x }} – naïve");
  const script = replayScript(run, { perMessage: true });
  expect(decodeReplay(encodeReplay(script))).toEqual(script);
});

test("a commit the timeline never recorded is named: the replay does not pretend to end where the broker was", () => {
  const run = proofResultFixture();
  expect(scriptOf(renderReplay(run, { perMessage: true })).unexplained).toEqual([
    "group A, t p0: the recorded events end at no commit; the broker reported 2",
    "group A, t p1: the recorded events end at no commit; the broker reported 1",
    "group B, t p0: the recorded events end at no commit; the broker reported 1",
  ]);
  run.timeline.push(
    { at: 45, event: "commit", actor: "A1", summary: "", group: "A", topic: "t", partition: 0, offset: 2 },
    { at: 45, event: "commit", actor: "A2", summary: "", group: "A", topic: "t", partition: 1, offset: 1 },
    { at: 46, event: "commit", actor: "B", summary: "", group: "B", topic: "t", partition: 0, offset: 1 },
  );
  expect(unexplainedCommits(run, replayScript(run, { perMessage: true }))).toEqual([]);
  expect(scriptOf(renderReplay(run, { perMessage: true })).unexplained).toBeUndefined();
});
