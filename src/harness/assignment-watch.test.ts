import { expect, test } from "vitest";
import type { AssignmentObservation } from "../evidence/proof-result.js";
import { AssignmentWatch } from "./assignment-watch.js";
import type { BrokerWitness, DescribedGroup } from "./broker-witness.js";
import { Timeline } from "./timeline.js";

const owns = (...partitions: number[]) => partitions.map((partition) => ({ topic: "t", partition }));

/** A witness that gives these answers in turn, then the last one again, failing once; a group of another id does not exist. */
function answering(answers: DescribedGroup[]): BrokerWitness {
  let asked = 0;
  let failed = false;
  const describeGroupInDetail = async (groupId: string): Promise<DescribedGroup> => {
    if (groupId !== "g-A") return { state: "Dead", protocol: "classic", members: [] };
    // One question fails on the way: a sample not taken.
    if (asked === 1 && !failed) {
      failed = true;
      throw new Error("the coordinator moved");
    }
    return answers[Math.min(asked++, answers.length - 1)]!;
  };
  // Only the one question the watch asks.
  return { describeGroupInDetail } as unknown as BrokerWitness;
}

test("records each change of a group's description once, counting the answers that repeated it", async () => {
  const pair: DescribedGroup = {
    state: "Stable",
    protocol: "consumer",
    assignor: "uniform",
    groupEpoch: 3,
    assignmentEpoch: 3,
    members: [
      { memberId: "a1", clientId: "A1", assignment: owns(0, 1), memberEpoch: 3, targetAssignment: owns(0, 1) },
      { memberId: "a2", clientId: "A2", assignment: owns(2, 3), memberEpoch: 3, targetAssignment: owns(2) },
    ],
  };
  const timeline = new Timeline();
  const watch = new AssignmentWatch(
    answering([pair, pair, pair, { ...pair, state: "Reconciling" }]),
    () => [
      ["A", "g-A"],
      ["B", "g-B"],
    ],
    timeline,
    1,
  );
  await watch.nextRound();
  for (let round = 0; round < 4; round++) await watch.nextRound();
  await watch.stop();
  await watch.nextRound();
  const events = timeline.events as AssignmentObservation[];
  expect(events.map((e) => [e.event, e.group, e.state, e.samples])).toEqual([
    ["assignment", "A", "Stable", 3],
    ["assignment", "A", "Reconciling", expect.any(Number)],
  ]);
  expect(events[0]).toMatchObject({ protocol: "consumer", assignor: "uniform", groupEpoch: 3, assignmentEpoch: 3 });
  expect(events[0]!.members[1]).toEqual({ consumer: "A2", memberId: "a2", owns: owns(2, 3), memberEpoch: 3, target: owns(2) });
  expect(events[0]!.lastAt).toBeGreaterThanOrEqual(events[0]!.at);
  expect(events[0]!.summary).toMatch(
    /^broker: group A is Stable \(epoch 3\): A1 at epoch 3 owns p0,p1; A2 at epoch 3 owns p2,p3 \(target p2\) \(the same in 3 answers, to \+\d+ ms\)$/,
  );
});
