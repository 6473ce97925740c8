import { describe, expect, it } from "vitest";
import { eachMessageToExactlyOne, noDuplicates, noLostMessages, offsetsIncrease, receivedNothing } from "./delivery.js";
import { consumer, evidence, group, produced, received } from "./evidence-fixture.js";

const three = produced([0, 0], [0, 1], [0, 2]);

describe("noLostMessages", () => {
  it("passes when every produced message arrived", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A", "m1", [0, 0], [0, 1], [0, 2]) })] });
    expect(noLostMessages(e, { group: "A" }).outcome).toBe("pass");
  });

  it("rejects a group missing a message, and names it", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A", "m1", [0, 0], [0, 2]) })] });
    const check = noLostMessages(e, { group: "A" });
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("p0@1");
  });

  it("cannot judge a group the evidence lacks, or one the scenario named but never used", () => {
    expect(noLostMessages(evidence({ produced: three }), { group: "B" })).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("group B") });
    expect(noLostMessages(evidence({ produced: three, groups: [group("B")] }), { group: "B" }).outcome).toBe("inconclusive");
  });

  it("cannot judge a consumer the evidence lacks", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A", "m1", [0, 0], [0, 1], [0, 2]) })] });
    expect(noLostMessages(e, { consumer: "B" }).outcome).toBe("inconclusive");
  });

  it("fails when nothing was produced: there was nothing to lose", () => {
    const e = evidence({ groups: [group("A", { received: received("A", "m1", [0, 0]) })] });
    expect(noLostMessages(e, { group: "A" })).toMatchObject({ outcome: "fail", detail: expect.stringContaining("nothing was produced") });
  });

  it("looks at one consumer whatever group it is in", () => {
    const e = evidence({
      produced: three,
      groups: [group("A", { received: [...received("A", "m1", [0, 0], [0, 1], [0, 2]), ...received("B", "m2", [0, 0])] })],
    });
    expect(noLostMessages(e, { consumer: "A" }).outcome).toBe("pass");
    expect(noLostMessages(e, { consumer: "B" }).outcome).toBe("fail");
  });
});

describe("noDuplicates", () => {
  it("rejects a message delivered twice", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A", "m1", [0, 0], [0, 1], [0, 1], [0, 2]) })] });
    const check = noDuplicates(e, { group: "A" });
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("t/0@1 ×2");
  });

  it("counts the same offset on different partitions as different messages", () => {
    const e = evidence({ produced: produced([0, 0], [1, 0]), groups: [group("A", { received: received("A", "m1", [0, 0], [1, 0]) })] });
    expect(noDuplicates(e, { group: "A" }).outcome).toBe("pass");
  });

  it("fails when nothing was received: no duplicate among nothing shows nothing", () => {
    const e = evidence({ produced: three, groups: [group("A")], consumers: [consumer("A1", "A")] });
    expect(noDuplicates(e, { group: "A" })).toMatchObject({ outcome: "fail", detail: expect.stringContaining("nothing was received") });
    expect(noDuplicates(e, { consumer: "A1" }).outcome).toBe("fail");
  });

  it("cannot judge a group or consumer the evidence lacks", () => {
    expect(noDuplicates(evidence({ produced: three }), { group: "A" }).outcome).toBe("inconclusive");
    expect(noDuplicates(evidence({ produced: three }), { consumer: "A1" }).outcome).toBe("inconclusive");
  });
});

describe("offsetsIncrease", () => {
  it("rejects a partition going backwards", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A", "m1", [0, 0], [0, 2], [0, 1]) })] });
    const check = offsetsIncrease(e, { group: "A" });
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("2 then 1");
  });

  it("allows interleaving across partitions and across consumers", () => {
    const e = evidence({
      produced: produced([0, 0], [0, 1], [1, 0]),
      groups: [group("A", { received: [...received("A1", "m1", [0, 0], [1, 0], [0, 1]), ...received("A2", "m2", [0, 0])] })],
    });
    expect(offsetsIncrease(e, { group: "A" }).outcome).toBe("pass");
  });

  it("fails when nothing was received", () => {
    const e = evidence({ produced: three, groups: [group("A")], consumers: [consumer("A1", "A")] });
    expect(offsetsIncrease(e, { group: "A" })).toMatchObject({ outcome: "fail", detail: expect.stringContaining("nothing was received") });
  });

  it("cannot judge a group or consumer the evidence lacks", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A1", "m1", [0, 0]) })] });
    expect(offsetsIncrease(e, { group: "B" }).outcome).toBe("inconclusive");
    expect(offsetsIncrease(e, { consumer: "A2" }).outcome).toBe("inconclusive");
  });
});

