import { basename } from "node:path";
import { afterAll, inject, test, TestRunner } from "vitest";
import { startNativeBroker } from "../broker/native/native-broker.js";
import { ClaimViolation } from "../evidence/claim-violation.js";
import type { Check } from "../evidence/proof-result.js";
import { RestartRounds } from "../harness/restart-rounds.js";
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
 * Registers a proof as one vitest test per cell of the run, named
 * `<id> [<cell>]: <title>` (`<id>: <title>` when the run has one cell), where the
 * id is the proof file's name (`proofs/<id>.proof.ts`) and also names its results
 * file (in the cell's results folder). The test is given the run's broker and Kafka's consumer-groups tool,
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
  const cells = inject("cells");
  const broker = inject("broker");
  // A proof that restarts its broker gets one broker for all its cells, restarted once for all of them.
  const restartRounds =
    proof.dedicatedBroker && broker.mode === "native" ? new RestartRounds(() => startNativeBroker({ version: broker.kafkaVersion, env: process.env })) : undefined;
  if (restartRounds) afterAll(() => restartRounds.close());
  // The cells of one proof run side by side: each has its own groups and topics, and most of a proof is waiting on the broker.
  const register = cells.length > 1 ? test.concurrent : test;
  for (const cell of cells) {
    const name = cells.length > 1 ? `${id} [${cell}]: ${proof.title}` : `${id}: ${proof.title}`;
    register(
      name,
      async (context) => {
        const environment = {
          broker,
          groupTool: inject("groupTool"),
          cell,
          javaHost: inject("javaHost"),
          javaHostAbsent: inject("javaHostAbsent"),
          ...(restartRounds ? { restartRounds } : {}),
        };
        const result = await runProof(id, proof, environment);
        if (result.verdict === "skipped") return context.skip(result.skipReason);
        if (result.verdict !== "pass") throw new ClaimViolation(cells.length > 1 ? `${id} [${cell}]` : id, result.reasons);
      },
      proof.timeoutMs,
    );
  }
}

/** `ack-isolation` from `…/proofs/ack-isolation.proof.ts`. */
function proofId(file: string): string {
  const name = basename(file);
  if (!name.endsWith(".proof.ts")) throw new Error(`defineProof is for files named proofs/<id>.proof.ts; it was called from ${file}`);
  return name.slice(0, -".proof.ts".length);
}
