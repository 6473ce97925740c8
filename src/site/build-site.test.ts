import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { FolderBusyError, lockFolder } from "../evidence/folder-lock.js";
import { killHard, otherRunHolding } from "../evidence/fixtures/other-run.js";
import { buildSite } from "./build-site.js";
import { sitePaths } from "./site-paths.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "build-site-"));
  mkdirSync(join(dir, "results"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The project's site, built from a results folder and into a build folder of the test's own. */
const paths = () => ({ ...sitePaths(), results: join(dir, "results"), dist: join(dir, "site", "dist") });

it("refuses to build while another run writes the results, before reading them", async () => {
  const other = await otherRunHolding(join(dir, "results"));
  try {
    const error = await buildSite(paths(), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderBusyError);
    expect((error as Error).message).toContain(`Another run (pid ${other.pid}`);
  } finally {
    await killHard(other);
  }
});

it("refuses to build while another build writes the same build folder", async () => {
  using _other = lockFolder(join(dir, "site"), { shown: "the build folder", alternative: "then build again", env: {} });
  const error = await buildSite(paths(), {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FolderBusyError);
  expect((error as Error).message).toContain("→ Wait for it to finish, then build again.");
});
