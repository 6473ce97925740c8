import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { evidence, group, produced, shareGroup, TOPIC } from "../checks/evidence-fixture.js";
import type { BrokerInfo } from "../broker/started-broker.js";
import { checkWithKafkaTool } from "./check-with-kafka-tool.js";
import { RefusedRequest, type ToolAnswer } from "./server-protocol.js";
import { describeGroupsWithKafkaTool, dryRunResetsWithKafkaTool, KafkaToolError } from "./tool-client.js";
import { serveGroupTool, type DescribeRequest, type DryRunRequest, type ToolHttpServer } from "./tool-http-server.js";

/** The endpoint and its client, with a stand-in for the JVM: no Java, no broker. */
const servers: ToolHttpServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

async function serve(describe: (request: DescribeRequest) => Promise<ToolAnswer>): Promise<string> {
  const server = await serveGroupTool(describe);
  servers.push(server);
  return server.url;
}

const answer = (fields: Partial<ToolAnswer> = {}): ToolAnswer => ({ rows: [], shareRows: [], missing: [], problems: [], transcript: "", ...fields });
const row = { group: "g-A", topic: TOPIC, partition: 0, currentOffset: 2, logEndOffset: 2, lag: 0, consumerId: null, host: null, clientId: null };
const broker: BrokerInfo = { bootstrapServers: ["127.0.0.1:9"], kafkaVersion: "4.4.0", mode: "native" };

