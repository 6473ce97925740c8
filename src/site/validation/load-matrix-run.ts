import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { MATRIX_RUN_FILE, type MatrixColumnRun, type MatrixRun } from "../../evidence/matrix-run.js";
import { CELLS } from "../../evidence/results-layout.js";
import { shown } from "../site-paths.js";
import { ResultsError } from "./results-error.js";
import { listOf, number, object, oneOf, problemsWith, string, type Same } from "./schema-parts.js";

const matrixColumnSchema = object({
  kafkaVersion: string,
  cell: oneOf(CELLS),
  startedAt: string,
  seconds: number,
  exitCode: number.optional(),
  notApplicable: string.optional(),
});
const matrixRunSchema = object({ startedAt: string, finishedAt: string.optional(), columns: listOf(matrixColumnSchema) });

// Compile-time guards: the schema and the declared record may not drift apart; an optional field left out needs the second.
const schemaMatchesRecord: Same<z.infer<typeof matrixRunSchema>, MatrixRun> = true;
const fieldsMatchRecord: Same<keyof z.infer<typeof matrixRunSchema>, keyof MatrixRun> = true;
const columnFieldsMatchRecord: Same<keyof z.infer<typeof matrixColumnSchema>, keyof MatrixColumnRun> = true;
void [schemaMatchesRecord, fieldsMatchRecord, columnFieldsMatchRecord];

/** What `npm run matrix` recorded of its run (results/.matrix-run.json), validated; undefined when no matrix has run here. */
export function loadMatrixRun(resultsDir: string): MatrixRun | undefined {
  const file = join(resultsDir, MATRIX_RUN_FILE);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ResultsError([`${shown(file)} is not valid JSON (${error instanceof Error ? error.message : String(error)})`], RUN_AGAIN);
  }
  const problems = problemsWith(matrixRunSchema, parsed);
  if (problems.length > 0)
    throw new ResultsError(
      problems.map((problem) => `${shown(file)}: ${problem}`),
      RUN_AGAIN,
    );
  return parsed as MatrixRun;
}

const RUN_AGAIN = "Run the matrix again (`npm run matrix`), which rewrites it, or delete the file to show the proofs' own run alone.";
