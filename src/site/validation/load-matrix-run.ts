import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MATRIX_RUN_FILE, type MatrixRun } from "../../evidence/matrix-run.js";
import { CELLS } from "../../evidence/results-layout.js";
import { shown } from "../site-paths.js";
import { ResultsError } from "./results-error.js";
import { listOf, number, object, oneOf, problemsWith, string, type Same, type ShapeOf } from "./shape.js";

const matrixRunShape = object(
  {
    startedAt: string,
    columns: listOf(object({ kafkaVersion: string, cell: oneOf(CELLS), startedAt: string, seconds: number }, { exitCode: number, notApplicable: string })),
  },
  { finishedAt: string },
);

// Compile-time guard: the shape and the declared record may not drift apart.
const shapeMatchesRecord: Same<ShapeOf<typeof matrixRunShape>, MatrixRun> = true;
void shapeMatchesRecord;

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
  const problems = problemsWith(matrixRunShape, parsed);
  if (problems.length > 0)
    throw new ResultsError(
      problems.map((problem) => `${shown(file)}: ${problem}`),
      RUN_AGAIN,
    );
  return parsed as MatrixRun;
}

const RUN_AGAIN = "Run the matrix again (`npm run matrix`), which rewrites it, or delete the file to show the proofs' own run alone.";
