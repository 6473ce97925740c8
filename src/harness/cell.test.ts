import { expect, it } from "vitest";
import { cellFrom, cellResultsFolder, cellsFrom } from "./cell.js";

it("runs kafkajs on the classic protocol unless told otherwise", () => {
  expect(cellFrom({})).toEqual({ name: "kafkajs/classic", client: "kafkajs", protocol: "classic" });
  expect(cellFrom({ KAFKA_PROOFS_CELL: " " }).name).toBe("kafkajs/classic");
});

it("reads the client and the protocol from the cell's name", () => {
  expect(cellFrom({ KAFKA_PROOFS_CELL: "java/consumer" })).toEqual({ name: "java/consumer", client: "java", protocol: "consumer" });
  expect(cellFrom({ KAFKA_PROOFS_CELL: "java/classic" })).toEqual({ name: "java/classic", client: "java", protocol: "classic" });
});

it("refuses a cell it does not know, naming those it does", () => {
  expect(() => cellFrom({ KAFKA_PROOFS_CELL: "kafkajs/consumer" })).toThrow(
    'KAFKA_PROOFS_CELL="kafkajs/consumer" is not a cell we know.\n  → Set it to one of: kafkajs/classic, java/classic, java/consumer',
  );
});

it("keeps the default cell's results where the site reads them, and each other cell's in a folder of its own", () => {
  expect(cellResultsFolder("kafkajs/classic")).toBe("");
  expect(cellResultsFolder("java/classic")).toBe("java-classic");
  expect(cellResultsFolder("java/consumer")).toBe("java-consumer");
});

it("plays kafkajs on the classic protocol and Kafka's client on the consumer protocol unless told otherwise", () => {
  expect(cellsFrom({})).toEqual({
    cells: [
      { name: "kafkajs/classic", client: "kafkajs", protocol: "classic" },
      { name: "java/consumer", client: "java", protocol: "consumer" },
    ],
    explicit: false,
  });
});

it("takes a list of cells, each once, or a single cell, and says they were asked for", () => {
  expect(cellsFrom({ KAFKA_PROOFS_CELLS: "java/classic, java/consumer,java/classic," })).toEqual({
    cells: [cellFrom({ KAFKA_PROOFS_CELL: "java/classic" }), cellFrom({ KAFKA_PROOFS_CELL: "java/consumer" })],
    explicit: true,
  });
  expect(cellsFrom({ KAFKA_PROOFS_CELL: "java/classic" })).toEqual({ cells: [cellFrom({ KAFKA_PROOFS_CELL: "java/classic" })], explicit: true });
  // The list wins over the single cell when both are set.
  expect(cellsFrom({ KAFKA_PROOFS_CELLS: "kafkajs/classic", KAFKA_PROOFS_CELL: "java/classic" }).cells.map((c) => c.name)).toEqual(["kafkajs/classic"]);
});

it("refuses a list naming a cell it does not know, naming the variable", () => {
  expect(() => cellsFrom({ KAFKA_PROOFS_CELLS: "kafkajs/classic,java/kip848" })).toThrow('KAFKA_PROOFS_CELLS="java/kip848" is not a cell we know.');
});
