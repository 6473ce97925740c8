import { describe, expect, it } from "vitest";
import { descendantsOf, describeCpu, parseStat, processKind, type ProcessReading } from "./cpu-by-kind.js";

describe("processKind", () => {
  it("tells the run's JVMs apart by their main class", () => {
    expect(processKind("/usr/lib/jvm/java-17/bin/java -Xms256m -cp /cache/libs/* kafka.Kafka /tmp/kafka-proofs-x/server.properties")).toBe("broker");
    expect(processKind("java -Xms32m -cp /cache/host:/cache/libs/* ConsumerHost serve")).toBe("consumer host");
    expect(processKind("java -cp /cache/tool.jar:/cache/libs/* GroupToolServer")).toBe("group tool");
    expect(processKind("java -cp /cache/libs/* /src/witness/GroupToolServer.java")).toBe("group tool");
    expect(processKind("java -cp x kafka.tools.StorageTool format")).toBe("other JVM");
  });

  it("does not take a Node.js process that names a class among its arguments for a JVM", () => {
    expect(processKind("/usr/bin/node /work/node_modules/.bin/vitest run -t kafka.Kafka")).toBe("Node.js");
    expect(processKind("bash -c java -cp x kafka.Kafka")).toBe("other");
  });
});

describe("descendantsOf", () => {
  const reading = (pid: number, ppid: number): ProcessReading => ({ pid, ppid, startTicks: 0, cpuTicks: 0, commandLine: "" });

  it("finds children, grandchildren and the root itself, and nothing beside them", () => {
    const table = [reading(1, 0), reading(10, 1), reading(11, 10), reading(12, 11), reading(20, 1), reading(13, 10)];
    expect([...descendantsOf(10, table)].sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
  });

  it("stops at a cycle rather than looping (pid reuse can make one between two readings)", () => {
    expect([...descendantsOf(5, [reading(5, 6), reading(6, 5)])].sort()).toEqual([5, 6]);
  });
});

describe("parseStat", () => {
  it("reads the fields after a command name that holds spaces and parentheses", () => {
    const stat = "4242 (java (x) y) S 4200 4242 4200 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 987654 1000 200";
    expect(parseStat(stat)).toEqual({ ppid: 4200, cpuTicks: 300, startTicks: 987654 });
  });
});

describe("describeCpu", () => {
  it("gives the total, the wall time it allows on the cores, and each kind that used any, largest first", () => {
    const byKind = new Map([
      ["broker", 27.1],
      ["Node.js", 19],
      ["consumer host", 18.2],
      ["group tool", 2.7],
      ["other JVM", 0],
      ["other", 0.01],
    ] as const);
    expect(describeCpu(byKind, 2)).toBe("67.0 s (broker 27.1, Node.js 19.0, consumer host 18.2, group tool 2.7); on 2 cores, at least 33.5 s of wall time");
  });
});
