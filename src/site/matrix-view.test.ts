import { expect, test } from "vitest";
import { columnNote, footnoteNumber, footnotes, versionSpans } from "./matrix-view.js";
import type { MatrixPageColumn } from "./proof-matrix.js";

const columns: MatrixPageColumn[] = [
  { cell: "kafkajs/classic", kafkaVersion: "4.4.0", folder: "", seconds: 132.9 },
  { cell: "java/classic", kafkaVersion: "4.4.0", folder: "java-classic" },
  { cell: "kafkajs/classic", kafkaVersion: "3.9.2", folder: "kafka-3.9.2", seconds: 80 },
  { cell: "java/consumer", kafkaVersion: "3.9.2", folder: "kafka-3.9.2/java-consumer", notApplicable: "not applicable on Kafka 3.9.2: why" },
];

test("each Kafka version spans its cells' columns", () => {
  expect(versionSpans(columns)).toEqual([
    { kafkaVersion: "4.4.0", span: 2 },
    { kafkaVersion: "3.9.2", span: 2 },
  ]);
});

test("every reason is one note, numbered in order of appearance, the columns' first", () => {
  const notes = footnotes({ columns }, [
    { status: "not-run", reason: "no result" },
    { status: "pass" },
    { status: "not-applicable", reason: "not applicable on Kafka 3.9.2: why" },
    { status: "not-run", reason: "no result" },
  ]);
  expect(notes).toEqual(["not applicable on Kafka 3.9.2: why", "no result"]);
  expect([footnoteNumber(notes, "no result"), footnoteNumber(notes, undefined), footnoteNumber(notes, "other")]).toEqual([2, undefined, undefined]);
});

test("a column's header says how long it took, or that it was not started", () => {
  expect(columns.map(columnNote)).toEqual(["133 s", "", "80 s", "not started"]);
});
