import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { countJvmStarts, noteJvmStart } from "./jvm-starts.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

it("appends each start to the log the run names, and nothing when it names none", () => {
  const dir = mkdtempSync(join(tmpdir(), "jvm-starts-"));
  dirs.push(dir);
  const log = join(dir, "jvms.log");
  noteJvmStart("broker", { KAFKA_PROOFS_JVM_LOG: log });
  noteJvmStart("group-tool", { KAFKA_PROOFS_JVM_LOG: log });
  noteJvmStart("broker", {});
  expect(readFileSync(log, "utf8")).toBe("broker\ngroup-tool\n");
});

it("counts the starts per kind, in a fixed order, leaving out kinds never started", () => {
  expect(countJvmStarts("consumer-own\nbroker\nbroker\n\ncompile\n")).toEqual([
    { kind: "broker", starts: 2 },
    { kind: "consumer-own", starts: 1 },
    { kind: "compile", starts: 1 },
  ]);
  expect(countJvmStarts("")).toEqual([]);
});
