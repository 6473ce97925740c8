import { describe, expect, it } from "vitest";
import type { BrokerSupport } from "../broker/api-versions.js";
import { cellNotApplicableOn, SHARE_GROUPS_GA, whyNotRun, type RunFacts } from "./applicability.js";

const run: RunFacts = { cell: "kafkajs/classic", kafkaVersion: "4.4.0", brokerMode: "native", javaHostAbsent: null };
const shareProof = { requiresKafka: SHARE_GROUPS_GA, shareConsumers: true };
/** What a Kafka 4.4 broker answered to ApiVersions, in part: the heartbeats of both new group kinds, and their features. */
const kafka44: BrokerSupport = { apis: { 68: { min: 0, max: 1 }, 76: { min: 1, max: 1 } }, finalized: { "group.version": 1, "share.version": 2, "metadata.version": 33 } };

describe("whyNotRun", () => {
  it("runs a proof whose needs the run meets", () => {
    expect(whyNotRun({}, run)).toBeUndefined();
    expect(whyNotRun(shareProof, run)).toBeUndefined();
    expect(whyNotRun(shareProof, { ...run, kafkaVersion: "4.2.0" })).toBeUndefined();
  });

  it("skips a proof on a Kafka older than it requires, with its reason", () => {
    expect(whyNotRun(shareProof, { ...run, kafkaVersion: "3.9.2" })).toBe("not applicable on Kafka 3.9.2: share groups (KIP-932) are generally available from Kafka 4.2");
    expect(whyNotRun(shareProof, { ...run, kafkaVersion: "4.1.1" })).toBe("not applicable on Kafka 4.1.1: share groups (KIP-932) are generally available from Kafka 4.2");
  });

  it("skips every proof of the java/consumer cell before Kafka 4.0, and none after", () => {
    const old = { ...run, cell: "java/consumer" as const, kafkaVersion: "3.9.2" };
    expect(whyNotRun({}, old)).toBe("not applicable on Kafka 3.9.2: the consumer group protocol (KIP-848) is generally available from Kafka 4.0");
    expect(whyNotRun({}, { ...old, kafkaVersion: "4.0.0" })).toBeUndefined();
    expect(whyNotRun({}, { ...run, kafkaVersion: "3.9.2" })).toBeUndefined();
    expect(whyNotRun({}, { ...run, cell: "kafkajs/classic", kafkaVersion: "3.9.2" })).toBeUndefined();
    expect(whyNotRun({}, { ...run, cell: "java/classic", kafkaVersion: "3.9.2" })).toBeUndefined();
  });

  it("runs on a cluster of unknown version that said nothing: the broker, not a guess, says if it is too old", () => {
    expect(whyNotRun(shareProof, { ...run, kafkaVersion: "unknown" })).toBeUndefined();
  });

  it("judges a cluster of unknown version by what it said it supports", () => {
    const unknown: RunFacts = { ...run, cell: "java/consumer", kafkaVersion: "unknown", supports: kafka44 };
    expect(whyNotRun(shareProof, unknown)).toBeUndefined();
    expect(whyNotRun({}, unknown)).toBeUndefined();
    // Share groups not finalized (a 4.1 cluster, where they are a preview), and no consumer group protocol (3.9).
    const noShare = { ...unknown, supports: { ...kafka44, finalized: { "group.version": 1 } } };
    expect(whyNotRun(shareProof, noShare)).toBe(
      "not applicable on this cluster: the broker does not support share groups (KIP-932): it finalizes share.version at 0, and 1 is needed",
    );
    const old = { ...unknown, supports: { apis: {}, finalized: { "metadata.version": 21 } } };
    expect(whyNotRun({}, old)).toBe(
      "not applicable on this cluster: the broker does not support the consumer group protocol (KIP-848): it finalizes group.version at 0, and 1 is needed",
    );
    expect(whyNotRun({}, { ...old, cell: "kafkajs/classic" })).toBeUndefined();
    // A feature finalized by a broker that takes none of its requests is no support either.
    expect(whyNotRun({}, { ...unknown, supports: { apis: {}, finalized: { "group.version": 1 } } })).toBe(
      "not applicable on this cluster: the broker does not support the consumer group protocol (KIP-848): it takes no ConsumerGroupHeartbeat requests",
    );
  });

  it("finds nothing to run in the java/consumer cell before Kafka 4, and runs both clients on the classic protocol on 3.9", () => {
    expect(cellNotApplicableOn("java/consumer", { kafkaVersion: "3.9.2" })).toBe("the consumer group protocol (KIP-848) is generally available from Kafka 4.0");
    expect(cellNotApplicableOn("java/consumer", { kafkaVersion: "4.0.0" })).toBeUndefined();
    expect(cellNotApplicableOn("java/classic", { kafkaVersion: "3.9.2" })).toBeUndefined();
    expect(cellNotApplicableOn("java/classic", { kafkaVersion: "4.4.0" })).toBeUndefined();
    expect(cellNotApplicableOn("kafkajs/classic", { kafkaVersion: "3.9.2" })).toBeUndefined();
    expect(cellNotApplicableOn("java/consumer", { kafkaVersion: "unknown", supports: kafka44 })).toBeUndefined();
  });

  it("skips a proof in a cell it declares not applicable, and one that restarts its broker outside native mode", () => {
    expect(whyNotRun({ notApplicable: { "java/classic": "no consumer group here" } }, { ...run, cell: "java/classic" })).toBe(
      "not applicable in java/classic: no consumer group here",
    );
    expect(whyNotRun({ dedicatedBroker: true }, { ...run, brokerMode: "container" })).toBe("it restarts a broker of its own, which needs native mode (this run is container)");
  });

  it("does not run share consumers without the run's Java host, and says why there is none", () => {
    expect(whyNotRun(shareProof, { ...run, javaHostAbsent: "Kafka 4.4.0's jars are not cached" })).toBe(
      "not run: its share consumers are Kafka's Java KafkaShareConsumer, and this run has no Java consumer host (Kafka 4.4.0's jars are not cached)",
    );
    expect(whyNotRun({}, { ...run, javaHostAbsent: "none wanted" })).toBeUndefined();
  });

  it("gives the version's reason first: a proof too new for the broker is not applicable, not merely not run", () => {
    expect(whyNotRun(shareProof, { ...run, kafkaVersion: "3.9.2", javaHostAbsent: "Kafka 3.9.2 has no share groups" })).toMatch(/^not applicable on Kafka 3\.9\.2/);
  });

  it("records a Java cell's every proof as not run where the run has no Java host, saying why, and a kafkajs cell's as run", () => {
    const noHost = { ...run, javaHostAbsent: "Kafka 4.4.0's jars are not cached" };
    expect(whyNotRun({}, { ...noHost, cell: "java/consumer" })).toBe("not run in java/consumer: Kafka 4.4.0's jars are not cached");
    expect(whyNotRun({}, { ...noHost, cell: "java/classic" })).toBe("not run in java/classic: Kafka 4.4.0's jars are not cached");
    expect(whyNotRun({}, noHost)).toBeUndefined();
  });
});
