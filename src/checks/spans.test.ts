import { describe, expect, test } from "vitest";
import { formatSpan, missing, overlap, size, union } from "./spans.js";

describe("spans", () => {
  test("union joins touching and overlapping spans, in order", () => {
    expect(
      union([
        { first: 5, last: 9 },
        { first: 0, last: 4 },
        { first: 8, last: 12 },
        { first: 20, last: 20 },
      ]),
    ).toEqual([
      { first: 0, last: 12 },
      { first: 20, last: 20 },
    ]);
  });

  test("missing names every hole, at the start, between, and up to the end", () => {
    expect(
      missing(
        union([
          { first: 2, last: 3 },
          { first: 6, last: 6 },
        ]),
        0,
        10,
      ),
    ).toEqual([
      { first: 0, last: 1 },
      { first: 4, last: 5 },
      { first: 7, last: 9 },
    ]);
    expect(missing([{ first: 0, last: 99 }], 0, 100)).toEqual([]);
    expect(missing([], 0, 0)).toEqual([]);
  });

  test("overlap, size and format", () => {
    expect(overlap({ first: 0, last: 10 }, { first: 5, last: 20 })).toEqual({ first: 5, last: 10 });
    expect(overlap({ first: 0, last: 4 }, { first: 5, last: 20 })).toBeUndefined();
    expect(
      size([
        { first: 0, last: 9 },
        { first: 20, last: 20 },
      ]),
    ).toBe(11);
    expect(formatSpan({ first: 5000, last: 5999 })).toBe("5000–5999 (1000)");
    expect(formatSpan({ first: 7, last: 7 })).toBe("7 (1)");
  });
});
