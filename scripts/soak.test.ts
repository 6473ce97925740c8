/**
 * `npm run soak` end to end, on fixture tests of its own (scripts/fixtures,
 * outside every project of the suite): a test that fails on one run only is
 * reported with that run, and Ctrl-C, or kill -9 of soak, stops the run under
 * way with every process it started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { waitFor, withTimeout } from "../src/harness/wait.js";
import { scratchDirs } from "../src/testing/scratch-dirs.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE_ARGS = ["--project", "soak-fixture", "--config", "scripts/fixtures/soak.config.ts"];
const scratch = scratchDirs("soak-test");
const started: ChildProcess[] = [];

/** Soak as npm runs it (through tsx), in a process group of its own, as a terminal's foreground job is. */
function soak(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(join(REPO, "node_modules", ".bin", "tsx"), ["scripts/soak.ts", ...args], {
    cwd: REPO,
    env: { ...process.env, ...env, NO_COLOR: "1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (output += text));
  // "close", not "exit": a process's last lines can still be in the pipe when it exits.
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Should a test fail with soak still running: Ctrl-C first, so soak stops its run and that run's processes; then kill what is left of soak.
afterAll(async () => {
  const running = started.filter((child) => child.pid !== undefined && alive(-child.pid));
  for (const child of running) process.kill(-child.pid!, "SIGINT");
  for (const child of running) {
    await waitFor("soak to stop", () => (alive(-child.pid!) ? undefined : true), { timeoutMs: 15_000 }).catch(() => process.kill(-child.pid!, "SIGKILL"));
  }
}, 40_000);

describe("npm run soak", () => {
  test("a test that fails in one run of three is reported with its run, and the tally says so; exit 1", { timeout: 60_000 }, async () => {
    const counter = join(await scratch(), "runs");
    writeFileSync(counter, "");
    const run = soak(["--runs", "3", ...FIXTURE_ARGS, "scripts/fixtures/soak-flaky"], { SOAK_FIXTURE_COUNTER: counter });
    const code = await withTimeout("soak to do its three runs", run.exited, 50_000);
    const lines = run
      .output()
      .split("\n")
      .filter((line) => /^(soak: | {2}\S)/.test(line));
    expect({ code, lines }).toEqual({
      code: 1,
      lines: [
        expect.stringMatching(/^soak: run 1 of 3: vitest run /),
        expect.stringMatching(/^soak: run 1 of 3: passed/),
        expect.stringMatching(/^soak: run 2 of 3: vitest run /),
        "soak: run 2 of 3: FAILED scripts/fixtures/soak-flaky.fixture.ts > a flaky suite fails on the second run: AssertionError: this run's number: expected 2 not to be 2 // Object.is equality",
        expect.stringMatching(/^soak: run 3 of 3: vitest run /),
        expect.stringMatching(/^soak: run 3 of 3: passed/),
        "soak: 3 of 3 runs done: 2 passed, 1 failed",
        "  scripts/fixtures/soak-flaky.fixture.ts > a flaky suite fails on the second run: failed in run 2 (1 of 3)",
      ],
    });
  });

  test("Ctrl-C stops the run under way and every process it started, prints the tally, and exits 130", { timeout: 60_000 }, async () => {
    const marker = join(await scratch(), "started");
    const run = soak(["--runs", "3", ...FIXTURE_ARGS, "scripts/fixtures/soak-hang"], { SOAK_FIXTURE_STARTED: marker });
    const testChild = await waitFor(
      "the hanging fixture to start its own process",
      () => (existsSync(marker) && readFileSync(marker, "utf8") ? Number(readFileSync(marker, "utf8")) : undefined),
      {
        timeoutMs: 30_000,
      },
    );
    expect(alive(testChild), "the fixture's process before Ctrl-C").toBe(true);

    // A terminal sends Ctrl-C to its whole foreground group: tsx, soak, and (relayed) soak again.
    process.kill(-run.child.pid!, "SIGINT");
    // Well within soak's 10 s grace before it kills a run that does not stop: the run was told to stop, not left to time out.
    const code = await withTimeout("soak to stop after Ctrl-C", run.exited, 7_000);
    expect({
      code,
      tail: run
        .output()
        .split("\n")
        .filter((line) => line.startsWith("soak: "))
        .slice(-2),
    }).toEqual({
      code: 130,
      tail: ["soak: SIGINT: stopping the run under way and its processes...", "soak: 0 of 3 runs done (stopped by SIGINT): 0 passed, 0 failed"],
    });
    expect(alive(testChild), "the fixture's process after Ctrl-C").toBe(false);
    expect(alive(-run.child.pid!), "soak's own process group after Ctrl-C").toBe(false);
  });

  test("kill -9 of soak: the run under way and its processes are stopped anyway, and its report folder removed", { timeout: 60_000 }, async () => {
    const dir = await scratch();
    const marker = join(dir, "started");
    // soak's temporary folders go here, so the test can see that none is left.
    const run = soak(["--runs", "3", ...FIXTURE_ARGS, "scripts/fixtures/soak-hang"], { SOAK_FIXTURE_STARTED: marker, TMPDIR: dir });
    const testChild = await waitFor(
      "the hanging fixture to start its own process",
      () => (existsSync(marker) && readFileSync(marker, "utf8") ? Number(readFileSync(marker, "utf8")) : undefined),
      {
        timeoutMs: 30_000,
      },
    );
    const runFolders = () => readdirSync(dir).filter((name) => name.startsWith("soak-run-"));
    expect(runFolders(), "the run's report folder while it runs").toHaveLength(1);

    process.kill(-run.child.pid!, "SIGKILL");
    await waitFor("the fixture's process and the run's folder to be gone", () => (alive(testChild) || runFolders().length > 0 ? undefined : true), { timeoutMs: 15_000 });
  });
});
