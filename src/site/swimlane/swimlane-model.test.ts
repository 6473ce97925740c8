import { describe, expect, test } from "vitest";
import { proofResultFixture, scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { ownershipChanges } from "./ownership-changes.js";
import { hasSeveralMembers, runEnd, runSwimlanes, swimlane } from "./swimlane-model.js";
import { at } from "../fixtures/timeline-events.js";

const P = [0, 1].map((partition) => ({ topic: "t", partition }));
const input = { group: "A", partitions: P, members: ["A1", "A2"], end: 100 };
const lanesOf = (timeline: Parameters<typeof swimlane>[0], members = ["A1", "A2"]) => swimlane(timeline, { ...input, members }).lanes.map((l) => l.segments);

describe("swimlane", () => {
  test("a rebalance hands a partition from one member to the next; ownership nobody gave up lasts until the end of the run", () => {
    expect(lanesOf([at.join(10, "A1", [0, 1]), at.join(40, "A1", [0]), at.join(41, "A2", [1])])).toEqual([
      [{ member: "A1", from: 10, to: 100, dead: false }],
      [
        { member: "A1", from: 10, to: 40, dead: false },
        { member: "A2", from: 41, to: 100, dead: false },
      ],
    ]);
  });

  test("a member told of its new assignment after another took its partition gives it up at the take-over", () => {
    expect(lanesOf([at.join(10, "A1", [0, 1]), at.join(40, "A2", [1]), at.join(42, "A1", [0])])[1]).toEqual([
      { member: "A1", from: 10, to: 40, dead: false },
      { member: "A2", from: 40, to: 100, dead: false },
    ]);
  });

  test("a crashed member stays the owner, dead, until another member is handed its partitions", () => {
    const lane = lanesOf([at.join(10, "A1", [0, 1]), at.crash(30, "A1"), at.join(70, "A2", [0])]);
    expect(lane[0]).toEqual([
      { member: "A1", from: 10, to: 30, dead: false },
      { member: "A1", from: 30, to: 70, dead: true },
      { member: "A2", from: 70, to: 100, dead: false },
    ]);
    expect(lane[1]).toEqual([
      { member: "A1", from: 10, to: 30, dead: false },
      { member: "A1", from: 30, to: 100, dead: true },
    ]);
  });

  test("a member that leaves gives its partitions up: nobody owns them until the next assignment", () => {
    expect(lanesOf([at.join(10, "A1", [0]), at.leave(50, "A1"), at.join(60, "A2", [0])])[0]).toEqual([
      { member: "A1", from: 10, to: 50, dead: false },
      { member: "A2", from: 60, to: 100, dead: false },
    ]);
  });

  test("a member that was never assigned a partition is listed as owning nothing, and draws no segment", () => {
    const lane = swimlane([at.join(10, "A1", [0, 1]), at.join(20, "A3", [])], { ...input, members: ["A1", "A3"] });
    expect(lane.members).toEqual([
      { name: "A1", owned: true },
      { name: "A3", owned: false },
    ]);
    expect(lane.lanes.flatMap((l) => l.segments).map((s) => s.member)).toEqual(["A1", "A1"]);
    expect(lane.marks).toEqual([
      { at: 10, member: "A1", kind: "join" },
      { at: 20, member: "A3", kind: "join" },
    ]);
  });

  test("an empty timeline gives every partition an empty lane", () => {
    const lane = swimlane([], input);
    expect(lane.lanes).toEqual(P.map((p) => ({ ...p, segments: [], commits: [] })));
    expect(lane.marks).toEqual([]);
    expect(lane.members).toEqual([
      { name: "A1", owned: false },
      { name: "A2", owned: false },
    ]);
  });

  test("commits land on their partition's lane; other groups' events are not this group's", () => {
    const lane = swimlane([at.join(10, "A1", [0, 1]), at.commit(20, "A1", 1, 5), at.commit(25, "B", 0, 3, "B"), at.join(12, "B", [0], "B")], input);
    expect(lane.lanes.map((l) => l.commits)).toEqual([[], [{ at: 20, member: "A1", offset: 5 }]]);
    expect(lane.members.map((m) => m.name)).toEqual(["A1", "A2"]);
  });

  test("arrivals, leaves and crashes are marked once each; a reassignment is no arrival", () => {
    const lane = swimlane([at.join(10, "A1", [0, 1]), at.join(20, "A1", [0]), at.join(20, "A2", [1]), at.leave(30, "A2"), at.join(40, "A2", [1]), at.crash(50, "A1")], input);
    expect(lane.marks.map((m) => `${m.member} ${m.kind} ${m.at}`)).toEqual(["A1 join 10", "A2 join 20", "A2 leave 30", "A2 join 40", "A1 crash 50"]);
  });

  test("a join without an assignment is refused, naming the event", () => {
    expect(() => ownershipChanges([{ at: 5, event: "join", actor: "A1", summary: "", group: "A" }], "A")).toThrow(/"join" event of A1 at \+5 ms has no assignment/);
  });
});

describe("runSwimlanes", () => {
  test("a lane per partition for each group with a member, members in the run's order", () => {
    const evidence = scenarioFixture();
    evidence.timeline.push(at.join(5, "A1", [0]), at.join(6, "A2", [1]), at.join(7, "B", [0, 1], "B"));
    const lanes = runSwimlanes(evidence);
    expect(lanes.map((s) => [s.group, s.lanes.length, s.members.map((m) => m.name).join(" ")])).toEqual([
      ["A", 2, "A1 A2"],
      ["B", 2, "B"],
    ]);
    expect(lanes[0]!.end).toBe(50);
  });

  test("runs with one member per group have nothing to draw; a group of two does", () => {
    expect(hasSeveralMembers(scenarioFixture())).toBe(true);
    const single = proofResultFixture();
    single.consumers = single.consumers.filter((c) => c.name !== "A2");
    expect(hasSeveralMembers(single)).toBe(false);
  });

  test("the run ends at its last event, fetch or description", () => {
    expect(runEnd({ ...scenarioFixture(), groups: [], consumers: [] })).toBe(40);
    expect(runEnd({ topics: [], produced: [], groups: [], consumers: [], timeline: [] })).toBe(0);
  });
});
