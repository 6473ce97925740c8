import { describe, expect, test } from "vitest";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { OFFSET_COLUMNS, offsetCells, offsetRows, renderOffsetTable } from "./offset-table.js";

describe("offsetRows", () => {
  test("one row per group and partition, with lag = log-end − committed and the owning member", () => {
    expect(offsetRows(scenarioFixture())).toEqual([
      { group: "proof-A-1234", topic: "t", partition: 0, currentOffset: 2, logEndOffset: 2, lag: 0, consumerId: "A1-uuid", clientId: "A1" },
      { group: "proof-A-1234", topic: "t", partition: 1, currentOffset: 1, logEndOffset: 2, lag: 1, consumerId: "A2-uuid", clientId: "A2" },
      { group: "proof-B-1234", topic: "t", partition: 0, currentOffset: 1, logEndOffset: 2, lag: 1, consumerId: null, clientId: null },
      { group: "proof-B-1234", topic: "t", partition: 1, currentOffset: null, logEndOffset: 2, lag: null, consumerId: null, clientId: null },
    ]);
  });

  test("a partition the group has a commit for but the run's topics do not list still gets a row, without a log end", () => {
    const evidence = scenarioFixture();
    evidence.groups[1]!.committed.push({ topic: "other", partition: 0, offset: 4 });
    expect(offsetRows(evidence).find((row) => row.topic === "other")).toMatchObject({ currentOffset: 4, logEndOffset: null, lag: null });
  });

  test("a run without groups has no rows", () => {
    expect(offsetRows({ ...scenarioFixture(), groups: [] })).toEqual([]);
  });
});

describe("offsetCells and renderOffsetTable", () => {
  test("print `-` where nothing is committed or nobody owns the partition, as kafka-consumer-groups does", () => {
    const rows = offsetRows(scenarioFixture());
    expect(offsetCells(rows[3]!)).toEqual(["proof-B-1234", "t", "1", "-", "2", "-", "-", "-"]);
  });

  test("render the CLI's columns in its order", () => {
    const html = renderOffsetTable(offsetRows(scenarioFixture()));
    const headers = [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual([...OFFSET_COLUMNS]);
    expect(html.match(/<tr>/g)).toHaveLength(5);
  });

  test("escape ids that contain markup", () => {
    const evidence = scenarioFixture();
    evidence.groups[0]!.members[0]!.clientId = "<b>A1</b>";
    const html = renderOffsetTable(offsetRows(evidence));
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;b&gt;A1&lt;/b&gt;");
  });
});
