/**
 * Kafka's own consumer-groups tool against the run's broker: its table must
 * match what kafkajs reads, for a group in each state a proof can leave one in,
 * and its JVM must not outlive whoever started it.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, test } from "vitest";
import { isAlive } from "../broker/native/process-guard.js";
import { Scenario } from "../harness/scenario.js";
import { waitFor } from "../harness/wait.js";
import { agreesWithKafkaTool } from "./agrees-with-kafka-tool.js";
import { locateGroupTool } from "./start-group-tool.js";
import { askKafkaTool, describeGroupsWithKafkaTool } from "./tool-client.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/hold-group-tool.ts", import.meta.url));
const broker = inject("broker");
const location = await locateGroupTool(broker, process.env);

// The run's own tool server, the one the proofs ask: one JVM fewer, and the very server under test.
const groupTool = inject("groupTool");
const tool = { url: groupTool ?? "" };

describe.skipIf("unavailable" in location || groupTool === null)("Kafka's consumer-groups tool as a second witness", () => {
  test("prints the committed offsets, log-end offsets and lag that kafkajs reads, whatever the group's state", async () => {
    await using s = await Scenario.open(broker, "group-tool");
    const topic = await s.createTopic("orders", 3);
    await s.produce(topic, Array.from({ length: 7 }, (_, i) => ({ value: `order ${i}`, partition: i % 3 })));
    // A stays a member and commits two partitions of three; B stays and never commits;
    // C commits everything and leaves (Empty, offsets kept); D never joins (no such group).
    const a = await s.consumer({ name: "A1", groupLabel: "A", topics: [topic] }).start();
    const b = await s.consumer({ name: "B restarted", groupLabel: "B", topics: [topic] }).start();
    const c = await s.consumer({ name: "C1", groupLabel: "C", topics: [topic] }).start();
    s.groupId("D");
    await Promise.all([a, b, c].map((consumer) => consumer.waitForMessages(7)));
    await a.commit([
      { topic, partition: 0, offset: 2 },
      { topic, partition: 1, offset: 1 },
    ]);
    await c.commitReceived();
    await c.stop();

    const evidence = await s.evidence();
    const answer = await askKafkaTool(tool.url, evidence.groups.map((g) => g.groupId));

    expect(answer.problems).toEqual([]);
    expect(answer.missing).toEqual([s.groupId("D")]);
    const table = (label: string) =>
      answer.rows.filter((r) => r.group === s.groupId(label)).map((r) => [r.partition, r.currentOffset, r.logEndOffset, r.lag, r.clientId]);
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
    expect(agreesWithKafkaTool(evidence, answer.rows)).toMatchObject({ ok: true });
  });

  test("disagrees when asked at another moment than the evidence was read", async () => {
    await using s = await Scenario.open(broker, "group-tool-late");
    const topic = await s.createTopic("orders", 1);
    await s.produce(topic, [{ value: "a" }, { value: "b" }, { value: "c" }]);
    const a = await s.consumer({ name: "A1", groupLabel: "A", topics: [topic] }).start();
    await a.waitForMessages(3);
    await a.commit([{ topic, partition: 0, offset: 2 }]);
    const evidence = await s.evidence();
    await a.commit([{ topic, partition: 0, offset: 3 }]);

    const check = agreesWithKafkaTool(evidence, await describeGroupsWithKafkaTool(tool.url, [s.groupId("A")]));
    expect(check.ok).toBe(false);
    expect(check.detail).toBe("A p0: expected CURRENT-OFFSET 2 and LAG 1; the consumer-groups tool reported CURRENT-OFFSET 3 and LAG 0");
  });

  test("asks the broker a request names, as for a proof's dedicated broker", async () => {
    await using s = await Scenario.open(broker, "group-tool-elsewhere");
    const topic = await s.createTopic("orders", 1);
    await s.produce(topic, [{ value: "a" }, { value: "b" }]);
    const a = await s.consumer({ name: "A1", groupLabel: "A", topics: [topic] }).start();
    await a.waitForMessages(2);
    await a.commit([{ topic, partition: 0, offset: 2 }]);
    // Another address for the same broker: the tool builds a second admin client for it.
    const elsewhere = broker.bootstrapServers.map((address) => address.replace("127.0.0.1", "localhost"));
    const rows = await describeGroupsWithKafkaTool(tool.url, [s.groupId("A")], elsewhere);
    expect(rows.map((r) => [r.currentOffset, r.logEndOffset, r.lag])).toEqual([[2, 2, 0]]);
  });

  test("answers callers asking at once, each about its own groups", async () => {
    await using s = await Scenario.open(broker, "group-tool-many");
    const topic = await s.createTopic("orders", 1);
    await s.produce(topic, [{ value: "a" }, { value: "b" }]);
    const labels = ["A", "B", "C", "D"];
    const consumers = await Promise.all(labels.map((label) => s.consumer({ name: `${label}1`, groupLabel: label, topics: [topic] }).start()));
    await Promise.all(consumers.map((consumer) => consumer.waitForMessages(2)));
    await Promise.all(consumers.map((consumer, i) => consumer.commit([{ topic, partition: 0, offset: i % 3 }])));

    const answers = await Promise.all(labels.map((label) => describeGroupsWithKafkaTool(tool.url, [s.groupId(label)])));
    expect(answers.map((rows) => rows.map((r) => [r.group, r.currentOffset]))).toEqual(labels.map((label, i) => [[s.groupId(label), i % 3]]));
  });

  test.each(["hold", "exit"] as const)("its JVM ends when its owner ends without closing it (%s)", async (how) => {
    const owner = spawn(process.execPath, ["--import", "tsx", FIXTURE, broker.bootstrapServers.join(","), how], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    owner.stdout.on("data", (chunk) => (output += chunk));
    owner.stderr.on("data", (chunk) => (output += chunk));
    const jvmPid = await waitFor(
      "the fixture to report its tool server's pid",
      (note) => {
        note(output.trim() || "(no output)");
        const pid = /SPAWNED (\d+)/.exec(output)?.[1];
        return pid === undefined ? undefined : Number(pid);
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    // "hold": killed like a crashed test runner, while its JVM is still starting; "exit": it exits by itself, never calling close().
    if (how === "hold") owner.kill("SIGKILL");
    await waitFor(`the tool server's JVM (pid ${jvmPid}) to be gone`, () => (isAlive(jvmPid) ? undefined : true), { timeoutMs: 10_000, intervalMs: 50 });
  });
});
