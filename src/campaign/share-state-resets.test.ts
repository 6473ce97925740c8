import { describe, expect, it } from "vitest";
import type { ShareStateRecord } from "../witness/share-state-log.js";
import { shareStateResets } from "./share-state-resets.js";

const snapshot = (partition: number, startOffset: number, batches: number, writtenAt: number, group = "S"): ShareStateRecord => ({
  group,
  topicId: "T",
  partition,
  kind: "snapshot",
  startOffset,
  batches,
  stateEpoch: 2,
  snapshotEpoch: 0,
  writtenAt,
});
const update = (partition: number, startOffset: number, group = "S"): ShareStateRecord => ({ group, topicId: "T", partition, kind: "update", startOffset, batches: 1 });

describe("shareStateResets", () => {
  it("finds nothing in a state that only moves on: its initialization, updates, a periodic snapshot with nothing in flight", () => {
    expect(shareStateResets([snapshot(0, -1, 0, 1), update(0, 0), update(0, 70), snapshot(0, 145, 0, 9), update(0, 150)], "S")).toEqual([]);
  });

  it("finds nothing in an initialization written twice before the state moved (the retry came first)", () => {
    expect(shareStateResets([snapshot(1, -1, 0, 1), snapshot(1, -1, 0, 7), update(1, 0), update(1, 70)], "S")).toEqual([]);
  });

  it("finds a snapshot that starts the state over below where acknowledgements had moved it, with where it had reached", () => {
    const log = [snapshot(0, -1, 0, 1), update(0, 0), update(0, 145), snapshot(0, -1, 0, 12), update(0, 0), update(0, 150)];
    expect(shareStateResets(log, "S")).toEqual([{ partition: 0, writtenAt: 12, stateEpoch: 2, startOffset: -1, reached: 145, sameEpoch: true }]);
  });

  it("finds one at a new state epoch starting at 0, and keeps partitions and groups apart", () => {
    const log = [
      snapshot(0, -1, 0, 1),
      update(0, 40),
      snapshot(2, -1, 0, 1),
      update(2, 90, "other"),
      { ...snapshot(2, 0, 0, 30), stateEpoch: 3 },
      { ...snapshot(0, 0, 0, 30), stateEpoch: 3 },
    ];
    expect(shareStateResets(log, "S")).toEqual([{ partition: 0, writtenAt: 30, stateEpoch: 3, startOffset: 0, reached: 40, sameEpoch: false }]);
  });

  it("does not take a snapshot with records in flight for a reset, nor an update that arrived out of order", () => {
    expect(shareStateResets([snapshot(0, -1, 0, 1), update(0, 145), snapshot(0, 100, 3, 5), update(0, 120), update(0, 150)], "S")).toEqual([]);
  });
});
