import { defineConfig } from "vitest/config";

/**
 * Tests that drive real processes of their own (npm scripts, Maven, a JVM, a killed owner) but need no broker:
 * they belong with the harness's tests, not with the unit tests a change is checked against in seconds.
 */
const PROCESS_TESTS = [
  "scripts/podman-service.test.ts",
  "scripts/site-start.test.ts",
  "scripts/soak.test.ts",
  "src/broker/native/kafka-jars.test.ts",
  "src/broker/native/native-broker.test.ts",
  "src/broker/native/process-guard.test.ts",
  "src/campaign/java-cut-off.test.ts",
  "src/witness/group-tool-process.test.ts",
];

/**
 * Five projects:
 * - unit: pure functions and failure paths, in this process; no broker is started for them.
 * - proofs: the proofs, and only they: what `npm run proofs` and `npm start` report on.
 *   One broker is started for the whole project by the global setup.
 * - harness: the harness's own tests that need a live broker (`*.broker.test.ts`) or start
 *   processes of their own (PROCESS_TESTS), kept apart so a failure there is never reported as a failed proof.
 * - mutations: every proof altered so that it must fail.
 * - site: the built site in headless Chromium (`*.browser.test.ts`), after `npm run docs:build`.
 */
export default defineConfig({
  test: {
    // Proofs spend their time waiting on the broker, not the CPU: run more files than there are cores.
    maxWorkers: 4,
    // Without it, each run transforms every TypeScript module afresh: seconds of CPU on two
    // cores. The cache (node_modules/.experimental-vitest-cache) is keyed by each file's content and the config, and
    // is dropped when the lockfile changes.
    experimental: { fsModuleCache: true },
    // On GitHub Actions, vitest's own reporter adds annotations and the job summary; ours ends every run with one plain line.
    reporters: process.env.GITHUB_ACTIONS === "true" ? ["default", "github-actions", "./scripts/summary-reporter.ts"] : ["default", "./scripts/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          // Pure tests share their workers' module cache: importing the same modules afresh for each file cost more than the tests.
          isolate: false,
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.broker.test.ts", "**/*.browser.test.ts", ...PROCESS_TESTS, "**/node_modules/**"],
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
          // A proof has its own labelled waits; these only catch a hang. Each cell's run of a proof has its own test, but
          // the cells share the machine: a Java consumer a proof may crash starts a JVM of its own, seconds on a busy machine.
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // No retries: a proof that passes only on a second try proves nothing.
          retry: 0,
        },
      },
      {
        test: {
          name: "harness",
          isolate: false,
          include: ["src/**/*.broker.test.ts", "scripts/**/*.broker.test.ts", ...PROCESS_TESTS],
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
          // Finds the browser once (src/site/chromium.ts) and says which it is.
          globalSetup: ["scripts/fixtures/browser-setup.ts"],
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
