// ESLint with typescript-eslint's type-aware rules. Layout is Prettier's business (prettier.config.js), not ESLint's.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: ["results/", "results-*/", "coverage/", "docs/.vitepress/cache/", "docs/.vitepress/dist/", "docs/generated/"],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked with the program tsconfig.json makes; the two config files below are not in it.
        projectService: { allowDefaultProject: ["eslint.config.js", "prettier.config.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A promise let go must say what becomes of its rejection (`.catch`, with a comment); `void` alone says nothing.
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: false }],
      // `return promise` inside try/catch/finally or beside `await using` leaves the block before the promise settles:
      // its rejection skips the catch, and the resource is closed while it still runs.
      "@typescript-eslint/return-await": ["error", "error-handling-correctness-only"],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      // Off: functions that implement a promise-returning contract (kafkajs' eachBatch, close(), stop()) are written
      // `async` without an await on purpose, so a throw inside them becomes a rejection instead of escaping synchronously.
      "@typescript-eslint/require-await": "off",
      // `using _lock = ...` holds a resource for its scope without reading it; `_` marks that, and unused parameters.
      "@typescript-eslint/no-unused-vars": ["error", { varsIgnorePattern: "^_", argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // vitest types its asymmetric matchers (`expect.stringContaining(...)`) as `any`; assigning one into an expected object is the point of them.
    files: ["**/*.test.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    // The playground page's script runs as a classic script in the browser, outside tsconfig.json's program.
    files: ["src/playground/page/page.js"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.browser, sourceType: "script" },
  },
);
