/**
 * Kafka's own consumer-groups tool against the run's broker: its table must
 * match what kafkajs reads, for a group in each state a proof can leave one in;
 * it asks only the run's brokers, keeps no admin client for another, and holds
 * no request up behind a slow one. Its JVM's lifetime: group-tool-lifetime.broker.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, inject, test } from "vitest";
import { freePort } from "../broker/native/free-port.js";
import { Scenario } from "../harness/scenario.js";
import { waitFor } from "../harness/wait.js";
import { agreesWithKafkaTool } from "./agrees-with-kafka-tool.js";
import { locateGroupTool } from "./start-group-tool.js";
import { askKafkaTool, describeGroupsWithKafkaTool, dryRunResetsWithKafkaTool } from "./tool-client.js";

const broker = inject("broker");
const location = await locateGroupTool(broker, process.env);
const java = "unavailable" in location ? undefined : location;
// The run's own tool server, the one the proofs ask: one JVM fewer, and the very server under test.
const groupTool = inject("groupTool");
const tool = { url: groupTool ?? "" };
const toolPid = inject("groupToolPid");
const runnable = java !== undefined && groupTool !== null;
/** A loopback address where no broker listens: the tool waits there (about 35 s) for an answer that never comes. */
const SILENT = `127.0.0.1:${await freePort()}`;

