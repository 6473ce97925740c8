import { expect, it } from "vitest";
import { longestProofFile } from "./bench-report.js";

it("finds the proof file that took longest in a suite run, leaving the unit tests aside", () => {
  const report = {
    testResults: [
      { name: "/repo/proofs/smoke.proof.ts", startTime: 1_000, endTime: 2_500 },
      { name: "/repo/src/checks/anomalies.test.ts", startTime: 0, endTime: 60_000 },
      { name: "/repo/proofs/commits-survive-broker-restart.proof.ts", startTime: 1_200, endTime: 19_200 },
    ],
  };
  expect(longestProofFile(report)).toEqual({ file: "/repo/proofs/commits-survive-broker-restart.proof.ts", seconds: 18 });
  expect(longestProofFile({ testResults: [] })).toBeUndefined();
});
