import { describe, expect, test } from "vitest";
import type { MatrixRun } from "../evidence/matrix-run.js";
import type { ProofResult } from "../evidence/proof-result.js";
import { runResultsFolder, type CellName } from "../evidence/results-layout.js";
import { KAFKA_VERSION } from "../kafka-version.js";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { currentResults, proofMatrix } from "./proof-matrix.js";
import type { ColumnResults, SiteResults } from "./site-results.js";

const at = (minute: number) => `2026-11-27T17:${String(minute).padStart(2, "0")}:00.000Z`;
const result = (id: string, minute: number, overrides: Partial<ProofResult> = {}) => proofResultFixture({ id, title: `The ${id} claim`, startedAt: at(minute), ...overrides });
const column = (cell: CellName, results: ProofResult[], kafkaVersion = KAFKA_VERSION): ColumnResults => ({
  cell,
  kafkaVersion,
  folder: runResultsFolder({ cell, kafkaVersion }),
  results,
});

function site(columns: ColumnResults[], matrixRun?: MatrixRun): SiteResults {
  return { results: columns[0]!.results, columns, ...(matrixRun ? { matrixRun } : {}) };
}

describe("proofMatrix without a matrix run", () => {
  const defaults = [result("ack", 10), result("smoke", 11, { verdict: "fail" })];
  const matrix = proofMatrix(
    site([
      column("kafkajs/classic", defaults),
      column("java/classic", [result("ack", 12), result("smoke", 9)]),
      column("java/consumer", [result("ack", 13, { verdict: "skipped", skipReason: "not applicable in java/consumer: why" })]),
      column("kafkajs/classic", [result("ack", 5)], "3.9.2"),
    ]),
  );

  test("the run is the default cell's: from its first result", () => {
    expect(matrix.run).toEqual({ kind: "proofs", startedAt: at(10) });
  });

  test("every proof in every column: its verdict and the page of its evidence", () => {
    expect(matrix.rows.map((row) => row.id)).toEqual(["ack", "smoke"]);
    expect(matrix.rows[0]!.entries.slice(0, 2)).toEqual([
      { status: "pass", href: "/proofs/ack.html" },
      { status: "pass", href: "/proofs/java-classic/ack.html" },
    ]);
    expect(matrix.rows[1]!.entries[0]).toEqual({ status: "fail", href: "/proofs/smoke.html" });
  });

  test("a result older than the run is not run, never a pass, and has no page", () => {
    expect(matrix.rows[1]!.entries[1]).toEqual({ status: "not-run", reason: "the only result is an earlier run's (2026-11-27 17:09:00 UTC), not this run's" });
  });

  test("no result is not run; a skipped proof is not applicable, with its reason and its page", () => {
    expect(matrix.rows[1]!.entries[2]).toEqual({ status: "not-run", reason: "the run recorded no result for it" });
    expect(matrix.rows[0]!.entries[2]).toEqual({ status: "not-applicable", reason: "not applicable in java/consumer: why", href: "/proofs/java-consumer/ack.html" });
  });

  test("another Kafka version is a column only when the run has results there", () => {
    expect(matrix.columns.map((c) => `${c.cell}@${c.kafkaVersion}`)).toEqual([
      `kafkajs/classic@${KAFKA_VERSION}`,
      `java/classic@${KAFKA_VERSION}`,
      `java/consumer@${KAFKA_VERSION}`,
    ]);
  });
});

describe("proofMatrix with a matrix run", () => {
  const ran = (cell: CellName, kafkaVersion: string, minute: number, notApplicable?: string) => ({
    cell,
    kafkaVersion,
    startedAt: at(minute),
    seconds: 120,
    exitCode: 0,
    ...(notApplicable ? { notApplicable } : {}),
  });
  const why = "the consumer group protocol (KIP-848) is generally available from Kafka 4.0";
  const matrixRun: MatrixRun = {
    startedAt: at(10),
    finishedAt: at(20),
    columns: [ran("kafkajs/classic", KAFKA_VERSION, 10), ran("java/classic", KAFKA_VERSION, 12), ran("kafkajs/classic", "3.9.2", 14), ran("java/consumer", "3.9.2", 16, why)],
  };
  const columns = [
    column("kafkajs/classic", [result("ack", 10)]),
    column("java/classic", [result("ack", 12)]),
    column("java/consumer", [result("ack", 8)]),
    column("kafkajs/classic", [result("ack", 14)], "3.9.2"),
    column("java/classic", [], "3.9.2"),
    column("java/consumer", [], "3.9.2"),
  ];
  const matrix = proofMatrix(site(columns, matrixRun));

  test("the run is the matrix run, and every version it ran is a column, with how long each column took", () => {
    expect(matrix.run).toEqual({ kind: "matrix", startedAt: at(10) });
    expect(matrix.columns.map((c) => [c.cell, c.kafkaVersion, c.seconds])).toEqual([
      ["kafkajs/classic", KAFKA_VERSION, 120],
      ["java/classic", KAFKA_VERSION, 120],
      ["java/consumer", KAFKA_VERSION, undefined],
      ["kafkajs/classic", "3.9.2", 120],
      ["java/classic", "3.9.2", undefined],
      ["java/consumer", "3.9.2", undefined],
    ]);
  });

  test("a column that could not start is not applicable throughout, with the reason, and nothing to link", () => {
    const reason = `not applicable on Kafka 3.9.2: ${why}`;
    expect(matrix.columns[5]!.notApplicable).toBe(reason);
    expect(matrix.rows[0]!.entries[5]).toEqual({ status: "not-applicable", reason });
  });

  test("a cell the matrix did not run is not run, whatever an earlier run left there", () => {
    expect(matrix.rows[0]!.entries[2]).toEqual({ status: "not-run", reason: "this cell was not part of the run" });
    expect(matrix.rows[0]!.entries[4]).toEqual({ status: "not-run", reason: "this cell was not part of the run" });
    expect(matrix.rows[0]!.entries[3]).toEqual({ status: "pass", href: "/proofs/kafka-3.9.2/ack.html" });
  });

  test("only this run's results get pages", () => {
    expect(currentResults(site(columns, matrixRun)).map(({ column: c }) => c.folder)).toEqual(["", "java-classic", "kafka-3.9.2"]);
  });

  test("proofs run alone after the matrix replace it as the run: the matrix's other cells are then an earlier run's", () => {
    const later = site([column("kafkajs/classic", [result("ack", 30)]), ...columns.slice(1)], matrixRun);
    const matrixAfter = proofMatrix(later);
    expect(matrixAfter.run).toEqual({ kind: "proofs", startedAt: at(30) });
    expect(matrixAfter.rows[0]!.entries.map((e) => e.status)).toEqual(["pass", "not-run", "not-run"]);
    expect(currentResults(later).map(({ column: c }) => c.folder)).toEqual([""]);
  });

  test("a matrix run that was stopped ends with its last column", () => {
    const { finishedAt: _, ...stopped } = matrixRun;
    // The default results began within the stopped run: it is still the run shown.
    expect(proofMatrix(site(columns, stopped)).run.kind).toBe("matrix");
  });
});
