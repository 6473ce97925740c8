import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../evidence/proof-result.js";
import type { TransactionRequest } from "../evidence/refs.js";
import { evidence, group, received, TOPIC } from "./evidence-fixture.js";
import { everyInputHasOutput, refusedWithOneOf, sawAllOf, sawNoneOf } from "./transactions.js";

const write = (producer: string, transactionRequest: number, offset: number): TimelineEvent => ({
  at: offset,
  event: "produce",
  actor: producer,
  summary: `${producer} wrote`,
  producer,
  transactionRequest,
  topic: TOPIC,
  partition: 0,
  offset,
});
const refusal = (producer: string, transactionRequest: number, code: string): TimelineEvent => ({
  at: 9,
  event: "refused",
  actor: producer,
  summary: "refused",
  producer,
  transactionRequest,
  code,
});
const P1 = { producer: "P1" };
const P2 = { producer: "P2" };
// P1 wrote 0 and 1 in a transaction that was then fenced; P2 wrote 3 and committed.
const writes = [write("P1", 1, 0), write("P1", 1, 1), write("P2", 2, 3)];
const reading = (consumer: string, ...offsets: number[]) => group(consumer, { received: received(consumer, "m", ...offsets.map((o): [number, number] => [0, o])) });

describe("refusedWithOneOf", () => {
  const send: TransactionRequest = { transactionRequest: 4, producer: "P1", action: "send" };
  it("passes a refusal with one of the codes, and fails another code or an acknowledgement", () => {
    const fenced = evidence({ timeline: [...writes, refusal("P1", 4, "INVALID_PRODUCER_EPOCH")] });
    expect(refusedWithOneOf(fenced, send, ["INVALID_PRODUCER_EPOCH", "PRODUCER_FENCED"]).outcome).toBe("pass");
    const other = evidence({ timeline: [refusal("P1", 4, "GROUP_AUTHORIZATION_FAILED")] });
    expect(refusedWithOneOf(other, send, ["INVALID_PRODUCER_EPOCH"])).toMatchObject({
      outcome: "fail",
      detail: "expected INVALID_PRODUCER_EPOCH; the broker answered GROUP_AUTHORIZATION_FAILED",
    });
    const accepted = evidence({ timeline: [write("P1", 4, 5)] });
    expect(refusedWithOneOf(accepted, send, ["INVALID_PRODUCER_EPOCH"])).toMatchObject({
      outcome: "fail",
      detail: expect.stringMatching(/^expected a refusal; the broker acknowledged it/),
    });
  });

  it("cannot judge a request the evidence does not have, nor another producer's request of that number", () => {
    expect(refusedWithOneOf(evidence({ timeline: [refusal("P2", 4, "INVALID_PRODUCER_EPOCH")] }), send, ["INVALID_PRODUCER_EPOCH"]).outcome).toBe("inconclusive");
  });
});

describe("sawNoneOf and sawAllOf", () => {
  it("tell a reader that saw only the committed writes from one that saw the fenced ones too", () => {
    const e = evidence({ timeline: writes, groups: [reading("RC", 3), reading("RU", 0, 1, 3)] });
    expect(sawNoneOf(e, { consumer: "RC" }, P1).outcome).toBe("pass");
    expect(sawAllOf(e, { consumer: "RC" }, P2).outcome).toBe("pass");
    expect(sawNoneOf(e, { consumer: "RU" }, P1)).toMatchObject({ outcome: "fail", detail: "expected none; received p0@0, p0@1" });
    expect(sawAllOf(e, { consumer: "RU" }, P1).outcome).toBe("pass");
    expect(sawAllOf(e, { consumer: "RC" }, P1)).toMatchObject({ outcome: "fail", detail: "expected all 2; never received p0@0, p0@1" });
  });

  it("fail where the producer wrote nothing to look for, and cannot judge a reader that is not there", () => {
    const e = evidence({ timeline: writes, groups: [reading("RC", 3)] });
    expect(sawNoneOf(e, { consumer: "RC" }, { producer: "P3" })).toMatchObject({ outcome: "fail" });
    expect(sawAllOf(e, { consumer: "RX" }, P2).outcome).toBe("inconclusive");
  });
});

describe("everyInputHasOutput", () => {
  const invoice = ({ offset }: { offset: number }) => `invoice for order ${offset}`;
  const orders = [0, 1, 2].map((offset) => ({ topic: "orders", partition: 0, offset, key: null, value: `order ${offset}` }));
  const readerOf = (...values: string[]) => group("RC", { received: values.map((value, i) => ({ ...received("RC", "m", [0, i])[0]!, value })) });

  it("names, by offset, each input whose output the reader never received", () => {
    expect(
      everyInputHasOutput(
        evidence({ produced: orders, groups: [readerOf("invoice for order 0", "invoice for order 1", "invoice for order 2")] }),
        { consumer: "RC" },
        "orders",
        invoice,
      ).outcome,
    ).toBe("pass");
    expect(everyInputHasOutput(evidence({ produced: orders, groups: [readerOf("invoice for order 2")] }), { consumer: "RC" }, "orders", invoice)).toMatchObject({
      outcome: "fail",
      detail: "expected all 3; no output for p0@0, p0@1",
    });
  });

  it("fails with no input to look for, and cannot judge a reader that is not there", () => {
    expect(everyInputHasOutput(evidence({ groups: [readerOf("invoice for order 0")] }), { consumer: "RC" }, "orders", invoice).outcome).toBe("fail");
    expect(everyInputHasOutput(evidence({ produced: orders }), { consumer: "RX" }, "orders", invoice).outcome).toBe("inconclusive");
  });
});
