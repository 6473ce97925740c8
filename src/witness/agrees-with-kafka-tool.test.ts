import { describe, expect, it } from "vitest";
import { evidence, group, produced, TOPIC } from "../checks/evidence-fixture.js";
import type { CommittedOffset } from "../evidence/proof-result.js";
import { agreesWithKafkaTool, kafkaToolDidNotAnswer, kafkaToolNotAvailable } from "./agrees-with-kafka-tool.js";
import type { ToolRow } from "./describe-output.js";

/** Topic "t": p0 holds 10 messages, p1 holds 4. */
const ends = evidence({ produced: [...produced(...Array.from({ length: 10 }, (_, i) => [0, i] as [number, number])), ...produced([1, 0], [1, 1], [1, 2], [1, 3])] });
const committed = (...offsets: (number | null)[]): CommittedOffset[] => offsets.map((offset, partition) => ({ topic: TOPIC, partition, offset }));
const withGroups = (...groups: ReturnType<typeof group>[]) => ({ ...ends, groups });

/** A row as the tool prints it for group g-<label>. */
const row = (label: string, partition: number, currentOffset: number | null, logEndOffset: number, lag: number | null = currentOffset === null ? null : logEndOffset - currentOffset): ToolRow => ({
  group: `g-${label}`,
  topic: TOPIC,
  partition,
  currentOffset,
  logEndOffset,
  lag,
  consumerId: null,
  host: null,
  clientId: null,
});

describe("agreesWithKafkaTool", () => {
  it("passes when the tool prints the same offsets, and says what was compared", () => {
    const check = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, 3) })), [row("A", 0, 10, 10), row("A", 1, 3, 4)]);
    expect(check.ok).toBe(true);
    expect(check.detail).toBe("expected committed/log-end offsets and lag A p0 10/10 lag 0, A p1 3/4 lag 1; the consumer-groups tool reported the same");
  });

  it("accepts no row, or a `-` row, where nothing is committed: the tool lists only owned or committed partitions", () => {
    const e = withGroups(group("B", { committed: committed(null, null) }));
    expect(agreesWithKafkaTool(e, []).ok).toBe(true);
    expect(agreesWithKafkaTool(e, [row("B", 0, null, 10)]).ok).toBe(true);
  });

  it("rejects a committed offset that differs (9 where the evidence has 10), naming both", () => {
    const check = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, 4) })), [row("A", 0, 9, 10), row("A", 1, 4, 4)]);
    expect(check.ok).toBe(false);
    expect(check.detail).toBe("A p0: expected CURRENT-OFFSET 10 and LAG 0; the consumer-groups tool reported CURRENT-OFFSET 9 and LAG 1");
  });

  it("rejects a lag that differs even when both offsets agree", () => {
    const check = agreesWithKafkaTool(withGroups(group("A", { committed: committed(7, 4) })), [row("A", 0, 7, 10, 2), row("A", 1, 4, 4)]);
    expect(check.detail).toBe("A p0: expected LAG 3; the consumer-groups tool reported LAG 2");
  });

  it("rejects a log-end offset that differs", () => {
    const check = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, 4) })), [row("A", 0, 10, 11, 0), row("A", 1, 4, 4)]);
    expect(check.detail).toBe("A p0: expected LOG-END-OFFSET 10; the consumer-groups tool reported LOG-END-OFFSET 11");
  });

  it("rejects a missing row where the evidence has a committed offset", () => {
    const check = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, 4) })), [row("A", 0, 10, 10)]);
    expect(check.ok).toBe(false);
    expect(check.detail).toBe("A p1: expected CURRENT-OFFSET 4; the consumer-groups tool reported no row for it");
  });

  it("rejects `-` against a number, both ways round", () => {
    const noneInTool = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, null) })), [row("A", 0, null, 10)]);
    expect(noneInTool.detail).toBe("A p0: expected CURRENT-OFFSET 10 and LAG 0; the consumer-groups tool reported CURRENT-OFFSET - and LAG -");
    const noneInEvidence = agreesWithKafkaTool(withGroups(group("A", { committed: committed(null, null) })), [row("A", 0, 5, 10)]);
    expect(noneInEvidence.detail).toBe("A p0: expected CURRENT-OFFSET - and LAG -; the consumer-groups tool reported CURRENT-OFFSET 5 and LAG 5");
  });

  it("rejects a committed offset the tool shows on a partition the evidence lacks", () => {
    const e = withGroups(group("A", { committed: committed(10) }));
    const check = agreesWithKafkaTool(e, [row("A", 0, 10, 10), { ...row("A", 0, 2, 3), topic: "elsewhere" }]);
    expect(check.detail).toBe("A elsewhere/0: expected no committed offset (the evidence has none there); the consumer-groups tool reported CURRENT-OFFSET 2");
  });

  it("lists every disagreement across groups, and never takes one group's row for another's", () => {
    const e = withGroups(group("A", { committed: committed(10, 4) }), group("B", { committed: committed(3, null) }));
    const check = agreesWithKafkaTool(e, [row("A", 0, 10, 10), row("A", 1, 4, 4), row("A", 0, 3, 10)].map((r, i) => (i === 2 ? { ...r, group: "g-other" } : r)));
    expect(check.ok).toBe(false);
    expect(check.detail).toBe("B p0: expected CURRENT-OFFSET 3; the consumer-groups tool reported no row for it");
  });

  it("rejects two rows for one partition", () => {
    const check = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10) })), [row("A", 0, 10, 10), row("A", 0, 10, 10)]);
    expect(check.detail).toBe("A p0: expected one row; the consumer-groups tool reported 2");
  });

  it("has nothing to compare without groups", () => {
    expect(agreesWithKafkaTool(ends, [])).toMatchObject({ ok: true, detail: "the evidence has no group offsets to compare" });
  });
});

describe("kafkaToolNotAvailable and kafkaToolDidNotAnswer", () => {
  it("says the tool was not there without failing, and fails when it was there and could not be asked", () => {
    expect(kafkaToolNotAvailable("container")).toMatchObject({ ok: true, detail: expect.stringContaining("not available in container mode") });
    expect(kafkaToolDidNotAnswer("HTTP 502: stopped")).toMatchObject({ ok: false, detail: expect.stringContaining("asking it failed: HTTP 502: stopped") });
  });
});
