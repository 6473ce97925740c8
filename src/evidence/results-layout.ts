import { KAFKA_VERSION } from "../kafka-version.js";

/**
 * Where each run's results go under the results folder: one folder per Kafka
 * version and cell of the proof matrix, so that a run of one never overwrites another's.
 *
 *     results/<id>.json                              the default cell on the pinned Kafka (what the site leads with)
 *     results/java-classic/<id>.json                 another cell on the pinned Kafka
 *     results/kafka-3.9.2/<id>.json                  the default cell on another Kafka
 *     results/kafka-3.9.2/java-classic/<id>.json     another cell on another Kafka
 *
 * The site's pages follow the same paths: /proofs/<id>, /proofs/java-classic/<id>…
 */

/** The cells of the proof matrix: which client plays every consumer of a run, and which group protocol it speaks. */
export const CELLS = ["kafkajs/classic", "java/classic", "java/consumer"] as const;
export type CellName = (typeof CELLS)[number];

export const DEFAULT_CELL: CellName = "kafkajs/classic";

/** The folder of a cell's results: none for the default cell, `java-classic` and so on for the others. */
export function cellResultsFolder(cell: CellName): string {
  return cell === DEFAULT_CELL ? "" : cell.replace("/", "-");
}

const RELEASE = /^\d+\.\d+\.\d+$/;

/**
 * The folder of a Kafka version's results: none for the pinned version, `kafka-3.9.2` for another release.
 * A broker whose version is not known (an external cluster, `KAFKA_VERSION` unset: "unknown") has no
 * folder of its own; its results say "unknown" in `kafka.version`.
 */
export function versionResultsFolder(kafkaVersion: string): string {
  return kafkaVersion === KAFKA_VERSION || !RELEASE.test(kafkaVersion) ? "" : `kafka-${kafkaVersion}`;
}

/** One run of the matrix: a cell on a Kafka version. */
export interface MatrixColumn {
  kafkaVersion: string;
  cell: CellName;
}

/** The folder of one cell's results on one version, relative to the results folder ("" for the default one), `/`-separated. */
export function runResultsFolder({ kafkaVersion, cell }: MatrixColumn): string {
  return [versionResultsFolder(kafkaVersion), cellResultsFolder(cell)].filter(Boolean).join("/");
}

/** The Kafka version whose results a folder directly under results/ holds (`kafka-3.9.2` → 3.9.2); undefined for any other folder. */
export function versionOfFolder(name: string): string | undefined {
  const version = /^kafka-(.+)$/.exec(name)?.[1];
  return version !== undefined && RELEASE.test(version) && version !== KAFKA_VERSION ? version : undefined;
}
