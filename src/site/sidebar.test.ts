import { expect, test } from "vitest";
import { runResultsFolder, type CellName } from "../evidence/results-layout.js";
import { KAFKA_VERSION } from "../kafka-version.js";
import { proofResultFixture } from "./fixtures/proof-result-fixture.js";
import { siteSidebar } from "./sidebar.js";

test("every proof of the run everywhere, marked over all its cells; on another column's pages, that column's proofs of this run first", () => {
  const column = (cell: CellName, kafkaVersion: string, startedAt: string) => ({
    cell,
    kafkaVersion,
    folder: runResultsFolder({ cell, kafkaVersion }),
    results: [proofResultFixture({ startedAt, verdict: "fail", title: "A <b> claim" })],
  });
  const results = [proofResultFixture({ startedAt: "2026-11-27T17:10:00.000Z" })];
  const sidebar = siteSidebar({
    results,
    columns: [
      { cell: "kafkajs/classic", kafkaVersion: KAFKA_VERSION, folder: "", results },
      column("java/classic", "3.9.2", "2026-11-27T17:20:00.000Z"),
      column("java/consumer", KAFKA_VERSION, "2026-11-27T17:00:00.000Z"),
    ],
  });
  expect(Object.keys(sidebar)).toEqual(["/", "/proofs/kafka-3.9.2/java-classic/"]);
  // Passed in kafkajs/classic, failed in java/classic on 3.9.2 (java/consumer's result is an earlier run's): failed.
  expect(sidebar["/"]![0]!.items).toEqual([{ text: "✗ A fixture&#39;s claim", link: "/proofs/kafka-3.9.2/java-classic/fixture" }]);
  const java = sidebar["/proofs/kafka-3.9.2/java-classic/"]!;
  expect(java[0]).toEqual({ text: "Proofs in java/classic on Kafka 3.9.2", items: [{ text: "✗ A &lt;b&gt; claim", link: "/proofs/kafka-3.9.2/java-classic/fixture" }] });
  expect(java.map((group) => group.text)).toEqual(["Proofs in java/classic on Kafka 3.9.2", "Proofs", "About"]);
});
