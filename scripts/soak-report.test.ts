import { describe, expect, test } from "vitest";
import { DEFAULT_PROJECTS, failuresOf, parseSoakArgs, SoakUsageError, tally, type JsonReport } from "./soak-report.js";

describe("parseSoakArgs", () => {
  test("soak's options are taken out; everything else goes to vitest in its order", () => {
    expect(parseSoakArgs(["--runs", "10", "--project", "proofs", "src/a.broker.test.ts", "-t", "seed", "--project=unit"])).toEqual({
      runs: 10,
      projects: ["proofs", "unit"],
      vitestArgs: ["src/a.broker.test.ts", "-t", "seed"],
      help: false,
    });
  });

  test("without --project, the unit tests and the proofs", () => {
    expect(parseSoakArgs(["--runs=3"])).toMatchObject({ runs: 3, projects: DEFAULT_PROJECTS });
  });

  test.each([
    [[], /Say how many runs: --runs N/],
    [["--runs"], /--runs needs a value/],
    [["--runs", "0"], /--runs "0" is not a number of runs/],
    [["--runs", "2.5"], /--runs "2.5" is not a number of runs/],
    [["--runs", "ten"], /--runs "ten" is not a number of runs/],
    [["--runs", "2", "--project"], /--project needs a value/],
    [["--runs", "2", "--reporter=verbose"], /--reporter is soak's own/],
  ])("%j is refused, saying what to give", (args, message) => {
    expect(() => parseSoakArgs(args)).toThrow(SoakUsageError);
    expect(() => parseSoakArgs(args)).toThrow(message);
  });
});

const ROOT = "/repo";

function report(files: JsonReport["testResults"]): JsonReport {
  return { testResults: files };
}

describe("failuresOf", () => {
  test("each failed test, by file and full name, with the first line of its failure", () => {
    const failures = failuresOf(
      report([
        {
          name: "/repo/src/a.test.ts",
          status: "failed",
          assertionResults: [
            { fullName: "a passes", status: "passed", failureMessages: [] },
            { fullName: "a fails", status: "failed", failureMessages: ["\nAssertionError: expected 1 to be 2\n    at a.test.ts:3:4"] },
          ],
        },
        { name: "/repo/src/b.test.ts", status: "passed", assertionResults: [{ fullName: "b", status: "passed" }] },
      ]),
      { code: 1, signal: null },
      ROOT,
    );
    expect(failures).toEqual([{ test: "src/a.test.ts > a fails", reason: "AssertionError: expected 1 to be 2" }]);
  });

  test("a file that failed with no failed test (it did not load, a hook threw) is a failure of that file", () => {
    const failures = failuresOf(
      report([{ name: "/repo/src/c.test.ts", status: "failed", message: "Hook timed out in 60000ms.\nmore", assertionResults: [{ fullName: "c", status: "skipped" }] }]),
      { code: 1, signal: null },
      ROOT,
    );
    expect(failures).toEqual([{ test: "src/c.test.ts", reason: "Hook timed out in 60000ms." }]);
  });

  test("vitest exiting non-zero with every test passed is a failure of the run", () => {
    const failures = failuresOf(report([{ name: "/repo/src/a.test.ts", status: "passed", assertionResults: [] }]), { code: 1, signal: null }, ROOT);
    expect(failures).toEqual([{ test: "(the run)", reason: expect.stringMatching(/^vitest exited with code 1 though no test failed/) }]);
  });

  test("no report is a failure of the run, whatever the exit", () => {
    expect(failuresOf(undefined, { code: null, signal: "SIGKILL" }, ROOT)).toEqual([{ test: "(the run)", reason: "vitest was ended by SIGKILL and wrote no report" }]);
    expect(failuresOf(undefined, { code: 0, signal: null }, ROOT)).toEqual([{ test: "(the run)", reason: "vitest exited with code 0 and wrote no report" }]);
  });

  test("a clean run has no failures", () => {
    expect(
      failuresOf(report([{ name: "/repo/src/a.test.ts", status: "passed", assertionResults: [{ fullName: "a", status: "passed" }] }]), { code: 0, signal: null }, ROOT),
    ).toEqual([]);
  });
});

describe("tally", () => {
  test("runs passed and failed, then each failing test with the runs it failed in", () => {
    const flaky = { test: "src/a.test.ts > a", reason: "x" };
    const lines = tally(
      [
        { run: 1, failures: [] },
        { run: 2, failures: [flaky, { test: "(the run)", reason: "y" }] },
        { run: 3, failures: [flaky, flaky] },
      ],
      5,
      "stopped by SIGINT",
    );
    expect(lines).toEqual([
      "soak: 3 of 5 runs done (stopped by SIGINT): 1 passed, 2 failed",
      "  src/a.test.ts > a: failed in runs 2, 3 (2 of 3)",
      "  (the run): failed in run 2 (1 of 3)",
    ]);
  });
});
