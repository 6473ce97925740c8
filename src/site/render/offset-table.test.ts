import { describe, expect, test } from "vitest";
import { scenarioFixture } from "../fixtures/proof-result-fixture.js";
import { describedGroups, OFFSET_COLUMNS, offsetCells, offsetRows, renderOffsetTable, renderOffsetTables, STATE_COLUMNS } from "./offset-table.js";

const headersOf = (html: string) => [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);

describe("offsetRows", () => {
  test("one row per group and partition, with lag = log-end − committed and the owning member and its host", () => {
    expect(offsetRows(scenarioFixture())).toEqual([
      { group: "proof-A-1234", topic: "t", partition: 0, currentOffset: 2, logEndOffset: 2, lag: 0, consumerId: "A1-uuid", host: "/127.0.0.1", clientId: "A1" },
      { group: "proof-A-1234", topic: "t", partition: 1, currentOffset: 1, logEndOffset: 2, lag: 1, consumerId: "A2-uuid", host: "/127.0.0.1", clientId: "A2" },
      { group: "proof-B-1234", topic: "t", partition: 0, currentOffset: 1, logEndOffset: 2, lag: 1, consumerId: null, host: null, clientId: null },
      { group: "proof-B-1234", topic: "t", partition: 1, currentOffset: null, logEndOffset: 2, lag: null, consumerId: null, host: null, clientId: null },
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

describe("describedGroups", () => {
  test("each group with the state and member count the broker described when the run read it", () => {
    expect(describedGroups(scenarioFixture()).map(({ rows, ...group }) => ({ ...group, rows: rows.length }))).toEqual([
      { groupId: "proof-A-1234", state: "Stable", members: 2, describedAt: 50, rows: 2 },
      { groupId: "proof-B-1234", state: "Empty", members: 0, describedAt: 50, rows: 2 },
    ]);
  });
});

describe("offsetCells and renderOffsetTable", () => {
  test("print `-` where nothing is committed or nobody owns the partition, as kafka-consumer-groups does", () => {
    const rows = offsetRows(scenarioFixture());
    expect(offsetCells(rows[0]!)).toEqual(["proof-A-1234", "t", "0", "2", "2", "0", "A1-uuid", "/127.0.0.1", "A1"]);
    expect(offsetCells(rows[3]!)).toEqual(["proof-B-1234", "t", "1", "-", "2", "-", "-", "-", "-"]);
  });

  test("render the CLI's columns in its order, HOST between CONSUMER-ID and CLIENT-ID", () => {
    const html = renderOffsetTable(offsetRows(scenarioFixture()));
    expect(headersOf(html)).toEqual([...OFFSET_COLUMNS]);
    expect(OFFSET_COLUMNS.slice(-3)).toEqual(["CONSUMER-ID", "HOST", "CLIENT-ID"]);
    expect(html.match(/<tr>/g)).toHaveLength(5);
  });

  test("a member whose host the results do not hold says so, rather than looking like no member", () => {
    const evidence = scenarioFixture();
    delete evidence.groups[0]!.members[0]!.host;
    const html = renderOffsetTable(offsetRows(evidence));
    expect(html).toContain('<td class="none" title="not recorded in this run&#39;s results">-</td>');
  });

  test("escape ids that contain markup", () => {
    const evidence = scenarioFixture();
    evidence.groups[0]!.members[0]!.clientId = "<b>A1</b>";
    const html = renderOffsetTable(offsetRows(evidence));
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;b&gt;A1&lt;/b&gt;");
  });
});

describe("renderOffsetTables", () => {
  const html = renderOffsetTables(describedGroups(scenarioFixture()));
  const groups = html.split('<div class="describe-group"').slice(1);

  test("one block per group: its --describe --state line above its partitions", () => {
    expect(groups).toHaveLength(2);
    expect(headersOf(groups[0]!)).toEqual([...STATE_COLUMNS, ...OFFSET_COLUMNS]);
    expect(groups[0]).toMatch(/<td>proof-A-1234<\/td><td>Stable<\/td><td class="num">2<\/td>/);
    expect(groups[1]).toMatch(/<td>proof-B-1234<\/td><td>Empty<\/td><td class="num">0<\/td>/);
  });

  test("a group without members gets the tool's own note, and its offsets all the same", () => {
    expect(groups[0]).not.toContain("has no active members");
    expect(groups[1]).toContain("Consumer group 'proof-B-1234' has no active members.");
    expect(groups[1]!.match(/<tr>/g)).toHaveLength(2 + 3);
  });
});
