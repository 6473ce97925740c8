import { describe, expect, test } from "vitest";
import { knownGroup, parseProduceBody, parseResetTarget, RequestError, wholeNumber } from "./request-input.js";

function refusal(run: () => unknown): { status: number; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestError) return { status: error.status, message: error.message };
    throw error;
  }
  return undefined;
}

describe("knownGroup", () => {
  test("any case of a known label; 404 naming the labels otherwise", () => {
    expect(knownGroup("a", ["A", "B"])).toBe("A");
    expect(refusal(() => knownGroup("C", ["A", "B"]))).toEqual({ status: 404, message: 'there is no consumer "C": the consumers are A, B' });
  });
});

describe("wholeNumber", () => {
  const params = (query: string) => new URLSearchParams(query);
  test("a whole number, or undefined when optional and absent", () => {
    expect(wholeNumber(params("message_offset=4"), "message_offset", "message_offset=4", true)).toBe(4);
    expect(wholeNumber(params(""), "partition", "partition=0", false)).toBeUndefined();
  });
  test("missing, negative, fractional or words: 400 with the parameter's name", () => {
    expect(refusal(() => wholeNumber(params(""), "message_offset", "message_offset=4", true))?.status).toBe(400);
    for (const bad of ["-1", "1.5", "four", "1e3", "99999999999999999"]) {
      expect(refusal(() => wholeNumber(params(`message_offset=${bad}`), "message_offset", "message_offset=4", true))).toEqual({
        status: 400,
        message: `message_offset "${bad}" is not a number: give a whole number from 0 up, e.g. message_offset=4`,
      });
    }
  });
});

describe("parseProduceBody", () => {
  test("content and key, key optional, partition optional and within the topic", () => {
    expect(parseProduceBody('{"content":"Hello Kafka!","key":"test-1"}', 3)).toEqual({ content: "Hello Kafka!", key: "test-1" });
    expect(parseProduceBody('{"content":"x"}', 3)).toEqual({ content: "x", key: null });
    expect(parseProduceBody('{"content":"x","key":null,"partition":2}', 3)).toEqual({ content: "x", key: null, partition: 2 });
  });
  test("each problem named, with its status", () => {
    expect(refusal(() => parseProduceBody("", 3))?.status).toBe(400);
    expect(refusal(() => parseProduceBody("[1]", 3))).toEqual({ status: 422, message: 'the body is JSON but not an object: send {"content": "...", "key": "..."}' });
    expect(refusal(() => parseProduceBody("{}", 3))?.message).toBe('content is missing: send {"content": "...", "key": "..."}');
    expect(refusal(() => parseProduceBody('{"content":null}', 3))?.message).toBe("content must be a string, not null");
    expect(refusal(() => parseProduceBody('{"content":"x","key":7}', 3))?.message).toBe("key must be a string or null, not a number");
    expect(refusal(() => parseProduceBody('{"content":"x","partition":-1}', 3))?.message).toBe(
      "partition must be a whole number from 0 to 2, or left out to partition by key; got -1",
    );
  });
});

describe("parseResetTarget", () => {
  test("earliest by default, latest, or an offset; anything else is 400", () => {
    expect(parseResetTarget(new URLSearchParams(""))).toEqual({ to: "earliest" });
    expect(parseResetTarget(new URLSearchParams("to=latest"))).toEqual({ to: "latest" });
    expect(parseResetTarget(new URLSearchParams("to=3"))).toEqual({ to: "offset", position: { offset: 3 } });
    expect(refusal(() => parseResetTarget(new URLSearchParams("to=-3")))?.status).toBe(400);
  });
});
