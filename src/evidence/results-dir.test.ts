import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isRecordedResult, removeRecordedResults } from "./results-dir.js";

const result = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, claim: "c", verdict: "fail", kafka: { version: "4.4.0", mode: "native" }, checks: [], control: {}, ...extra });

describe("isRecordedResult", () => {
  it("knows a proof result recorded under its own id", () => {
    expect(isRecordedResult(result("smoke"), "smoke")).toBe(true);
    expect(isRecordedResult(result("smoke", { verdict: "skipped" }), "smoke")).toBe(true);
  });

  it("refuses anything else: another name, another shape, not JSON", () => {
    expect(isRecordedResult(result("smoke"), "copy-of-smoke")).toBe(false);
    expect(isRecordedResult(JSON.stringify({ name: "pkg", version: "1.0.0" }), "package")).toBe(false);
    expect(isRecordedResult(JSON.stringify({ id: "notes" }), "notes")).toBe(false);
    expect(isRecordedResult(result("smoke", { verdict: "maybe" }), "smoke")).toBe(false);
    expect(isRecordedResult(result("smoke", { checks: {} }), "smoke")).toBe(false);
    expect(isRecordedResult("[]", "smoke")).toBe(false);
    expect(isRecordedResult("{", "smoke")).toBe(false);
  });
});

describe("removeRecordedResults", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "results-dir-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("removes recorded results and leaves every other file", async () => {
    writeFileSync(join(dir, "smoke.json"), result("smoke"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "x" }));
    writeFileSync(join(dir, "tsconfig.json"), "{ // comments make it no JSON\n}");
    writeFileSync(join(dir, "smoke.md"), result("smoke"));
    expect(await removeRecordedResults(dir)).toEqual(["smoke.json"]);
    expect(readdirSync(dir).sort()).toEqual(["package.json", "smoke.md", "tsconfig.json"]);
  });

  it("finds nothing to remove in a folder that does not exist yet", async () => {
    expect(await removeRecordedResults(join(dir, "not-yet"))).toEqual([]);
  });
});
