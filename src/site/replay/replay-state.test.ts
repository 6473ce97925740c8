import { describe, expect, test } from "vitest";
import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { recordedRuns } from "../fixtures/recorded-runs.js";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { at } from "../fixtures/timeline-events.js";
import { offsetRows } from "../render/offset-table.js";
import { replayScript } from "./replay-script.js";
import { deliveredCount, replayStates, type ReplayState } from "./replay-state.js";

const last = (states: ReplayState[]) => states.at(-1)!;

describe("replaying a recorded run ends where the broker's final report does", () => {
  test.each(recordedRuns())("%s: the last step's committed offsets are the broker's, row for row", (_, run) => {
    const script = replayScript(run, { perMessage: true });
    const final = last(replayStates(script));
    expect(final.rows.map((r) => r.committed)).toEqual(offsetRows(run).map((r) => r.currentOffset));
  });

  test.each(recordedRuns())("%s: with steps merged to a few, the last step is the same", (_, run) => {
    const whole = last(replayStates(replayScript(run, { perMessage: true })));
    const merged = replayScript(run, { perMessage: true, maxSteps: 7 });
    expect(merged.steps.length).toBeLessThanOrEqual(7);
    expect(last(replayStates(merged)).rows).toEqual(whole.rows);
  });

  test.each(recordedRuns())("%s: the log ends are the broker's, and every delivery the groups recorded is counted", (_, run) => {
    const script = replayScript(run, { perMessage: true });
    const final = last(replayStates(script));
    expect(script.logEndsKnown).toBe(true);
    expect(final.rows.map((r) => r.logEnd ?? 0)).toEqual(offsetRows(run).map((r) => r.logEndOffset));
    const distinct = (label: string) => new Set(run.groups.find((g) => g.label === label)!.received.map((m) => `${m.topic}/${m.partition}@${m.offset}`)).size;
    const byGroup = (label: string) => final.rows.filter((_, i) => script.rows[i]!.group === label).reduce((sum, r) => sum + deliveredCount(r), 0);
    for (const g of run.groups) expect(byGroup(g.label), `group ${g.label}`).toBe(distinct(g.label));
  });
});

