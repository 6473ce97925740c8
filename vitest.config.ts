import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "proofs",
          include: ["proofs/**/*.proof.ts"],
          globalSetup: ["src/global-setup.ts"],
          // A proof has its own labelled waits; these only catch a hang.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // No retries: a proof that passes only on a second try proves nothing.
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
