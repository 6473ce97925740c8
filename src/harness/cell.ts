import { ConfigError } from "../errors.js";
import { CELLS, DEFAULT_CELL, type CellName } from "../evidence/results-layout.js";

export { CELLS, cellResultsFolder, DEFAULT_CELL, type CellName } from "../evidence/results-layout.js";

/**
 * A cell of the proof matrix: which client plays every consumer of a run, and
 * which group protocol it speaks. A scenario asks for "a consumer in group A";
 * the cell decides what that consumer is. A run plays one or more (`cellsFrom`).
 */
export interface Cell {
  name: CellName;
  client: "kafkajs" | "java";
  /** `classic`: JoinGroup/SyncGroup; `consumer`: the consumer group protocol of KIP-848. */
  protocol: "classic" | "consumer";
}

/**
 * The cells a proofs run plays when not told otherwise: the project's first client on the
 * classic protocol, and Kafka's own client on the protocol of KIP-848. Both run in one run,
 * on one broker, side by side: a second run would cost a second broker and module load.
 */
export const DEFAULT_CELLS: readonly CellName[] = ["kafkajs/classic", "java/consumer"];

/**
 * The cells a run is for: `KAFKA_PROOFS_CELLS` (a comma-separated list), else
 * `KAFKA_PROOFS_CELL` (one), else `DEFAULT_CELLS`. `explicit` says whether the
 * user named them: a cell named by the user that cannot run stops the run, where
 * a default one is reported as not run, with the reason.
 */
export function cellsFrom(env: NodeJS.ProcessEnv): { cells: Cell[]; explicit: boolean } {
  const list = env.KAFKA_PROOFS_CELLS?.trim();
  if (list) {
    const names = [
      ...new Set(
        list
          .split(",")
          .map((name) => name.trim())
          .filter((name) => name !== ""),
      ),
    ];
    return { cells: names.map((name) => cellNamed(name, "KAFKA_PROOFS_CELLS")), explicit: true };
  }
  const one = env.KAFKA_PROOFS_CELL?.trim();
  if (one) return { cells: [cellNamed(one, "KAFKA_PROOFS_CELL")], explicit: true };
  return { cells: DEFAULT_CELLS.map((name) => cellNamed(name, "KAFKA_PROOFS_CELLS")), explicit: false };
}

/** The cell a run is for; an unknown name stops the run, saying which there are. */
export function cellFrom(env: NodeJS.ProcessEnv): Cell {
  return cellNamed(env.KAFKA_PROOFS_CELL?.trim() || DEFAULT_CELL, "KAFKA_PROOFS_CELL");
}

function cellNamed(raw: string, variable: string): Cell {
  const name = CELLS.find((cell) => cell === raw);
  if (!name) {
    throw new ConfigError(`${variable}="${raw}" is not a cell we know.`, `Set it to one of: ${CELLS.join(", ")} (default ${DEFAULT_CELLS.join(",")}).`);
  }
  const [client, protocol] = name.split("/") as [Cell["client"], Cell["protocol"]];
  return { name, client, protocol };
}