describe("replayStates on a hand-made run", () => {
  const run = (): ScenarioEvidence => {
    const evidence = scenarioFixture();
    evidence.timeline = [
      { at: 1, event: "produce", actor: "producer", summary: "produced to t/0@0", topic: "t", partition: 0, offset: 0 },
      at.join(2, "A1", [0, 1]),
      at.commit(12, "A1", 0, 1),
      at.crash(20, "A1"),
      at.join(30, "A2", [0, 1]),
      at.commit(35, "B", 0, 1, "B"),
      { at: 40, event: "reset", actor: "admin", summary: "admin reset group B", group: "B", topic: "t", offsets: [{ partition: 0, offset: 0 }] },
    ];
    return evidence;
  };

  test("step 0 is before anything happened; each step moves owners, commits, log ends and deliveries", () => {
    const script = replayScript(run(), { perMessage: true });
    const states = replayStates(script);
    expect(states[0]!.rows.every((r) => r.owner === null && r.committed === null && r.delivered.length === 0)).toBe(true);
    const rowOf = (state: ReplayState, group: string, partition: number) =>
      state.rows[script.rows.findIndex((r) => r.group === group && script.partitions[r.p]!.partition === partition)]!;
    const after = (ms: number) => states.filter((s) => s.at <= ms).at(-1)!;
    expect(rowOf(after(2), "A", 0)).toMatchObject({ owner: "A1", dead: false, logEnd: 1 });
    expect(rowOf(after(12), "A", 0)).toMatchObject({ committed: 1, delivered: [[0, 1]] });
    expect(rowOf(after(20), "A", 1)).toMatchObject({ owner: "A1", dead: true });
    expect(rowOf(after(30), "A", 1)).toMatchObject({ owner: "A2", dead: false });
    expect(rowOf(after(39), "B", 0).committed).toBe(1);
    expect(rowOf(after(40), "B", 0).committed).toBe(0);
    // A2 received t/1@1 twice in the fixture: counted once, marked as received again.
    expect(rowOf(last(states), "A", 1)).toMatchObject({ delivered: [[0, 1]], again: [[1, 1]] });
  });

  test("an accepted deletion of a topic's offsets, or of the whole group, leaves its rows with no committed offset", () => {
    const evidence = run();
    evidence.timeline.push(
      { at: 50, event: "reset", actor: "admin", summary: "admin deleted group A's committed offsets on t", group: "A", deletedOffsets: "t" },
      at.commit(55, "B", 1, 1, "B"),
      { at: 60, event: "reset", actor: "admin", summary: "admin deleted group B", group: "B", deletedGroup: true },
    );
    const script = replayScript(evidence, { perMessage: true });
    const states = replayStates(script);
    const committed = (ms: number, group: string) =>
      states
        .filter((s) => s.at <= ms)
        .at(-1)!
        .rows.filter((_, i) => script.rows[i]!.group === group)
        .map((r) => r.committed);
    expect(committed(49, "A")).toEqual([1, null]);
    expect(committed(50, "A")).toEqual([null, null]);
    expect(committed(55, "B")).toEqual([0, 1]);
    expect(committed(60, "B")).toEqual([null, null]);
    // merged into one step, the deletion after the commit still stands
    expect(last(replayStates(replayScript(evidence, { perMessage: true, maxSteps: 1 }))).rows.map((r) => r.committed)).toEqual([null, null, null, null]);
  });

  test("a run of offsets that took time shows its first offset arriving, then the rest", () => {
    const evidence = scenarioFixture();
    evidence.timeline = [];
    evidence.groups = [
      { ...evidence.groups[1]!, received: [], receivedRanges: [{ topic: "t", partition: 0, first: 0, last: 9, memberId: "B-uuid", consumer: "B", firstAt: 5, lastAt: 25 }] },
    ];
    const script = replayScript(evidence, { perMessage: false });
    const states = replayStates(script);
    expect(script.steps.map((s) => s.lines[0])).toEqual(["B began receiving p0 at 0", "B received p0@0–9"]);
    expect(states.map((s) => [deliveredCount(s.rows[0]!), s.rows[0]!.receiving, s.rows[0]!.again])).toEqual([
      [0, [], []],
      [1, ["B"], []],
      [10, [], []],
    ]);
  });

  test("bulk production recorded without its ranges leaves the log ends unknown, and says so", () => {
    const evidence = scenarioFixture();
    evidence.produced = [];
    evidence.timeline = [{ at: 1, event: "produce", actor: "producer", summary: "produced 4 orders", topic: "t", count: 4 }];
    const script = replayScript(evidence, { perMessage: false });
    expect(script.logEndsKnown).toBe(false);
    expect(last(replayStates(script)).rows.map((r) => r.logEnd)).toEqual([null, null, null, null]);
  });

  test("bulk production with its ranges moves each partition's log end", () => {
    const evidence = scenarioFixture();
    evidence.produced = [];
    evidence.timeline = [
      {
        at: 1,
        event: "produce",
        actor: "producer",
        summary: "produced",
        topic: "t",
        count: 7,
        ranges: [
          { topic: "t", partition: 0, first: 0, last: 2 },
          { topic: "t", partition: 1, first: 0, last: 3 },
        ],
      },
    ];
    const script = replayScript(evidence, { perMessage: false });
    expect(script.logEndsKnown).toBe(true);
    expect(last(replayStates(script)).rows.map((r) => r.logEnd)).toEqual([3, 4, 3, 4]);
  });

  test("a batch's messages are the next ones of its topic in the record of what was produced", () => {
    const evidence = scenarioFixture();
    evidence.timeline = [
      { at: 1, event: "produce", actor: "producer", summary: "produced 3 messages", topic: "t", count: 3 },
      { at: 2, event: "produce", actor: "producer", summary: "produced 1 message", topic: "t", count: 1 },
    ];
    const states = replayStates(replayScript(evidence, { perMessage: true }));
    expect(states[1]!.rows.slice(0, 2).map((r) => r.logEnd)).toEqual([2, 1]);
    expect(states[2]!.rows.slice(0, 2).map((r) => r.logEnd)).toEqual([2, 2]);
  });

  test("an empty run replays as no steps, and its one state is empty", () => {
    const script = replayScript({ topics: [], produced: [], groups: [], consumers: [], timeline: [] }, { perMessage: true });
    expect(script.steps).toEqual([]);
    expect(replayStates(script)).toEqual([{ step: 0, at: 0, rows: [] }]);
  });
});
