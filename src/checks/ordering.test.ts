import { describe, expect, it } from "vitest";
import type { ProducedMessage, ReceivedMessage } from "../evidence/proof-result.js";
import { consumer, evidence, group, TOPIC } from "./evidence-fixture.js";
import { interleavingAcrossKeys, perKeyOrder, sameKeySamePartition } from "./ordering.js";

const sent = (key: string, partition: number, offset: number): ProducedMessage => ({ topic: TOPIC, partition, offset, key, value: null });
const got = (m: ProducedMessage, at: number): ReceivedMessage => ({ ...m, memberId: "m", consumer: "A", at });

describe("sameKeySamePartition", () => {
  it("rejects a key stored in two partitions", () => {
    const e = evidence({ produced: [sent("k1", 0, 0), sent("k1", 1, 0)] });
    expect(sameKeySamePartition(e).detail).toContain("k1 in p0 and p1");
  });

  it("accepts one partition per key", () => {
    expect(sameKeySamePartition(evidence({ produced: [sent("k1", 0, 0), sent("k2", 1, 0), sent("k1", 0, 1)] })).outcome).toBe("pass");
  });

  it("fails when no keyed message was produced", () => {
    expect(sameKeySamePartition(evidence())).toMatchObject({ outcome: "fail", detail: "expected keyed messages; none was produced" });
  });
});

describe("perKeyOrder", () => {
  const produced = [sent("k1", 0, 0), sent("k2", 1, 0), sent("k1", 0, 1)];

  it("accepts interleaving across keys when each key is in order", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[1]!, 0), got(produced[0]!, 1), got(produced[2]!, 2)] })] });
    expect(perKeyOrder(e, { consumer: "A" }).outcome).toBe("pass");
  });

  it("rejects a key's later message arriving first", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[2]!, 0), got(produced[0]!, 1)] })] });
    expect(perKeyOrder(e, { consumer: "A" })).toMatchObject({ outcome: "fail", detail: expect.stringContaining("k1: #2 before #0") });
  });

  it("fails a consumer that received nothing keyed", () => {
    const e = evidence({ produced, consumers: [consumer("A", "A")] });
    expect(perKeyOrder(e, { consumer: "A" })).toMatchObject({ outcome: "fail", detail: "expected keyed messages received; none was" });
  });

  it("cannot judge a consumer or group the evidence lacks", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[0]!, 0)] })] });
    expect(perKeyOrder(e, { consumer: "B" })).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("consumer B") });
    expect(perKeyOrder(e, { group: "B" })).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("group B") });
  });
});

describe("interleavingAcrossKeys", () => {
  const produced = [sent("k1", 0, 0), sent("k2", 1, 0)];

  it("shows where arrival departs from production order", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[1]!, 0), got(produced[0]!, 1)] })] });
    expect(interleavingAcrossKeys(e, { consumer: "A" })).toMatchObject({ outcome: "pass", detail: expect.stringContaining("position 0") });
  });

  it("fails when everything arrived in production order: no interleaving was shown", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[0]!, 0), got(produced[1]!, 1)] })] });
    expect(interleavingAcrossKeys(e, { consumer: "A" }).outcome).toBe("fail");
  });

  it("cannot judge a consumer or group the evidence lacks", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[1]!, 0), got(produced[0]!, 1)] })] });
    expect(interleavingAcrossKeys(e, { consumer: "B" }).outcome).toBe("inconclusive");
    expect(interleavingAcrossKeys(e, { group: "B" }).outcome).toBe("inconclusive");
  });
});
