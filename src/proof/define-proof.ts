import { basename } from "node:path";
import { inject, test, TestRunner } from "vitest";
import { ClaimViolation } from "../evidence/claim-violation.js";
import type { Check } from "../evidence/proof-result.js";
import { runProof, type ProofDefinition } from "../harness/run-proof.js";

export type { ProofDefinition } from "../harness/run-proof.js";

/** The handles a scenario function returns, for its check function's signature. */
export type RefsOf<Scenario extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<Scenario>>;

/** A proof as defined, with the id its file name gives it. */
export interface DefinedProof {
  id: string;
  // The registry holds proofs of every handle and check type; each is only ever run with its own.
  definition: ProofDefinition<unknown, Record<string, Check>>;
}

/**
 * Set while proofs are imported to be altered rather than run (see
 * `proof-mutations.mutation.ts`): `defineProof` then records each one here
 * instead of registering its test.
 */
let collecting: { found: DefinedProof[]; file: string } | undefined;

/** Imports proof files and returns their definitions, registering no test. */
export async function collectProofs(files: readonly string[], load: (file: string) => Promise<unknown>): Promise<DefinedProof[]> {
  const found: DefinedProof[] = [];
  try {
    for (const file of files) {
      collecting = { found, file };
      await load(file);
    }
  } finally {
    collecting = undefined;
  }
  return found;
}

/**
 * Registers a proof as one vitest test, named `<id>: <title>`, where the id is
 * the proof file's name (`proofs/<id>.proof.ts`) and also names its results
 * file. The test is given the run's broker and Kafka's consumer-groups tool,
 * runs the proof (see `runProof`), and fails with every reason unless the
 * verdict is a pass; a proof that cannot run on this broker is skipped with
 * its reason.
 */
export function defineProof<Refs, Checks extends Record<string, Check>>(proof: ProofDefinition<Refs, Checks>): void {
  const id = proofId(collecting?.file ?? TestRunner.getCurrentSuite().file.filepath);
  if (collecting) {
    collecting.found.push({ id, definition: proof as unknown as ProofDefinition<unknown, Record<string, Check>> });
    return;
  }
  test(`${id}: ${proof.title}`, async (context) => {
    const result = await runProof(id, proof, { broker: inject("broker"), groupTool: inject("groupTool"), cell: inject("cell"), javaHost: inject("javaHost") });
    if (result.verdict === "skipped") return context.skip(result.skipReason);
    if (result.verdict !== "pass") throw new ClaimViolation(id, result.reasons);
  }, proof.timeoutMs);
}

/** `ack-isolation` from `…/proofs/ack-isolation.proof.ts`. */
function proofId(file: string): string {
  const name = basename(file);
  if (!name.endsWith(".proof.ts")) throw new Error(`defineProof is for files named proofs/<id>.proof.ts; it was called from ${file}`);
  return name.slice(0, -".proof.ts".length);
}