describe("the tool over loopback HTTP", () => {
  it("passes the group ids (and a broker's address, if given) through and returns the rows", async () => {
    const asked: DescribeRequest[] = [];
    const url = await serve(async (request) => (asked.push(request), answer({ rows: [row], missing: ["g-B"] })));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/describe\?key=[0-9a-f]{64}$/);
    expect(await describeGroupsWithKafkaTool(url, ["g-A", "g-B"])).toEqual([row]);
    await describeGroupsWithKafkaTool(url, ["g-C"], { bootstrapServers: ["127.0.0.1:9093"] });
    expect(asked).toEqual([
      { groups: ["g-A", "g-B"], bootstrapServers: [], kind: "consumer", clientProperties: {} },
      { groups: ["g-C"], bootstrapServers: ["127.0.0.1:9093"], kind: "consumer", clientProperties: {} },
    ]);
  });

  it("throws what the tool reported when it was not an offset table, with the transcript", async () => {
    const url = await serve(async () => answer({ problems: ["g-A: Error: timed out"], transcript: "$ kafka-consumer-groups ..." }));
    const error = await describeGroupsWithKafkaTool(url, ["g-A"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaToolError);
    expect((error as KafkaToolError).message).toContain("g-A: Error: timed out");
    expect((error as KafkaToolError).transcript).toBe("$ kafka-consumer-groups ...");
  });

  it("passes on the server's failure, and refuses a malformed request", async () => {
    const url = await serve(async () => {
      throw new Error("GroupToolServer.java stopped: it exited (code 1)");
    });
    await expect(describeGroupsWithKafkaTool(url, ["g-A"])).rejects.toThrow("could not answer (HTTP 502): GroupToolServer.java stopped: it exited (code 1)");
    const bad = await fetch(url, { method: "POST", body: JSON.stringify({ groups: [] }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: expect.stringContaining('the request was not {"groups": [non-empty strings]') });
  });

  it("answers a request the tool refuses (an address not of this run) with 400 and the reason", async () => {
    const url = await serve(async () => {
      throw new RefusedRequest("the consumer-groups tool asks only this run's brokers");
    });
    await expect(describeGroupsWithKafkaTool(url, ["g-A"], { bootstrapServers: ["192.0.2.1:9092"] })).rejects.toThrow(
      "(HTTP 400): the consumer-groups tool asks only this run's brokers",
    );
  });

  it("refuses, before asking anything, a request without the run's key or with another", async () => {
    const asked: DescribeRequest[] = [];
    const url = await serve(async (request) => (asked.push(request), answer()));
    const other = await serve(async () => answer());
    const keyOf = (u: string) => new URL(u).searchParams.get("key");
    const withKey = (key: string | null) => {
      const target = new URL(url);
      if (key === null) target.searchParams.delete("key");
      else target.searchParams.set("key", key);
      return target.href;
    };
    for (const target of [withKey(null), withKey(""), withKey(keyOf(other)), withKey(keyOf(url)!.slice(1))]) {
      const response = await fetch(target, { method: "POST", body: JSON.stringify({ groups: ["g-A"] }) });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: expect.stringContaining("answers only the test run that started it") });
    }
    expect(asked).toEqual([]);
    expect(keyOf(url)).not.toBe(keyOf(other));
  });

  it("answers a request line whose URL does not parse with 500, and goes on serving", async () => {
    const url = await serve(async () => answer({ rows: [row] }));
    const { port } = new URL(url);
    const status = await new Promise<string>((resolve, reject) => {
      let received = "";
      const socket = connect(Number(port), "127.0.0.1", () => socket.end("GET http://[::1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
      socket.setEncoding("utf8").on("data", (text: string) => (received += text));
      socket.once("close", () => resolve(received.split("\r\n")[0] ?? ""));
      socket.once("error", reject);
    });
    expect(status).toBe("HTTP/1.1 500 Internal Server Error");
    expect(await describeGroupsWithKafkaTool(url, ["g-A"])).toEqual([row]);
  });

  it("never shows the key in its messages: they end up in results files", async () => {
    const url = await serve(async () => answer());
    await servers.pop()!.close();
    const message = await describeGroupsWithKafkaTool(url, ["g-A"]).catch((e: unknown) => String(e));
    expect(message).toContain(`was not reachable at ${url.split("?")[0]}:`);
    expect(message).not.toContain(new URL(url).searchParams.get("key"));
  });
});

describe("dry runs of resets over loopback HTTP", () => {
  it("passes each dry run's arguments through and returns the tool's new offsets", async () => {
    const asked: DryRunRequest[] = [];
    const dryRun = { rows: [{ group: "g", topic: TOPIC, partition: 0, offset: 3 }], problems: [], transcript: "$ …" };
    const server = await serveGroupTool(
      async () => answer(),
      async (request) => (asked.push(request), [dryRun]),
    );
    servers.push(server);
    const runs = [["--group", "g", "--topic", `${TOPIC}:0`, "--shift-by", "-3"]];
    expect(await dryRunResetsWithKafkaTool(server.url, runs)).toEqual([dryRun]);
    expect(asked).toEqual([{ resets: runs, bootstrapServers: [], clientProperties: {} }]);
  });

  it("refuses a malformed request, and says when the server runs no dry runs", async () => {
    const withDryRuns = await serveGroupTool(
      async () => answer(),
      async () => [],
    );
    servers.push(withDryRuns);
    await expect(dryRunResetsWithKafkaTool(withDryRuns.url, [[]])).rejects.toThrow(/HTTP 400/);
    const url = await serve(async () => answer());
    await expect(dryRunResetsWithKafkaTool(url, [["--group", "g"]])).rejects.toThrow(/HTTP 404.*no dry runs/);
  });
});

describe("checkWithKafkaTool", () => {
  const e = { ...evidence({ produced: produced([0, 0], [0, 1]) }), groups: [group("A", { committed: [{ topic: TOPIC, partition: 0, offset: 2 }] })] };

  it("compares the evidence with the tool's rows, read from the scenario's own broker", async () => {
    const asked: DescribeRequest[] = [];
    const url = await serve(async (request) => (asked.push(request), answer({ rows: [row] })));
    expect(await checkWithKafkaTool(url, broker, e)).toMatchObject({ state: "agreed" });
    expect(asked).toEqual([{ groups: ["g-A"], bootstrapServers: broker.bootstrapServers, kind: "consumer", clientProperties: {} }]);
    const stale = await serve(async () => answer({ rows: [{ ...row, currentOffset: 1, lag: 1 }] }));
    expect(await checkWithKafkaTool(stale, broker, e)).toMatchObject({ state: "disagreed" });
  });

  it("gives the tool the broker's SASL settings, as --command-config would", async () => {
    const asked: DescribeRequest[] = [];
    const url = await serve(async (request) => (asked.push(request), answer({ rows: [row] })));
    const sasl = { ...broker, security: { sasl: { mechanism: "scram-sha-512" as const, username: "admin", password: "pw" } } };
    expect(await checkWithKafkaTool(url, sasl, e)).toMatchObject({ state: "agreed" });
    expect(asked[0]?.clientProperties).toMatchObject({ "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "SCRAM-SHA-512" });
  });

  it("says the tool did not run when there is none, or when it cannot be reached", async () => {
    expect(await checkWithKafkaTool(null, { ...broker, mode: "container" }, e)).toMatchObject({ state: "not-run", detail: expect.stringContaining("not run in container mode") });
    const url = await serve(async () => answer());
    await servers.pop()!.close();
    expect(await checkWithKafkaTool(url, broker, e)).toMatchObject({ state: "not-run", detail: expect.stringContaining("was not reachable") });
  });

  it("asks the share-groups tool about share groups, and the consumer-groups tool about the others; both must agree", async () => {
    const partitions = [{ topic: TOPIC, partition: 0, startOffset: 0, lag: 1 }];
    const withShare = { ...e, shareGroups: [shareGroup("S", { partitions })] };
    const shareRow = { group: "sg-S", topic: TOPIC, partition: 0, startOffset: 0, lag: 1 };
    const asked: DescribeRequest[] = [];
    const url = await serve(async (request) => (asked.push(request), request.kind === "share" ? answer({ shareRows: [shareRow] }) : answer({ rows: [row] })));
    const witness = await checkWithKafkaTool(url, broker, withShare);
    expect(witness.state).toBe("agreed");
    expect(witness.detail).toContain("S p0 start 0 lag 1");
    expect(asked.map((r) => [r.kind, r.groups])).toEqual([
      ["consumer", ["g-A"]],
      ["share", ["sg-S"]],
    ]);
    const moved = await serve(async (request) => (request.kind === "share" ? answer({ shareRows: [{ ...shareRow, lag: 0 }] }) : answer({ rows: [row] })));
    expect(await checkWithKafkaTool(moved, broker, withShare)).toMatchObject({
      state: "disagreed",
      detail: "S p0: expected START-OFFSET 0 and LAG 1; the share-groups tool reported 0 and 0",
    });
    const shareOnly = { ...withShare, groups: [] };
    asked.length = 0;
    expect(await checkWithKafkaTool(url, broker, shareOnly)).toMatchObject({ state: "agreed" });
    expect(asked.map((r) => r.kind)).toEqual(["share"]);
  });
});