describe("eachMessageToExactlyOne", () => {
  const msgs = produced([0, 0], [1, 0]);
  const both = [{ consumer: "A1" }, { consumer: "A2" }];

  it("passes when the consumers split the messages", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { received: [...received("A1", "m1", [0, 0]), ...received("A2", "m2", [1, 0])] })] });
    expect(eachMessageToExactlyOne(e, both).outcome).toBe("pass");
  });

  it("rejects a message both consumers received", () => {
    const e = evidence({
      produced: msgs,
      groups: [group("A", { received: received("A1", "m1", [0, 0], [1, 0]) }), group("B", { received: received("A2", "m2", [0, 0], [1, 0]) })],
    });
    const check = eachMessageToExactlyOne(e, both);
    expect(check.outcome).toBe("fail");
    expect(check.detail).toContain("2 reached more than one");
  });

  it("rejects a message neither consumer received", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { received: received("A1", "m1", [0, 0]) })], consumers: [consumer("A1", "A"), consumer("A2", "A")] });
    expect(eachMessageToExactlyOne(e, both)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("1 reached none") });
  });

  it("cannot judge consumers the evidence lacks, and names them", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { received: received("A1", "m1", [0, 0]) })] });
    expect(eachMessageToExactlyOne(e, both)).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("consumer A2") });
  });

  it("rejects an empty history: nothing produced proves nothing", () => {
    const e = evidence({ consumers: [consumer("A1", "A"), consumer("A2", "A")] });
    expect(eachMessageToExactlyOne(e, both)).toMatchObject({ outcome: "fail", detail: expect.stringContaining("nothing was produced") });
  });
});

describe("receivedNothing", () => {
  it("rejects a consumer that got a message", () => {
    const e = evidence({ produced: three, groups: [group("B", { received: received("B restarted", "m", [0, 1]) })] });
    expect(receivedNothing(e, { consumer: "B restarted" })).toMatchObject({ outcome: "fail", detail: expect.stringContaining("received 1: p0@1") });
  });

  it("passes a consumer that fetched at least three times and got nothing, saying over how long", () => {
    const e = evidence({ produced: three, consumers: [consumer("B restarted", "B", { fetches: 3, firstFetchAt: 100, lastFetchAt: 400 })] });
    expect(receivedNothing(e, { consumer: "B restarted" })).toEqual({
      name: "consumer B restarted fetched and received nothing",
      outcome: "pass",
      detail: "3 fetches over 300 ms, every one empty",
    });
  });

  it("fails a consumer that fetched fewer than three times: it never had its chance", () => {
    const twice = evidence({ produced: three, consumers: [consumer("B restarted", "B", { fetches: 2 })] });
    expect(receivedNothing(twice, { consumer: "B restarted" })).toMatchObject({ outcome: "fail", detail: expect.stringContaining("it completed 2") });
    const never = evidence({ produced: three, consumers: [consumer("B restarted", "B", { fetches: 0, firstFetchAt: null, lastFetchAt: null })] });
    expect(receivedNothing(never, { consumer: "B restarted" }).outcome).toBe("fail");
    expect(receivedNothing(twice, { consumer: "B restarted" }, 2).outcome).toBe("pass");
  });

  it("cannot judge a consumer the evidence lacks", () => {
    const e = evidence({ produced: three, groups: [group("B", { received: received("B restarted", "m", [0, 1]) })] });
    expect(receivedNothing(e, { consumer: "other" })).toMatchObject({ outcome: "inconclusive", detail: expect.stringContaining("consumer other") });
  });
});
