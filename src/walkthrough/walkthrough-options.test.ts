import { describe, expect, test } from "vitest";
import { ConfigError } from "../errors.js";
import { parseWalkthroughArgs } from "./walkthrough-options.js";

describe("parseWalkthroughArgs", () => {
  test("one partition unless asked, like the original demo", () => {
    expect(parseWalkthroughArgs([])).toEqual({ partitions: 1, help: false });
    expect(parseWalkthroughArgs(["--partitions", "3"])).toEqual({ partitions: 3, help: false });
    expect(parseWalkthroughArgs(["--partitions=2", "-h"])).toEqual({ partitions: 2, help: true });
  });

  test.each([["--partitions", "0"], ["--partitions", "two"], ["--partitions", "101"], ["--frobnicate"], ["positional"]])("refuses %j with a ConfigError", (...args) => {
    expect(() => parseWalkthroughArgs(args)).toThrow(ConfigError);
  });
});
