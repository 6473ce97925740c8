import { describe, expect, it } from "vitest";
import { formatJson } from "./format-json.js";

describe("formatJson", () => {
  it("keeps short values on one line and breaks long ones", () => {
    const value = {
      id: "x",
      received: [
        { partition: 0, offset: 1 },
        { partition: 0, offset: 2 },
      ],
    };
    expect(formatJson(value, 40)).toBe('{\n  "id": "x",\n  "received": [\n    {"partition":0,"offset":1},\n    {"partition":0,"offset":2}\n  ]\n}');
  });

  it("round-trips to the same data", () => {
    const value = { a: [1, { b: null, c: "d" }], e: { f: [true, false] }, g: undefined };
    expect(JSON.parse(formatJson(value, 10))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
