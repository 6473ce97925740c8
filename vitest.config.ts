import { defineConfig } from "vitest/config";

/**
 * Four projects:
 * - unit: pure functions and failure paths; no broker is started for them.
 * - proofs: the proofs, and only they: what `npm run proofs` and `npm start` report on.
 *   One broker is started for the whole project by the global setup.
 * - harness: the harness's own tests that need a live broker (`*.broker.test.ts`),
 *   kept apart so a failure there is never reported as a failed proof.
 * - site: the built site in headless Chromium (`*.browser.test.ts`), after `npm run docs:build`.
 */
export default defineConfig({
  test: {
    // Proofs spend their time waiting on the broker, not the CPU: run more files than there are cores.
    maxWorkers: 4,
    // On GitHub Actions, vitest's own reporter adds annotations and the job summary; ours ends every run with one plain line.
    reporters: process.env.GITHUB_ACTIONS === "true" ? ["default", "github-actions", "./scripts/summary-reporter.ts"] : ["default", "./scripts/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          // Pure tests share their workers' module cache: importing the same modules afresh for each file cost more than the tests.
          isolate: false,
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.broker.test.ts", "**/*.browser.test.ts", "**/node_modules/**"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "proofs",
          // Proofs keep no module state; sharing the module cache saves each file re-importing kafkajs and the harness.
          isolate: false,
          include: ["proofs/**/*.proof.ts"],
          globalSetup: ["src/global-setup.ts"],
          // A proof has its own labelled waits; these only catch a hang.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // No retries: a proof that passes only on a second try proves nothing.
          retry: 0,
        },
      },
      {
        test: {
          name: "harness",
          isolate: false,
          include: ["src/**/*.broker.test.ts", "scripts/**/*.broker.test.ts"],
          globalSetup: ["src/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          retry: 0,
        },
      },
      {
        test: {
          // Every proof altered so that it must fail (src/proof/proof-mutations.mutation.ts); slow, so run by `npm run proofs:mutations`.
          name: "mutations",
          include: ["src/**/*.mutation.ts"],
          globalSetup: ["src/global-setup.ts"],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          maxConcurrency: 4,
          retry: 0,
        },
      },
      {
        test: {
          name: "site",
          // The built site in headless Chromium; starts no broker. Run after `npm run docs:build`.
          include: ["scripts/**/*.browser.test.ts", "src/**/*.browser.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          retry: 0,
        },
      },
    ],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/**/*.test.ts"],
      reporter: ["text-summary", "html"],
    },
  },
});
