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
const row = (
  label: string,
  partition: number,
  currentOffset: number | null,
  logEndOffset: number,
  lag: number | null = currentOffset === null ? null : logEndOffset - currentOffset,
): ToolRow => ({
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
  it("agrees when the tool prints the same offsets, and says what was compared", () => {
    const witness = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, 3) })), [row("A", 0, 10, 10), row("A", 1, 3, 4)]);
    expect(witness.state).toBe("agreed");
    expect(witness.detail).toBe("expected committed/log-end offsets and lag A p0 10/10 lag 0, A p1 3/4 lag 1; the consumer-groups tool reported the same");
  });

  it("agrees with no row, or a `-` row, where nothing is committed: the tool lists only owned or committed partitions", () => {
    const e = withGroups(group("B", { committed: committed(null, null) }));
    expect(agreesWithKafkaTool(e, []).state).toBe("agreed");
    expect(agreesWithKafkaTool(e, [row("B", 0, null, 10)]).state).toBe("agreed");
  });

  it("disagrees on a committed offset that differs (9 where the evidence has 10), naming both", () => {
    const witness = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, 4) })), [row("A", 0, 9, 10), row("A", 1, 4, 4)]);
    expect(witness.state).toBe("disagreed");
    expect(witness.detail).toBe("A p0: expected CURRENT-OFFSET 10 and LAG 0; the consumer-groups tool reported CURRENT-OFFSET 9 and LAG 1");
  });

  it("disagrees on a lag that differs even when both offsets agree", () => {
    const witness = agreesWithKafkaTool(withGroups(group("A", { committed: committed(7, 4) })), [row("A", 0, 7, 10, 2), row("A", 1, 4, 4)]);
    expect(witness.detail).toBe("A p0: expected LAG 3; the consumer-groups tool reported LAG 2");
  });

  it("disagrees on a log-end offset that differs", () => {
    const witness = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, 4) })), [row("A", 0, 10, 11, 0), row("A", 1, 4, 4)]);
    expect(witness.detail).toBe("A p0: expected LOG-END-OFFSET 10; the consumer-groups tool reported LOG-END-OFFSET 11");
  });

  it("disagrees on a missing row where the evidence has a committed offset", () => {
    const witness = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, 4) })), [row("A", 0, 10, 10)]);
    expect(witness.state).toBe("disagreed");
    expect(witness.detail).toBe("A p1: expected CURRENT-OFFSET 4; the consumer-groups tool reported no row for it");
  });

  it("disagrees on `-` against a number, both ways round", () => {
    const noneInTool = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10, null) })), [row("A", 0, null, 10)]);
    expect(noneInTool.detail).toBe("A p0: expected CURRENT-OFFSET 10 and LAG 0; the consumer-groups tool reported CURRENT-OFFSET - and LAG -");
    const noneInEvidence = agreesWithKafkaTool(withGroups(group("A", { committed: committed(null, null) })), [row("A", 0, 5, 10)]);
    expect(noneInEvidence.detail).toBe("A p0: expected CURRENT-OFFSET - and LAG -; the consumer-groups tool reported CURRENT-OFFSET 5 and LAG 5");
  });

  it("disagrees on a committed offset the tool shows on a partition the evidence lacks", () => {
    const e = withGroups(group("A", { committed: committed(10) }));
    const witness = agreesWithKafkaTool(e, [row("A", 0, 10, 10), { ...row("A", 0, 2, 3), topic: "elsewhere" }]);
    expect(witness.detail).toBe("A elsewhere/0: expected no committed offset (the evidence has none there); the consumer-groups tool reported CURRENT-OFFSET 2");
  });

  it("lists every disagreement across groups, and never takes one group's row for another's", () => {
    const e = withGroups(group("A", { committed: committed(10, 4) }), group("B", { committed: committed(3, null) }));
    const witness = agreesWithKafkaTool(
      e,
      [row("A", 0, 10, 10), row("A", 1, 4, 4), row("A", 0, 3, 10)].map((r, i) => (i === 2 ? { ...r, group: "g-other" } : r)),
    );
    expect(witness.state).toBe("disagreed");
    expect(witness.detail).toBe("B p0: expected CURRENT-OFFSET 3; the consumer-groups tool reported no row for it");
  });

  it("disagrees on two rows for one partition", () => {
    const witness = agreesWithKafkaTool(withGroups(group("A", { committed: committed(10) })), [row("A", 0, 10, 10), row("A", 0, 10, 10)]);
    expect(witness.detail).toBe("A p0: expected one row; the consumer-groups tool reported 2");
  });

  it("did not witness anything when there is nothing to compare: no groups, or groups with no partitions", () => {
    expect(agreesWithKafkaTool(ends, [])).toEqual({ state: "not-run", detail: "the evidence has no group offsets to compare" });
    expect(agreesWithKafkaTool(withGroups(group("A")), [])).toEqual({ state: "not-run", detail: "the evidence has no group offsets to compare" });
  });

  it("disagrees, not just did not run, when the tool shows a commit for a group whose evidence has none", () => {
    expect(agreesWithKafkaTool(withGroups(group("A")), [row("A", 0, 3, 10)]).state).toBe("disagreed");
  });
});

describe("kafkaToolNotAvailable and kafkaToolDidNotAnswer", () => {
  it("say the tool did not run, never that it agreed, and why", () => {
    expect(kafkaToolNotAvailable("container")).toEqual({ state: "not-run", detail: expect.stringContaining("not run in container mode") });
    expect(kafkaToolDidNotAnswer("HTTP 502: stopped")).toEqual({ state: "not-run", detail: expect.stringContaining("could not answer: HTTP 502: stopped") });
  });
});
