/**
 * The pure parts of `npm run soak`: its arguments, what one run's vitest JSON
 * report says failed, and the tally of all runs.
 */

export interface SoakOptions {
  runs: number;
  /** vitest projects to run; the unit tests and the proofs unless named. */
  projects: string[];
  /** Everything else, handed to vitest as given: file filters, `-t <pattern>`, `--config <file>`... */
  vitestArgs: string[];
  help: boolean;
}

export const DEFAULT_PROJECTS = ["unit", "harness", "proofs"];

export const SOAK_USAGE = `usage: npm run soak -- --runs N [--project NAME]... [vitest arguments: files, -t pattern...]
Runs the tests N times, one run after another, and reports every failure with its run.
Projects: ${DEFAULT_PROJECTS.join(" and ")} unless --project is given.`;

export class SoakUsageError extends Error {
  override name = "SoakUsageError";
}

/** Soak's own options; every other argument is vitest's. */
export function parseSoakArgs(args: readonly string[]): SoakOptions {
  let runs: number | undefined;
  const projects: string[] = [];
  const vitestArgs: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const given = inline ?? args[++i];
      if (given === undefined || given === "") throw new SoakUsageError(`${name} needs a value.\n${SOAK_USAGE}`);
      return given;
    };
    if (name === "--help" || name === "-h") help = true;
    else if (name === "--runs") runs = parseRuns(value());
    else if (name === "--project") projects.push(value());
    else if (/^--(reporter|outputFile)\b/.test(name))
      throw new SoakUsageError(`${name} is soak's own: it reads each run's JSON report to tell which test failed in which run. Leave it out.`);
    else vitestArgs.push(arg);
  }
  if (runs === undefined && !help) throw new SoakUsageError(`Say how many runs: --runs N.\n${SOAK_USAGE}`);
  return { runs: runs ?? 0, projects: projects.length > 0 ? projects : [...DEFAULT_PROJECTS], vitestArgs, help };
}

function parseRuns(text: string): number {
  const runs = Number(text);
  if (!/^\d+$/.test(text) || runs < 1) throw new SoakUsageError(`--runs "${text}" is not a number of runs: give a whole number, 1 or more.`);
  return runs;
}

/** The part of vitest's JSON report (`--reporter=json`) read here. */
export interface JsonReport {
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] | null }>;
  }>;
}

/** A test (or a whole file, or the run itself) that failed in one run. */
export interface RunFailure {
  test: string;
  /** The first line of what it failed with. */
  reason: string;
}

/**
 * What failed in one run: each failed test, each file that failed without a
 * failed test (it did not load, a hook threw), and the run itself when vitest
 * exited non-zero with nothing to show for it, or wrote no report.
 */
export function failuresOf(report: JsonReport | undefined, exit: { code: number | null; signal: string | null }, root: string): RunFailure[] {
  const failures: RunFailure[] = [];
  for (const file of report?.testResults ?? []) {
    const path = relativeTo(root, file.name);
    const failed = file.assertionResults.filter((test) => test.status === "failed");
    for (const test of failed) failures.push({ test: `${path} > ${test.fullName}`, reason: firstLine(test.failureMessages?.[0]) });
    if (failed.length === 0 && file.status === "failed") failures.push({ test: path, reason: firstLine(file.message) });
  }
  if (failures.length === 0 && (exit.code !== 0 || report === undefined)) {
    const how = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
    failures.push({ test: "(the run)", reason: report ? `vitest ${how} though no test failed: an error outside the tests (see its output)` : `vitest ${how} and wrote no report` });
  }
  return failures;
}

function relativeTo(root: string, path: string): string {
  const prefix = root.endsWith("/") ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

function firstLine(text: string | undefined | null): string {
  const line = (text ?? "").split("\n").find((l) => l.trim() !== "");
  return line?.trim() ?? "(no message)";
}

export interface RunOutcome {
  run: number;
  failures: RunFailure[];
}

/** The closing report: runs passed and failed, then each failing test with the runs it failed in. */
export function tally(outcomes: readonly RunOutcome[], planned: number, interrupted?: string): string[] {
  const failed = outcomes.filter((o) => o.failures.length > 0);
  const lines = [`soak: ${outcomes.length} of ${planned} runs done${interrupted ? ` (${interrupted})` : ""}: ${outcomes.length - failed.length} passed, ${failed.length} failed`];
  const byTest = new Map<string, number[]>();
  for (const outcome of failed) {
    for (const failure of outcome.failures) {
      const runs = byTest.get(failure.test) ?? [];
      if (runs.at(-1) !== outcome.run) byTest.set(failure.test, [...runs, outcome.run]);
    }
  }
  for (const [test, runs] of byTest) lines.push(`  ${test}: failed in run${runs.length > 1 ? "s" : ""} ${runs.join(", ")} (${runs.length} of ${outcomes.length})`);
  return lines;
}
