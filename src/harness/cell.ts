import { ConfigError } from "../errors.js";

/**
 * A cell of the proof matrix: which client plays every consumer of a run, and
 * which group protocol it speaks. A scenario asks for "a consumer in group A";
 * the cell decides what that consumer is. One cell per run, from `KAFKA_PROOFS_CELL`.
 */
export const CELLS = ["kafkajs/classic", "java/classic", "java/consumer"] as const;
export type CellName = (typeof CELLS)[number];

export interface Cell {
  name: CellName;
  client: "kafkajs" | "java";
  /** `classic`: JoinGroup/SyncGroup; `consumer`: the consumer group protocol of KIP-848. */
  protocol: "classic" | "consumer";
}

export const DEFAULT_CELL: CellName = "kafkajs/classic";

/** The cell a run is for; an unknown name stops the run, saying which there are. */
export function cellFrom(env: NodeJS.ProcessEnv): Cell {
  const raw = env.KAFKA_PROOFS_CELL?.trim() || DEFAULT_CELL;
  const name = CELLS.find((cell) => cell === raw);
  if (!name) {
    throw new ConfigError(`KAFKA_PROOFS_CELL="${raw}" is not a cell we know.`, `Set it to one of: ${CELLS.join(", ")} (default ${DEFAULT_CELL}).`);
  }
  const [client, protocol] = name.split("/") as [Cell["client"], Cell["protocol"]];
  return { name, client, protocol };
}

/**
 * The folder, under the results folder, a cell's results go to: none for the
 * default cell (results/<id>.json, what the site reads), `java-classic/` and so on for the others.
 */
export function cellResultsFolder(cell: CellName): string {
  return cell === DEFAULT_CELL ? "" : cell.replace("/", "-");
}
