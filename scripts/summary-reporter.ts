import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends a run with one plain line, "N passed, N failed, N skipped", which any
 * CI log reader understands, after vitest's own coloured summary; above it, each
 * test skipped with a reason (`context.skip(reason)`) and that reason, so a
 * skip is never silent.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const reasons: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === "passed") counts.passed += 1;
        else if (result.state === "failed") counts.failed += 1;
        else counts.skipped += 1;
        if (result.state === "skipped" && result.note) reasons.push(`skipped ${test.name}: ${result.note}`);
      }
      // A file that failed to load has no tests but must count as a failure.
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) counts.failed += 1;
    }
    const notes = reasons.length > 0 ? `\n${reasons.join("\n")}\n` : "";
    process.stdout.write(`${notes}\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