describe.skipIf(!runnable)("Kafka's consumer-groups tool as a second witness", () => {
  test("runs dry runs of resets in its one JVM: the new offsets of each, or what it said instead", async () => {
    await using s = await Scenario.open(broker, "group-tool-reset");
    const topic = await s.createTopic("orders", 2);
    await s.produce(
      topic,
      Array.from({ length: 6 }, (_, i) => ({ value: `order ${i}`, partition: i % 2 })),
    );
    const groupId = s.groupId({ group: "A" });
    const [latest, onePartition, malformed] = await dryRunResetsWithKafkaTool(tool.url, [
      ["--group", groupId, "--topic", topic, "--to-latest"],
      ["--group", groupId, "--topic", `${topic}:1`, "--to-offset", "1"],
      ["--group", groupId, "--topic", topic, "--shift-by", "three"],
    ]);
    expect(latest).toMatchObject({
      rows: [
        { group: groupId, topic, partition: 0, offset: 3 },
        { group: groupId, topic, partition: 1, offset: 3 },
      ],
      problems: [],
    });
    expect(onePartition!.rows).toEqual([{ group: groupId, topic, partition: 1, offset: 1 }]);
    expect(malformed!.rows).toEqual([]);
    expect(malformed!.problems.join(" ")).not.toBe("");
    // A dry run commits nothing.
    expect((await s.witness.committedOffsets(groupId, [topic])).filter((c) => c.offset !== null)).toEqual([]);
  });

  test("prints the committed offsets, log-end offsets and lag that kafkajs reads, whatever the group's state", async () => {
    await using s = await Scenario.open(broker, "group-tool");
    const topic = await s.createTopic("orders", 3);
    await s.produce(
      topic,
      Array.from({ length: 7 }, (_, i) => ({ value: `order ${i}`, partition: i % 3 })),
    );
    // A stays a member and commits two partitions of three; B stays and never commits;
    // C commits everything and leaves (Empty, offsets kept); D never joins (no such group).
    const a = await s.consumer({ name: "A1", group: s.group("A"), topics: [topic] }).start();
    const b = await s.consumer({ name: "B restarted", group: s.group("B"), topics: [topic] }).start();
    const c = await s.consumer({ name: "C1", group: s.group("C"), topics: [topic] }).start();
    s.groupId({ group: "D" });
    await Promise.all([a, b, c].map((consumer) => consumer.waitForMessages(7)));
    await a.commit([
      { topic, partition: 0, offset: 2 },
      { topic, partition: 1, offset: 1 },
    ]);
    await c.commitReceived();
    await c.stop();

    const evidence = await s.evidence();
    const answer = await askKafkaTool(
      tool.url,
      evidence.groups.map((g) => g.groupId),
    );

    expect(answer.problems).toEqual([]);
    expect(answer.missing).toEqual([s.groupId({ group: "D" })]);
    const table = (label: string) =>
      answer.rows
        .filter((r) => r.group === s.groupId({ group: label }))
        .map((r) => [r.partition, r.currentOffset, r.logEndOffset, r.lag, r.clientId])
        // Kafka 3.9 prints a member's partitions in no fixed order; 4.x sorts them.
        .sort((x, y) => Number(x[0]) - Number(y[0]));
    expect(table("A")).toEqual([
      [0, 2, 3, 1, "A1"],
      [1, 1, 2, 1, "A1"],
      [2, null, 2, null, "A1"],
    ]);
    expect(table("B")).toEqual([
      [0, null, 3, null, "B restarted"],
      [1, null, 2, null, "B restarted"],
      [2, null, 2, null, "B restarted"],
    ]);
    expect(table("C")).toEqual([
      [0, 3, 3, 0, null],
      [1, 2, 2, 0, null],
      [2, 2, 2, 0, null],
    ]);
    expect(table("D")).toEqual([]);
    // The same comparison, made by the check a proof gets, against every offset kafkajs read.
    expect(agreesWithKafkaTool(evidence, answer.rows)).toMatchObject({ state: "agreed" });
  });

  test("disagrees when asked at another moment than the evidence was read", async () => {
    await using s = await Scenario.open(broker, "group-tool-late");
    const topic = await s.createTopic("orders", 1);
    await s.produce(topic, [{ value: "a" }, { value: "b" }, { value: "c" }]);
    const a = await s.consumer({ name: "A1", group: s.group("A"), topics: [topic] }).start();
    await a.waitForMessages(3);
    await a.commit([{ topic, partition: 0, offset: 2 }]);
    const evidence = await s.evidence();
    await a.commit([{ topic, partition: 0, offset: 3 }]);

    const check = agreesWithKafkaTool(evidence, await describeGroupsWithKafkaTool(tool.url, [s.groupId({ group: "A" })]));
    expect(check.state).toBe("disagreed");
    expect(check.detail).toBe("A p0: expected CURRENT-OFFSET 2 and LAG 1; the consumer-groups tool reported CURRENT-OFFSET 3 and LAG 0");
  });

  test("asks the broker a request names, as for a proof's dedicated broker", async () => {
    await using s = await Scenario.open(broker, "group-tool-elsewhere");
    const topic = await s.createTopic("orders", 1);
    await s.produce(topic, [{ value: "a" }, { value: "b" }]);
    const a = await s.consumer({ name: "A1", group: s.group("A"), topics: [topic] }).start();
    await a.waitForMessages(2);
    await a.commit([{ topic, partition: 0, offset: 2 }]);
    // Another address for the same broker: the tool builds a second admin client for it.
    const elsewhere = broker.bootstrapServers.map((address) => address.replace("127.0.0.1", "localhost"));
    const rows = await describeGroupsWithKafkaTool(tool.url, [s.groupId({ group: "A" })], { bootstrapServers: elsewhere });
    expect(rows.map((r) => [r.currentOffset, r.logEndOffset, r.lag])).toEqual([[2, 2, 0]]);
  });

  test("answers callers asking at once, each about its own groups", async () => {
    await using s = await Scenario.open(broker, "group-tool-many");
    const topic = await s.createTopic("orders", 1);
    await s.produce(topic, [{ value: "a" }, { value: "b" }]);
    const labels = ["A", "B", "C", "D"];
    const consumers = await Promise.all(labels.map((label) => s.consumer({ name: `${label}1`, group: s.group(label), topics: [topic] }).start()));
    await Promise.all(consumers.map((consumer) => consumer.waitForMessages(2)));
    await Promise.all(consumers.map((consumer, i) => consumer.commit([{ topic, partition: 0, offset: i % 3 }])));

    const answers = await Promise.all(labels.map((label) => describeGroupsWithKafkaTool(tool.url, [s.groupId({ group: label })])));
    expect(answers.map((rows) => rows.map((r) => [r.group, r.currentOffset]))).toEqual(labels.map((label, i) => [[s.groupId({ group: label }), i % 3]]));
  });

  test("refuses, at once, a broker that is not one of the run's", async () => {
    await expect(describeGroupsWithKafkaTool(tool.url, ["group-tool-elsewhere"], { bootstrapServers: ["192.0.2.1:9092"] })).rejects.toThrow(
      "(HTTP 400): the consumer-groups tool asks only this run's brokers",
    );
  });

  test.skipIf(toolPid === null || process.platform !== "linux")("closes the admin client of any broker but the run's once it has answered", async () => {
    const port = broker.bootstrapServers[0]!.split(":").pop()!;
    for (const elsewhere of [[`localhost:${port}`], [`localhost:${port}`, broker.bootstrapServers[0]!]]) {
      expect(await describeGroupsWithKafkaTool(tool.url, ["group-tool-elsewhere"], { bootstrapServers: elsewhere })).toEqual([]);
    }
    // Each admin client has one network thread, "kafka-admin-client-thread | adminclient-N" (Linux keeps 15 characters of a
    // thread's name), which may linger a moment after it is closed. Proofs running alongside may have one open for a moment too.
    await waitFor(
      "the tool server to keep only its own broker's admin client",
      (note) => {
        const open = readdirSync(`/proc/${toolPid}/task`).filter((task) => nameOf(`${toolPid}/task/${task}`) === "kafka-admin-cli").length;
        note(`${open} open`);
        return open === 1 || undefined;
      },
      { timeoutMs: 10_000 },
    );
  });

  // After the test above: it leaves an admin client waiting (about 35 s) on a broker that never answers.
  test("answers other callers while one request waits on a broker that does not answer", async () => {
    let waiting = true;
    void askKafkaTool(tool.url, ["group-tool-silent"], { bootstrapServers: [SILENT] })
      .catch(() => undefined)
      .finally(() => (waiting = false));
    const group = `group-tool-never-joined-${process.pid}-${Date.now()}`;
    expect((await askKafkaTool(tool.url, [group])).missing).toEqual([group]);
    expect(waiting).toBe(true);
  });
});

/** The command name Linux gives a process or thread (`<pid>` or `<pid>/task/<tid>`); undefined once it is gone. */
function nameOf(path: string): string | undefined {
  try {
    return readFileSync(`/proc/${path}/comm`, "utf8").trim();
  } catch {
    return undefined;
  }
}
