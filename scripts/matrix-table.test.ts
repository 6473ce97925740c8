import { expect, it } from "vitest";
import { matrixTable } from "./matrix-table.js";

it("marks each proof in each cell, and gives the reason for every n/a", () => {
  const table = matrixTable(
    ["ack-isolation", "reset-isolation"],
    ["kafkajs/classic", "java/consumer"],
    [
      { proof: "ack-isolation", cell: "kafkajs/classic", verdict: "pass" },
      { proof: "ack-isolation", cell: "java/consumer", verdict: "fail" },
      { proof: "reset-isolation", cell: "java/consumer", verdict: "skipped", skipReason: "not applicable in java/consumer: why" },
    ],
  );
  expect(table).toBe(
    [
      "proof            kafkajs/classic  java/consumer",
      "---------------  ---------------  -------------",
      "ack-isolation    ✓                ✗",
      "reset-isolation  ·                n/a",
      "",
      "n/a reset-isolation in java/consumer: not applicable in java/consumer: why",
    ].join("\n"),
  );
});
