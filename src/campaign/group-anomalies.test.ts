import { describe, expect, it } from "vitest";
import { groupAnomalies } from "./group-anomalies.js";
import { history } from "./history-fixture.js";
import type { Schedule } from "./schedule.js";

const A = { group: "A", topics: ["t"] };
/** Step 0 kills a broker, step 1 cuts A1 off, step 2 cuts B1 off. */
const SCHEDULE: Schedule = {
  seed: 1,
  duration: 1000,
  steps: [
    { step: 0, at: 0, action: "kill-broker", target: { role: "coordinator-of", group: "A" } },
    { step: 1, at: 0, action: "sever-consumer", consumer: "A1" },
    { step: 2, at: 0, action: "sever-consumer", consumer: "B1" },
    { step: 3, at: 1000, action: "heal" },
  ],
};
const FIVE = [0, 1, 2, 3, 4];
/** Five writes to p0 and the group's opening: A1 and A2 joined. */
const opening = () => history().ack(0, FIVE).member("A", "A1", "join").member("A", "A2", "join");
const found = (w: ReturnType<typeof history>) => groupAnomalies(w.log(0, 5).committed("A", 0, 5).columns, A, SCHEDULE).anomalies.map((a) => [a.kind, a.partition, a.offset, a.op]);

describe("groupAnomalies", () => {
  it("holds for a group that read everything once and committed the end", () => {
    const w = opening().read("A", "A1", 0, FIVE).commit("A", "A1", 0, 5);
    const v = groupAnomalies(w.log(0, 5).committed("A", 0, 5).columns, A, SCHEDULE);
    expect(v).toMatchObject({ valid: true, checked: 5, anomalies: [] });
  });

  it("finds a lost write between received offsets, at its acknowledgement", () => {
    const w = opening().read("A", "A1", 0, [0, 1, 3, 4]);
    expect(found(w)).toEqual([
      ["lost", 0, 2, 2],
      ["skip", 0, 3, 9],
    ]);
  });

  it("finds offsets lost before the first the group received", () => {
    const w = opening().read("A", "A1", 0, [3, 4]);
    expect(found(w)).toEqual([["lost", 0, 0, 0]]);
  });

  it("finds a duplicate while membership was stable, at the second delivery", () => {
    const w = opening().read("A", "A1", 0, [0, 1, 2]).read("A", "A2", 0, [2, 3, 4]);
    expect(found(w)).toEqual([["duplicate", 0, 2, 10]]);
  });

  it("excuses a duplicate across a member's crash, a broker fault, or a fault on one of its consumers; not across another group's, or a step not applied", () => {
    const across = (between: (w: ReturnType<typeof history>) => unknown) => {
      const w = opening().read("A", "A1", 0, [0, 1, 2]);
      between(w);
      return found(w.read("A", "A2", 0, [2, 3, 4]));
    };
    expect(across((w) => w.member("A", "A1", "crash"))).toEqual([]);
    expect(across((w) => w.fault(0, 2))).toEqual([]);
    expect(across((w) => w.fault(1))).toEqual([]);
    expect(across((w) => w.fault(2))).toEqual([["duplicate", 0, 2, 11]]);
    expect(across((w) => w.fault(0, undefined, false))).toEqual([["duplicate", 0, 2, 11]]);
    expect(across((w) => w.member("B", "B1", "crash"))).toEqual([["duplicate", 0, 2, 11]]);
  });

  it("finds a consumer skipping ahead while membership was stable, at the delivery after the gap", () => {
    const w = opening().read("A", "A1", 0, [0, 1, 3, 4]).read("A", "A2", 0, [2]);
    expect(found(w)).toEqual([["skip", 0, 3, 9]]);
  });

  it("finds a consumer stepping backwards while membership was stable", () => {
    const w = opening().read("A", "A1", 0, [0, 1, 2, 1, 2, 3, 4]);
    expect(found(w)).toEqual([
      ["duplicate", 0, 1, 10],
      ["backwards", 0, 1, 10],
    ]);
  });

  it("finds a commit ahead of what the group had received, during the run and in the offsets the broker holds at the end", () => {
    const w = opening().read("A", "A1", 0, [0, 1]).commit("A", "A1", 0, 4).commit("A", "A1", 0, 2, false).read("A", "A1", 0, [2, 3]);
    const v = groupAnomalies(w.log(0, 5).committed("A", 0, 5).columns, A, SCHEDULE);
    expect(v.anomalies.map((a) => [a.kind, a.offset, a.op, a.detail])).toEqual([
      ["commit-ahead", 5, 14, "p0 committed at 5, but the group received only up to 3"],
      ["lost", 4, 4, "expected every offset below the broker's log-end offsets; p0 never received 4 (1)"],
      ["commit-ahead", 4, 9, "A1 committed t/0 at 4 when the group had received only up to 1"],
    ]);
  });
});

describe("groupAnomalies across a zombie: a member reading on with its old assignment", () => {
  /** A2 owns p0 and reads 0–4 in two runs; A1 reads 2–4 in between: cut off first (step 1) or not, joining again after or not. */
  const zombie = (cut: boolean, rejoins: boolean) => {
    const w = opening().read("A", "A2", 0, [0, 1]);
    if (cut) w.fault(1);
    w.read("A", "A1", 0, [2, 3, 4]).read("A", "A2", 0, [2, 3, 4]).commit("A", "A2", 0, 5);
    return rejoins ? w.member("A", "A1", "join") : w;
  };

  it("allows the duplicates of what a member received between its fault and its next join", () => {
    expect(found(zombie(true, true))).toEqual([]);
  });

  it("allows those of a member that had not yet joined the generation another member's join began", () => {
    expect(found(zombie(false, true))).toEqual([]);
  });

  it("finds them when no fault came and the member never joined again: it was no zombie", () => {
    expect(found(zombie(false, false)).map(([kind, , offset]) => [kind, offset])).toEqual([["duplicate", 2]]);
  });
});

describe("groupAnomalies across a fenced member (consumer protocol): one that reads on after its partitions were given away", () => {
  /** A1 owns p0 and reads 0–1; A2 is assigned p0 and reads 2–4; A1, not knowing, reads 2–4 too; then A1 learns what `after` says. */
  const fenced = (after: "lost" | "assigned" | undefined) => {
    const w = opening().member("A", "A1", "assigned").read("A", "A1", 0, [0, 1]).member("A", "A2", "assigned");
    w.read("A", "A1", 0, [2, 3]).read("A", "A2", 0, [2, 3, 4]).commit("A", "A2", 0, 5);
    return after ? w.member("A", "A1", after) : w;
  };

  it("allows the duplicates of what it read since its last assignment, once its client reports those partitions lost", () => {
    expect(found(fenced("lost"))).toEqual([]);
  });

  it("finds them when it never reports them lost (a broker giving one partition to two members), or reports only a new assignment", () => {
    expect(found(fenced(undefined)).map(([kind, , offset]) => [kind, offset])).toEqual([["duplicate", 2]]);
    expect(found(fenced("assigned")).map(([kind, , offset]) => [kind, offset])).toEqual([["duplicate", 2]]);
  });
});
