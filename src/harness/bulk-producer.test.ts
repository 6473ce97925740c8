import { describe, expect, test } from "vitest";
import { joinAdjacent } from "./bulk-producer.js";

const r = (partition: number, first: number, last: number) => ({ topic: "t", partition, first, last });

describe("joinAdjacent", () => {
  test("joins acknowledgements that follow one another, whatever order they came back in", () => {
    expect(joinAdjacent([r(0, 100, 199), r(1, 0, 99), r(0, 0, 99), r(0, 200, 249)])).toEqual([r(0, 0, 249), r(1, 0, 99)]);
  });

  test("keeps overlapping and separated ranges apart", () => {
    expect(joinAdjacent([r(0, 0, 99), r(0, 50, 149), r(0, 300, 399)])).toEqual([r(0, 0, 99), r(0, 50, 149), r(0, 300, 399)]);
  });
});
