import { expect, it } from "vitest";
import { apiVersionsRequest, parseApiVersionsResponse } from "./api-versions.js";

/** Builds an answer the way a broker encodes ApiVersions v3: header v0, flexible body, features as tagged fields. */
function answer(correlationId: number, errorCode: number, apis: [key: number, min: number, max: number][], finalized: [name: string, level: number][], extraTag = false): Buffer {
  const int16 = (value: number) => Buffer.from([(value >> 8) & 0xff, value & 0xff]);
  const int32 = (value: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value, 0);
    return b;
  };
  const uvarint = (value: number) => Buffer.from(value < 0x80 ? [value] : [(value & 0x7f) | 0x80, value >> 7]);
  const compactString = (value: string) => Buffer.concat([uvarint(value.length + 1), Buffer.from(value)]);
  const keys = Buffer.concat([uvarint(apis.length + 1), ...apis.map(([key, min, max]) => Buffer.concat([int16(key), int16(min), int16(max), uvarint(0)]))]);
  const features = Buffer.concat([
    uvarint(finalized.length + 1),
    ...finalized.map(([name, level]) => Buffer.concat([compactString(name), int16(level), int16(level === 0 ? 0 : 1), uvarint(0)])),
  ]);
  const epoch = Buffer.alloc(8);
  const tags = [...(extraTag ? [Buffer.concat([uvarint(1), uvarint(8), epoch])] : []), Buffer.concat([uvarint(2), uvarint(features.length), features])];
  return Buffer.concat([int32(correlationId), int16(errorCode), keys, int32(0), uvarint(tags.length), ...tags]);
}

it("reads the request kinds and the finalized features of a broker's answer, skipping tags it does not need", () => {
  const frame = answer(
    7,
    0,
    [
      [18, 0, 4],
      [68, 0, 1],
      [76, 1, 1],
    ],
    [
      ["group.version", 1],
      ["share.version", 2],
      ["streams.version", 0],
    ],
    true,
  );
  expect(parseApiVersionsResponse(frame, 7)).toEqual({
    apis: { 18: { min: 0, max: 4 }, 68: { min: 0, max: 1 }, 76: { min: 1, max: 1 } },
    // A feature finalized at level 0 is not enabled: it is left out.
    finalized: { "group.version": 1, "share.version": 2 },
  });
});

it("refuses an answer to another request, an error code, a broker too old for v3, and a truncated answer", () => {
  expect(() => parseApiVersionsResponse(answer(8, 0, [], []), 7)).toThrow("the answer is for request 8, not 7");
  expect(() => parseApiVersionsResponse(answer(7, 35, [], []), 7)).toThrow("the broker does not take ApiVersions v3 (it is older than Kafka 2.4)");
  expect(() => parseApiVersionsResponse(answer(7, 31, [], []), 7)).toThrow("the broker answered ApiVersions with error code 31");
  const whole = answer(7, 0, [[68, 0, 1]], [["group.version", 1]]);
  expect(() => parseApiVersionsResponse(whole.subarray(0, whole.length - 6), 7)).toThrow(/the answer ends at byte \d+, before a field it announces/);
});

it("frames a v3 request: size, key 18, version 3, the correlation id and the client id", () => {
  const request = apiVersionsRequest(5, "me");
  expect(request.readInt32BE(0)).toBe(request.length - 4);
  expect([request.readInt16BE(4), request.readInt16BE(6), request.readInt32BE(8), request.readInt16BE(12)]).toEqual([18, 3, 5, 2]);
  expect(request.toString("utf8", 14, 16)).toBe("me");
});
