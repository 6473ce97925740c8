import { expect, it } from "vitest";
import { Reader } from "./kafka-wire.js";
import { offsetCommitRequest, parseOffsetCommitResponse } from "./offset-commit.js";

it("frames OffsetCommit v9 with the member's identity and each partition's offset", () => {
  const frame = offsetCommitRequest(7, "c", "g", { memberId: "m-1", generation: 4, groupInstanceId: null }, [
    { topic: "t", partition: 1, offset: 5 },
    { topic: "t", partition: 0, offset: 3 },
  ]);
  const reader = new Reader(frame);
  expect(reader.int32()).toBe(frame.length - 4);
  expect([reader.int16(), reader.int16(), reader.int32()]).toEqual([8, 9, 7]);
  reader.skip(reader.int16()); // client id
  reader.skipTaggedFields();
  expect(reader.compactString()).toBe("g");
  expect(reader.int32()).toBe(4);
  expect(reader.compactString()).toBe("m-1");
  expect(reader.uvarint()).toBe(0); // no instance id
  expect(reader.uvarint() - 1).toBe(1);
  expect(reader.compactString()).toBe("t");
  expect(reader.uvarint() - 1).toBe(2);
  expect([reader.int32(), reader.int64(), reader.int32(), reader.uvarint()]).toEqual([1, 5n, -1, 0]); // no leader epoch, null metadata
  reader.skipTaggedFields();
  expect([reader.int32(), reader.int64()]).toEqual([0, 3n]);
});

it("reads each partition's error code from an OffsetCommit v9 answer", () => {
  const answer = Buffer.from([
    ...[0, 0, 0, 7], // correlation id
    0, // header tags
    ...[0, 0, 0, 0], // throttle
    2, // one topic
    2,
    ...Buffer.from("t"),
    3, // two partitions
    ...[0, 0, 0, 0],
    ...[0, 25],
    0,
    ...[0, 0, 0, 1],
    ...[0, 0],
    0,
    0, // topic tags
    0, // body tags
  ]);
  expect(parseOffsetCommitResponse(answer, 7)).toEqual([
    { topic: "t", partition: 0, errorCode: 25 },
    { topic: "t", partition: 1, errorCode: 0 },
  ]);
  expect(() => parseOffsetCommitResponse(answer, 8)).toThrow(/request 7, not 8/);
});
