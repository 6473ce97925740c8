import { describe, expect, it } from "vitest";
import { jsonObjects, parseShareStateLog } from "./share-state-log.js";

/** As Kafka 4.4.0's ShareGroupStateMessageFormatter prints them: objects back to back, then the tool's own log line. */
const PRINTED =
  '{"key":{"type":0,"data":{"groupId":"S-1","topicId":"S4VY","partition":1}},"value":{"version":0,"data":{"snapshotEpoch":0,"stateEpoch":2,"leaderEpoch":0,"startOffset":-1,"createTimestamp":1796572558875,"writeTimestamp":1796572558875,"stateBatches":[]}}}' +
  '{"key":{"type":1,"data":{"groupId":"S-1","topicId":"S4VY","partition":1}},"value":{"version":0,"data":{"snapshotEpoch":0,"leaderEpoch":0,"startOffset":0,"deliveryCompleteCount":111,"stateBatches":[{"firstOffset":0,"lastOffset":24,"deliveryState":2,"deliveryCount":1},{"firstOffset":25,"lastOffset":25,"deliveryState":0,"deliveryCount":1}]}}}' +
  '{"key":{"type":0,"data":{"groupId":"S-1","topicId":"S4VY","partition":2}},"value":null}' +
  "2026-12-06T15:57:07.019Z main ERROR Error processing message {not json}: \n";

describe("Kafka's share coordinator log, as its formatter prints it", () => {
  it("splits objects printed back to back, braces inside strings included, and skips text between them", () => {
    expect(jsonObjects('x {"a":"}{"} y{"b":{"c":1}}{oops}')).toEqual([{ a: "}{" }, { b: { c: 1 } }]);
  });

  it("reads snapshots and updates, with their start, their batches and, for a snapshot, its epochs and time; tombstones left out", () => {
    expect(parseShareStateLog(PRINTED)).toEqual([
      { group: "S-1", topicId: "S4VY", partition: 1, kind: "snapshot", startOffset: -1, batches: 0, stateEpoch: 2, snapshotEpoch: 0, writtenAt: 1796572558875 },
      { group: "S-1", topicId: "S4VY", partition: 1, kind: "update", startOffset: 0, batches: 2 },
    ]);
  });
});
