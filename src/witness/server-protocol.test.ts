import { describe, expect, it } from "vitest";
import { EMPTY_NO_OFFSETS, NEVER_EXISTED, SHARE_GROUP_PARTLY_INITIALIZED, STABLE_PARTLY_COMMITTED } from "./fixtures/describe-samples.js";
import { endOfAnswer, readAnswer, readResetAnswer, RefusedRequest, requestLine, resetRequestLine } from "./server-protocol.js";

const A = "sample-A-3849b3a9";
const D = "sample-D-3849b3a9";
const E = "sample-E-3849b3a9";

/** The server's answer, as GroupToolServer.java frames it. */
const framed = (...sections: [group: string, output: string][]) => sections.map(([group, output]) => `@@ group ${group}\n${output}`).join("") + "@@ end 7";

describe("requestLine", () => {
  it("puts the request's id, the kind of groups, the broker's address (empty: the server's own), client properties and the group ids on one line, tab-separated", () => {
    expect(requestLine(1, ["a b", "c"])).toBe("1\tconsumer\t\t\ta b\tc\n");
    expect(requestLine(12, ["a"], ["h1:9092", "h2:9092"])).toBe("12\tconsumer\th1:9092,h2:9092\t\ta\n");
    expect(requestLine(13, ["s"], [], "share")).toBe("13\tshare\t\t\ts\n");
    const sasl = { "security.protocol": "SASL_PLAINTEXT", "sasl.jaas.config": 'x required username="u" password="p=1";' };
    expect(requestLine(14, ["a"], ["h:1"], "consumer", sasl)).toBe(
      '14\tconsumer\th:1\tsecurity.protocol=SASL_PLAINTEXT\u001fsasl.jaas.config=x required username="u" password="p=1";\ta\n',
    );
  });

  it("refuses client properties that would break the line, without echoing their values", () => {
    const refused = () => requestLine(1, ["a"], [], "consumer", { "sasl.jaas.config": "password=se\tcret" });
    expect(refused).toThrow(RefusedRequest);
    expect(refused).toThrow(/"sasl\.jaas\.config"/);
    expect(refused).not.toThrow(/cret/);
    expect(() => requestLine(1, ["a"], [], "consumer", { "bad key": "v" })).toThrow(/"bad key"/);
  });

  it("refuses ids and addresses that would break the line, as the caller's mistake", () => {
    expect(() => requestLine(1, ["ok", "bad\tid"])).toThrow(/"bad\\tid"/);
    expect(() => requestLine(1, [""])).toThrow(RefusedRequest);
    expect(() => requestLine(1, ["ok"], ["h:1\n"])).toThrow(/"h:1\\n"/);
  });
});

describe("endOfAnswer", () => {
  it("reads the id of the request an end line closes, and nothing from other lines", () => {
    expect(endOfAnswer("@@ end 42")).toBe(42);
    expect(["@@ end", "@@ end x", "@@ group 42", "GROUP TOPIC"].map(endOfAnswer)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("readAnswer", () => {
  it("reads each group's section on its own: rows, missing groups, a transcript", () => {
    const answer = readAnswer([A, D, E], framed([A, STABLE_PARTLY_COMMITTED], [D, EMPTY_NO_OFFSETS], [E, NEVER_EXISTED]));
    expect(answer.rows.map((r) => [r.group, r.partition, r.currentOffset])).toEqual([
      [A, 0, 2],
      [A, 1, 2],
      [A, 2, null],
    ]);
    expect(answer.missing).toEqual([E]);
    expect(answer.problems).toEqual([]);
    expect(answer.transcript).toContain(`$ kafka-consumer-groups --describe --group ${D}\nConsumer group '${D}' has no active members.`);
  });

  it("names the group of an error the tool printed without naming one", () => {
    const timeout = "Error: Executing consumer group command failed due to org.apache.kafka.common.errors.TimeoutException: timed out";
    expect(readAnswer([A], framed([A, `\n${timeout}\n`])).problems).toEqual([`${A}: ${timeout}`]);
  });

  it("reports a group the server did not answer for, and rows of a group not asked about", () => {
    const answer = readAnswer([D, "other"], framed([D, STABLE_PARTLY_COMMITTED]));
    expect(answer.rows).toEqual([]);
    expect(answer.problems).toContain("other: the server gave no answer for this group");
    expect(answer.problems).toContain(`${D}: a row for another group, ${A}`);
  });

  it("reads a share group's rows apart, under the share-groups tool's name", () => {
    const group = "g-4088931445184";
    const answer = readAnswer([group], framed([group, SHARE_GROUP_PARTLY_INITIALIZED]), "share");
    expect(answer.rows).toEqual([]);
    expect(answer.shareRows.map((r) => [r.partition, r.startOffset, r.lag])).toEqual([
      [0, 0, 4],
      [1, null, null],
    ]);
    expect(answer.transcript).toMatch(/^\$ kafka-share-groups --describe --group g-4088931445184\nGROUP/);
  });
});

describe("dry runs of resets", () => {
  const runs = [
    ["--group", "g", "--topic", "t:0", "--shift-by", "-3"],
    ["--group", "g", "--topic", "t", "--to-datetime", "2026-01-02T03:04:05.006Z"],
  ];

  it("puts each dry run's arguments in one field, separated by U+001F", () => {
    expect(resetRequestLine(3, runs)).toBe(`3\treset\t\t\t${runs[0]!.join("\u001f")}\t${runs[1]!.join("\u001f")}\n`);
    expect(resetRequestLine(4, [runs[0]!], ["h:1"])).toBe(`4\treset\th:1\t\t${runs[0]!.join("\u001f")}\n`);
  });

  it("refuses an argument that would break the line, and an empty request", () => {
    expect(() => resetRequestLine(1, [["--group", "a\tb"]])).toThrow(RefusedRequest);
    expect(() => resetRequestLine(1, [["--group", ""]])).toThrow(RefusedRequest);
    expect(() => resetRequestLine(1, [])).toThrow(RefusedRequest);
  });

  it("reads the tool's table of new offsets for each dry run, and anything else it said", () => {
    const answer = [
      "@@ reset 0",
      "",
      "GROUP TOPIC PARTITION NEW-OFFSET",
      "g t 0 3",
      "@@ reset 1",
      "",
      "Error: Assignments can only be reset if the group 'g' is inactive, but the current state is Stable.",
      "@@ end 3",
    ].join("\n");
    const [shift, datetime] = readResetAnswer(runs, answer);
    expect(shift).toMatchObject({ rows: [{ group: "g", topic: "t", partition: 0, offset: 3 }], problems: [] });
    expect(shift!.transcript).toMatch(/^\$ kafka-consumer-groups --reset-offsets --dry-run --group g --topic t:0 --shift-by -3\nGROUP/);
    expect(datetime).toMatchObject({ rows: [], problems: [expect.stringContaining("can only be reset if the group 'g' is inactive")] });
  });

  it("says so when a dry run has no section in the answer", () => {
    expect(readResetAnswer(runs, "@@ reset 0\n@@ end 3")[1]).toMatchObject({ rows: [], problems: ["the server gave no answer for this dry run"] });
  });
});
