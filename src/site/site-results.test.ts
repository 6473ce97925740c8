import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { MATRIX_RUN_FILE } from "../evidence/matrix-run.js";
import { KAFKA_VERSION } from "../kafka-version.js";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { loadSiteResults } from "./site-results.js";
import { ResultsError } from "./validation/results-error.js";

let root: string;
let paths: { results: string; proofs: string };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "site-columns-"));
  paths = { results: join(root, "results"), proofs: join(root, "proofs") };
  mkdirSync(paths.proofs);
  for (const id of ["fixture", "other"]) writeFileSync(join(paths.proofs, `${id}.proof.ts`), "// the proof");
  write("", "fixture", proofResultFixture());
  write("", "other", proofResultFixture({ id: "other" }));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(folder: string, name: string, content: unknown): string {
  mkdirSync(join(paths.results, folder), { recursive: true });
  const file = join(paths.results, folder, name.startsWith(".") ? name : `${name}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

test("reads every cell on the pinned Kafka and on each version with a folder, newest version first", () => {
  write("java-classic", "fixture", proofResultFixture());
  write("kafka-3.9.2/java-classic", "other", proofResultFixture({ id: "other" }));
  mkdirSync(join(paths.results, "kafka-4.0.1"));
  mkdirSync(join(paths.results, "screenshots"));
  const site = loadSiteResults(paths);
  expect(site.columns.map((c) => [c.folder, c.results.map((r) => r.id)])).toEqual([
    ["", ["fixture", "other"]],
    ["java-classic", ["fixture"]],
    ["java-consumer", []],
    ["kafka-4.0.1", []],
    ["kafka-4.0.1/java-classic", []],
    ["kafka-4.0.1/java-consumer", []],
    ["kafka-3.9.2", []],
    ["kafka-3.9.2/java-classic", ["other"]],
    ["kafka-3.9.2/java-consumer", []],
  ]);
  expect(site.columns[0]!.kafkaVersion).toBe(KAFKA_VERSION);
  expect(site.matrixRun).toBeUndefined();
});

test("a malformed result in another cell's folder stops the build too, naming it", () => {
  const file = write("java-classic", "fixture", { ...proofResultFixture(), verdict: "maybe" });
  expect(() => loadSiteResults(paths)).toThrow(ResultsError);
  expect(() => loadSiteResults(paths)).toThrow(`${file}: verdict must be one of "pass", "fail", "skipped"; found "maybe"`);
});

test("the matrix run's record is read beside the results, and is not taken for one", () => {
  const run = {
    startedAt: "2026-11-27T17:00:00.000Z",
    columns: [{ cell: "java/consumer", kafkaVersion: "3.9.2", startedAt: "2026-11-27T17:00:00.000Z", seconds: 0, exitCode: 0, notApplicable: "why" }],
  };
  write("", MATRIX_RUN_FILE, run);
  expect(loadSiteResults(paths).matrixRun).toEqual(run);
});

test("a malformed matrix record is named, field by field", () => {
  const file = write("", MATRIX_RUN_FILE, { startedAt: "2026-11-27T17:00:00.000Z", columns: [{ cell: "kafkajs/consumer" }] });
  expect(() => loadSiteResults(paths)).toThrow(`${file}: columns[0].kafkaVersion must be a string; found nothing`);
  expect(() => loadSiteResults(paths)).toThrow(`${file}: columns[0].cell must be one of "kafkajs/classic", "java/classic", "java/consumer"; found "kafkajs/consumer"`);
});
