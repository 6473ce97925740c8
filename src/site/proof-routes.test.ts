import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { columnProofRoutes, proofRoutes } from "./proof-routes.js";

let root: string | undefined;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

test("one route per proof, its page written from its results and its source", () => {
  root = mkdtempSync(join(tmpdir(), "site-routes-"));
  const paths = { results: join(root, "results"), proofs: join(root, "proofs") };
  mkdirSync(paths.results);
  mkdirSync(paths.proofs);
  writeFileSync(join(paths.results, "fixture.json"), JSON.stringify(proofResultFixture({ verdict: "fail" })));
  writeFileSync(join(paths.proofs, "fixture.proof.ts"), "/** # Title\n * The story. */\n// #region scenario\nrun();\n// #endregion scenario\n");

  const routes = proofRoutes(paths);
  expect(routes.map((r) => r.params)).toEqual([{ id: "fixture" }]);
  expect(routes[0]!.content).toContain("The story.");
  expect(routes[0]!.content).toContain("<<< @/../proofs/fixture.proof.ts#scenario");
  expect(routes[0]!.content).toContain("view: verdict\nproof: fixture");
});

test("one route per result of this run in another cell or Kafka version, at the path of its results folder; none for an earlier run's", () => {
  root = mkdtempSync(join(tmpdir(), "site-routes-"));
  const paths = { results: join(root, "results"), proofs: join(root, "proofs") };
  for (const folder of ["", "java-classic", "kafka-3.9.2/java-classic", "java-consumer"]) mkdirSync(join(paths.results, folder), { recursive: true });
  mkdirSync(paths.proofs);
  const at = (minute: number) => `2026-11-27T17:${minute}:00.000Z`;
  writeFileSync(join(paths.results, "fixture.json"), JSON.stringify(proofResultFixture({ startedAt: at(10) })));
  writeFileSync(join(paths.results, "java-classic", "fixture.json"), JSON.stringify(proofResultFixture({ startedAt: at(12) })));
  writeFileSync(join(paths.results, "kafka-3.9.2/java-classic", "fixture.json"), JSON.stringify(proofResultFixture({ startedAt: at(14) })));
  writeFileSync(join(paths.results, "java-consumer", "fixture.json"), JSON.stringify(proofResultFixture({ startedAt: at(5) })));
  writeFileSync(join(paths.proofs, "fixture.proof.ts"), "// #region scenario\nrun();\n// #endregion scenario\n");

  const routes = columnProofRoutes(paths);
  expect(routes.map((r) => r.params)).toEqual([
    { run: "java-classic", id: "fixture" },
    { run: "kafka-3.9.2/java-classic", id: "fixture" },
  ]);
  expect(routes[1]!.content).toContain("cell: java/classic\nkafka: 3.9.2");
});
