import { expect, it } from "vitest";
import { KAFKA_VERSION } from "../kafka-version.js";
import { runResultsFolder, versionOfFolder, versionResultsFolder } from "./results-layout.js";

it("keeps the default cell on the pinned Kafka where the site has always read it, and every other run in a folder of its own", () => {
  expect(runResultsFolder({ cell: "kafkajs/classic", kafkaVersion: KAFKA_VERSION })).toBe("");
  expect(runResultsFolder({ cell: "java/classic", kafkaVersion: KAFKA_VERSION })).toBe("java-classic");
  expect(runResultsFolder({ cell: "kafkajs/classic", kafkaVersion: "3.9.2" })).toBe("kafka-3.9.2");
  expect(runResultsFolder({ cell: "java/consumer", kafkaVersion: "3.9.2" })).toBe("kafka-3.9.2/java-consumer");
});

it("gives a broker of unknown version (an external cluster) no version folder", () => {
  expect(versionResultsFolder("unknown")).toBe("");
  expect(versionResultsFolder(KAFKA_VERSION)).toBe("");
});

it("reads a version back from its folder's name, and nothing from any other folder", () => {
  expect(versionOfFolder("kafka-3.9.2")).toBe("3.9.2");
  expect(versionOfFolder(`kafka-${KAFKA_VERSION}`)).toBeUndefined();
  expect(["java-classic", "screenshots", "kafka-latest", "kafka-3.9"].map(versionOfFolder)).toEqual([undefined, undefined, undefined, undefined]);
});
