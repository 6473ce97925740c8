#!/usr/bin/env tsx
/**
 * Writes the results format as JSON Schema, `docs/public/results.schema.json`, from the schema the
 * site validates results files with (src/site/validation/results-schema.ts). Run it after changing
 * the format; a unit test fails while the committed file differs from what this writes.
 */
import { writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { chalk, echo } from "zx";
import { RESULTS_SCHEMA_FILE, resultsSchemaText } from "../src/site/validation/results-schema-file.js";

await writeFile(RESULTS_SCHEMA_FILE, await resultsSchemaText());
echo(chalk.green(`Wrote ${relative(process.cwd(), RESULTS_SCHEMA_FILE)}`));
