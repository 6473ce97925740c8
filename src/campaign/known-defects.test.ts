import { expect, it } from "vitest";
import { affects } from "./known-defects.js";

it("a known defect affects its last affected release and those before it, not a later one nor a version it cannot read", () => {
  expect(["4.4.0", "4.3.2", "4.1.0", "3.9.2"].map((v) => affects("share-state-reinitialized", v))).toEqual([true, true, true, true]);
  expect(["4.4.1", "4.5.0", "5.0.0", "unknown", ""].map((v) => affects("share-state-reinitialized", v))).toEqual([false, false, false, false, false]);
});
