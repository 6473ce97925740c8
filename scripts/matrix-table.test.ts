import { expect, it } from "vitest";
import { matrixTable } from "./matrix-table.js";

const on = (cell: string, kafkaVersion = "4.4.0") => ({ cell, kafkaVersion });

it("marks each proof in each cell, and gives the reason for every n/a", () => {
  const table = matrixTable(
    ["ack-isolation", "reset-isolation"],
    [on("kafkajs/classic"), on("java/consumer")],
    [
      { proof: "ack-isolation", ...on("kafkajs/classic"), verdict: "pass" },
      { proof: "ack-isolation", ...on("java/consumer"), verdict: "fail" },
      { proof: "reset-isolation", ...on("java/consumer"), verdict: "skipped", skipReason: "not applicable in java/consumer: why" },
    ],
  );
  expect(table).toBe(
    [
      "                 Kafka 4.4.0",
      "proof            kafkajs/classic  java/consumer",
      "---------------  ---------------  -------------",
      "ack-isolation    ✓                ✗",
      "reset-isolation  ·                n/a",
      "",
      "n/a reset-isolation in java/consumer on Kafka 4.4.0: not applicable in java/consumer: why",
    ].join("\n"),
  );
});

it("names each Kafka version above its group of columns, and gives a column that is n/a throughout one line", () => {
  const why = "not applicable on Kafka 3.9.2: the consumer group protocol (KIP-848) is generally available from Kafka 4.0";
  const table = matrixTable(
    ["ack-isolation", "smoke"],
    [on("kafkajs/classic"), on("kafkajs/classic", "3.9.2"), on("java/consumer", "3.9.2")],
    [
      { proof: "ack-isolation", ...on("kafkajs/classic"), verdict: "pass" },
      { proof: "smoke", ...on("kafkajs/classic"), verdict: "pass" },
      { proof: "smoke", ...on("kafkajs/classic", "3.9.2"), verdict: "fail" },
      { proof: "ack-isolation", ...on("java/consumer", "3.9.2"), verdict: "skipped", skipReason: why },
      { proof: "smoke", ...on("java/consumer", "3.9.2"), verdict: "skipped", skipReason: why },
    ],
  );
  expect(table).toBe(
    [
      "               Kafka 4.4.0      Kafka 3.9.2",
      "proof          kafkajs/classic  kafkajs/classic  java/consumer",
      "-------------  ---------------  ---------------  -------------",
      "ack-isolation  ✓                ·                n/a",
      "smoke          ✓                ✗                n/a",
      "",
      `n/a every proof in java/consumer on Kafka 3.9.2: ${why}`,
    ].join("\n"),
  );
});
