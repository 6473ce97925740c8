import { describe, expect, it } from "vitest";
import { eachMessageToExactlyOne, noDuplicates, noLostMessages, offsetsIncrease, receivedNothing } from "./delivery.js";
import { evidence, group, produced, received } from "./evidence-fixture.js";

const three = produced([0, 0], [0, 1], [0, 2]);

describe("noLostMessages", () => {
  it("passes when every produced message arrived", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A", "m1", [0, 0], [0, 1], [0, 2]) })] });
    expect(noLostMessages(e, { group: "A" }).ok).toBe(true);
  });

  it("rejects a group missing a message, and names it", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A", "m1", [0, 0], [0, 2]) })] });
    const check = noLostMessages(e, { group: "A" });
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("p0@1");
  });

  it("rejects a group that does not exist", () => {
    expect(noLostMessages(evidence({ produced: three }), { group: "B" }).ok).toBe(false);
  });

  it("looks at one consumer whatever group it is in", () => {
    const e = evidence({
      produced: three,
      groups: [group("A", { received: [...received("A", "m1", [0, 0], [0, 1], [0, 2]), ...received("B", "m2", [0, 0])] })],
    });
    expect(noLostMessages(e, { consumer: "A" }).ok).toBe(true);
    expect(noLostMessages(e, { consumer: "B" }).ok).toBe(false);
  });
});

describe("noDuplicates", () => {
  it("rejects a message delivered twice", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A", "m1", [0, 0], [0, 1], [0, 1], [0, 2]) })] });
    const check = noDuplicates(e, { group: "A" });
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("t/0@1 ×2");
  });

  it("counts the same offset on different partitions as different messages", () => {
    const e = evidence({ produced: produced([0, 0], [1, 0]), groups: [group("A", { received: received("A", "m1", [0, 0], [1, 0]) })] });
    expect(noDuplicates(e, { group: "A" }).ok).toBe(true);
  });
});

describe("offsetsIncrease", () => {
  it("rejects a partition going backwards", () => {
    const e = evidence({ produced: three, groups: [group("A", { received: received("A", "m1", [0, 0], [0, 2], [0, 1]) })] });
    const check = offsetsIncrease(e, { group: "A" });
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("2 then 1");
  });

  it("allows interleaving across partitions and across consumers", () => {
    const e = evidence({
      produced: produced([0, 0], [0, 1], [1, 0]),
      groups: [group("A", { received: [...received("A1", "m1", [0, 0], [1, 0], [0, 1]), ...received("A2", "m2", [0, 0])] })],
    });
    expect(offsetsIncrease(e, { group: "A" }).ok).toBe(true);
  });
});

describe("eachMessageToExactlyOne", () => {
  const msgs = produced([0, 0], [1, 0]);

  it("passes when the consumers split the messages", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { received: [...received("A1", "m1", [0, 0]), ...received("A2", "m2", [1, 0])] })] });
    expect(eachMessageToExactlyOne(e, ["A1", "A2"]).ok).toBe(true);
  });

  it("rejects a message both consumers received", () => {
    const e = evidence({
      produced: msgs,
      groups: [group("A", { received: received("A1", "m1", [0, 0], [1, 0]) }), group("B", { received: received("A2", "m2", [0, 0], [1, 0]) })],
    });
    const check = eachMessageToExactlyOne(e, ["A1", "A2"]);
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("2 reached more than one");
  });

  it("rejects a message neither consumer received", () => {
    const e = evidence({ produced: msgs, groups: [group("A", { received: received("A1", "m1", [0, 0]) })] });
    expect(eachMessageToExactlyOne(e, ["A1", "A2"]).detail).toContain("1 reached none");
  });

  it("rejects an empty history: nothing produced proves nothing", () => {
    expect(eachMessageToExactlyOne(evidence(), ["A1", "A2"]).ok).toBe(false);
  });
});

describe("receivedNothing", () => {
  it("rejects a consumer that got a message", () => {
    const e = evidence({ produced: three, groups: [group("B", { received: received("B restarted", "m", [0, 1]) })] });
    expect(receivedNothing(e, "B restarted").ok).toBe(false);
    expect(receivedNothing(e, "other").ok).toBe(true);
  });
});
