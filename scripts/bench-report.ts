/** The parts of vitest's JSON report read here: each test file, with when it started and ended. */
export interface VitestJsonReport {
  testResults: { name: string; startTime: number; endTime: number }[];
}

/** The proof file that took longest in a suite run, by vitest's own report. */
export function longestProofFile(report: VitestJsonReport): { file: string; seconds: number } | undefined {
  const proofs = report.testResults.filter((r) => r.name.endsWith(".proof.ts"));
  const longest = proofs.reduce<(typeof proofs)[number] | undefined>((best, r) => (!best || r.endTime - r.startTime > best.endTime - best.startTime ? r : best), undefined);
  return longest && { file: longest.name, seconds: (longest.endTime - longest.startTime) / 1000 };
}
