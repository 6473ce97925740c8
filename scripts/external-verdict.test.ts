import { expect, it } from "vitest";
import { judgeExternalRun, type CellResult } from "./external-verdict.js";

const passed = (proof: string, cell: CellResult["cell"]): CellResult => ({ proof, cell, verdict: "pass" });

it("passes a run where every cell ran every proof, or skipped it for the proof's own reason", () => {
  const results: CellResult[] = [
    passed("smoke", "kafkajs/classic"),
    passed("smoke", "java/consumer"),
    { proof: "share-ack-per-record", cell: "kafkajs/classic", verdict: "skipped", skipReason: "not applicable in kafkajs/classic: no consumer-group member here" },
    {
      proof: "commits-survive-broker-restart",
      cell: "java/consumer",
      verdict: "skipped",
      skipReason: "it restarts a broker of its own, which needs native mode (this run is external)",
    },
  ];
  expect(judgeExternalRun(results)).toEqual({ passed: 2, failures: [] });
});

it("fails a run with a failed proof, a missing result, or a skip made for not knowing the broker", () => {
  const results: CellResult[] = [
    { proof: "smoke", cell: "kafkajs/classic", verdict: "fail" },
    { proof: "smoke", cell: "java/consumer" },
    { proof: "share-ack-per-record", cell: "java/consumer", verdict: "skipped", skipReason: "not applicable on this cluster: the broker does not support share groups (KIP-932)" },
    {
      proof: "ack-isolation",
      cell: "java/consumer",
      verdict: "skipped",
      skipReason: "not run in java/consumer: the Java consumer host needs Kafka 4's clients, and this broker is unknown",
    },
  ];
  expect(judgeExternalRun(results).failures).toEqual([
    "smoke [kafkajs/classic] failed",
    "smoke [java/consumer] recorded no result",
    "share-ack-per-record [java/consumer] was not run: not applicable on this cluster: the broker does not support share groups (KIP-932)",
    "ack-isolation [java/consumer] was not run: not run in java/consumer: the Java consumer host needs Kafka 4's clients, and this broker is unknown",
  ]);
});
