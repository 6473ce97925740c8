import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { parseClusterCommand, parseKafkaArgs } from "./kafka-args.js";

describe("parseKafkaArgs", () => {
  it("takes --brokers N, in either spelling, and nothing else", () => {
    expect(parseKafkaArgs([])).toEqual({});
    expect(parseKafkaArgs(["--brokers", "3"])).toEqual({ brokers: 3 });
    expect(parseKafkaArgs(["--brokers=1"])).toEqual({ brokers: 1 });
  });

  it("refuses a missing, fractional or out-of-range count, and unknown options, saying what it got", () => {
    for (const args of [["--brokers"], ["--brokers", "three"], ["--brokers", "2.5"], ["--brokers", "0"], ["--brokers=10"]]) {
      expect(() => parseKafkaArgs(args)).toThrow(ConfigError);
    }
    expect(() => parseKafkaArgs(["--brokers", "x"])).toThrow('--brokers needs a number of nodes from 1 to 9; got "x"');
    expect(() => parseKafkaArgs(["--nodes", "3"])).toThrow('npm run kafka does not know "--nodes"');
  });
});

describe("parseClusterCommand", () => {
  it("reads the console's commands", () => {
    expect(parseClusterCommand("  nodes ")).toEqual({ kind: "nodes" });
    expect(parseClusterCommand("kill 2")).toEqual({ kind: "kill", nodeId: 2 });
    expect(parseClusterCommand("coordinator orders-A")).toEqual({ kind: "coordinator", groupId: "orders-A" });
    expect(parseClusterCommand("help")).toEqual({ kind: "help" });
    expect(parseClusterCommand("   ")).toBeUndefined();
  });

  it("refuses anything else in one line", () => {
    expect(() => parseClusterCommand("kill two")).toThrow('"kill two" is not a command here; type help for the list');
    expect(() => parseClusterCommand("coordinator")).toThrow("is not a command here");
  });
});
