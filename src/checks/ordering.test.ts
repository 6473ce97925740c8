import { describe, expect, it } from "vitest";
import type { ProducedMessage, ReceivedMessage } from "../evidence/proof-result.js";
import { evidence, group, TOPIC } from "./evidence-fixture.js";
import { interleavingAcrossKeys, perKeyOrder, sameKeySamePartition } from "./ordering.js";

const sent = (key: string, partition: number, offset: number): ProducedMessage => ({ topic: TOPIC, partition, offset, key, value: null });
const got = (m: ProducedMessage, at: number): ReceivedMessage => ({ ...m, memberId: "m", consumer: "A", at });

describe("sameKeySamePartition", () => {
  it("rejects a key stored in two partitions", () => {
    const e = evidence({ produced: [sent("k1", 0, 0), sent("k1", 1, 0)] });
    expect(sameKeySamePartition(e).detail).toContain("k1 in p0 and p1");
  });

  it("accepts one partition per key", () => {
    expect(sameKeySamePartition(evidence({ produced: [sent("k1", 0, 0), sent("k2", 1, 0), sent("k1", 0, 1)] })).ok).toBe(true);
  });
});

describe("perKeyOrder", () => {
  const produced = [sent("k1", 0, 0), sent("k2", 1, 0), sent("k1", 0, 1)];

  it("accepts interleaving across keys when each key is in order", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[1]!, 0), got(produced[0]!, 1), got(produced[2]!, 2)] })] });
    expect(perKeyOrder(e, { consumer: "A" }).ok).toBe(true);
  });

  it("rejects a key's later message arriving first", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[2]!, 0), got(produced[0]!, 1)] })] });
    expect(perKeyOrder(e, { consumer: "A" }).detail).toContain("k1: #2 before #0");
  });
});

describe("interleavingAcrossKeys", () => {
  const produced = [sent("k1", 0, 0), sent("k2", 1, 0)];

  it("shows where arrival departs from production order", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[1]!, 0), got(produced[0]!, 1)] })] });
    expect(interleavingAcrossKeys(e, { consumer: "A" }).detail).toContain("position 0");
  });

  it("fails when everything arrived in production order: no interleaving was shown", () => {
    const e = evidence({ produced, groups: [group("A", { received: [got(produced[0]!, 0), got(produced[1]!, 1)] })] });
    expect(interleavingAcrossKeys(e, { consumer: "A" }).ok).toBe(false);
  });
});
