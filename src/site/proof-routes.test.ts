import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { proofRoutes } from "./proof-routes.js";

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
