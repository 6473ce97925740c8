/**
 * `npm run walkthrough` fed a session on stdin, as a person would pipe a file
 * in, against the broker the proofs run on (as an external cluster). After
 * each part of the session, while the walkthrough waits at its prompt, the
 * tables it printed are checked against what the broker reports now: the
 * committed offsets, log-end offset and member of each group. Then the input
 * ends, and the command must exit 0 having closed everything it started and
 * deleted its topic and groups from the cluster, with nothing on stderr
 * (npm's own warnings are left out: see fixtures/walkthrough-child.ts).
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { BrokerWitness } from "../harness/broker-witness.js";
import { kafkaClient } from "../harness/client-settings.js";
import { waitFor, withTimeout } from "../harness/wait.js";
import { lastRows, START_TIMEOUT_MS, STEP_TIMEOUT_MS, Walkthrough } from "./fixtures/walkthrough-child.js";
import { PROMPT } from "./prompt-loop.js";

describe("npm run walkthrough < session", () => {
  const broker = inject("broker");
  const kafka = kafkaClient(broker, "walkthrough-test-witness");
  const admin = kafka.admin();
  const witness = new BrokerWitness(admin);
  const started: Walkthrough[] = [];

  beforeAll(() => admin.connect());
  afterAll(async () => {
    for (const walkthrough of started) if (walkthrough.anythingRunning()) process.kill(-walkthrough.child.pid!, "SIGKILL");
    await admin.disconnect();
  });

  function startWalkthrough(): Walkthrough {
    const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_MODE: "external", KAFKA_BROKERS: broker.bootstrapServers.join(","), NO_COLOR: "1" };
    delete env.FORCE_COLOR;
    const walkthrough = Walkthrough.start(env);
    started.push(walkthrough);
    return walkthrough;
  }

  /** After the input ended: exit 0, nothing on stderr, nothing left running, and the cluster has no trace of the walkthrough. */
  async function expectCleanStop(walkthrough: Walkthrough, ids: { topic: string; A: string; B: string }, timeoutMs: number) {
    const code = await withTimeout("the walkthrough to exit after its input ended", walkthrough.exited, timeoutMs);
    expect({ code, stderr: walkthrough.errors }).toEqual({ code: 0, stderr: "" });
    expect(walkthrough.output).toMatch(/end of input: stopping consumers A and B\.\.\.\n.*deleted from the cluster\.\n$/);
    await waitFor("the walkthrough's processes to be gone", () => (walkthrough.anythingRunning() ? undefined : true), { timeoutMs: 5_000 });
    // A fresh client: the witness's metadata still names the deleted topic, and kafkajs would ask the broker for it.
    const fresh = kafkaClient(broker, "walkthrough-test-after").admin();
    await fresh.connect();
    try {
      const groups = (await fresh.listGroups()).groups.map((g) => g.groupId);
      expect(groups).not.toContain(ids.A);
      expect(groups).not.toContain(ids.B);
      expect(await fresh.listTopics()).not.toContain(ids.topic);
    } finally {
      await fresh.disconnect();
    }
  }

  /** The printed tables (last status in `transcript`) say what the broker says now, and A and B are where the story puts them. */
  async function expectTablesMatchBroker(transcript: string, ids: { A: string; B: string }, topic: string, expected: { A: string; B: string }) {
    const printed = lastRows(transcript, [ids.A, ids.B]);
    const [logEnd] = await witness.logEndOffsets(topic);
    for (const label of ["A", "B"] as const) {
      const row = printed.get(ids[label]);
      expect(row, `a status table row for group ${label} (${ids[label]})`).toBeDefined();
      const committed = await witness.committedOffset(ids[label], topic, 0);
      const group = await witness.describeGroup(ids[label]);
      const owner = group.members.find((m) => m.assignment.some((tp) => tp.topic === topic && tp.partition === 0));
      expect(row, `group ${label}'s printed row against the broker`).toEqual({
        group: ids[label],
        partition: 0,
        current: committed === null ? "-" : String(committed),
        logEnd: logEnd!.logEndOffset,
        lag: committed === null ? "-" : String(logEnd!.logEndOffset - committed),
        consumerId: owner?.memberId,
        host: owner?.host,
        clientId: owner?.clientId,
      });
      expect(row!.current, `group ${label}'s committed offset`).toBe(expected[label]);
    }
  }

  test("the seed's session: A's committed offset moves, B's stays, bad input is refused in one line, and it stops cleanly", { timeout: 60_000 }, async () => {
    const walkthrough = startWalkthrough();

    const intro = await walkthrough.started();
    const topic = /^topic (\S+): 1 partition$/m.exec(intro)?.[1];
    const ids = { A: /^group A is (\S+);/m.exec(intro)?.[1], B: /^group B is (\S+);/m.exec(intro)?.[1] };
    expect({ topic, ...ids }, intro).toEqual({
      topic: expect.stringMatching(/^walkthrough-topic-/),
      A: expect.stringMatching(/^walkthrough-A-/),
      B: expect.stringMatching(/^walkthrough-B-/),
    });
    const groupIds = ids as { A: string; B: string };

    // The original demo's scripted session: 10 messages, A acks 0-4, B acks 0-2.
    const seed = await walkthrough.send("scenario seed");
    expect(seed.match(/^produced .*; consumers A and B have received it$/gm)).toHaveLength(10);
    expect(seed).toContain("the broker now holds committed offset 5 for group A on partition 0");
    await expectTablesMatchBroker(seed, groupIds, topic!, { A: "5", B: "3" });

    // The curl session, typed: produce, status, ack for A only, status.
    const curl = await walkthrough.send('produce "Hello Kafka!" test-1', "status", "ack A 10", "status");
    expect(curl).toContain('produced "Hello Kafka!" (key test-1): partition 0, offset 10; consumers A and B have received it');
    const [before, after] = curl.split("ack A 10\n");
    await expectTablesMatchBroker(after!, groupIds, topic!, { A: "11", B: "3" });
    expect(lastRows(before!, [groupIds.A, groupIds.B]).get(groupIds.A)?.current, "A before its ack").toBe("5");
    expect(lastRows(before!, [groupIds.A, groupIds.B]).get(groupIds.B), "B before A's ack").toEqual(lastRows(after!, [groupIds.A, groupIds.B]).get(groupIds.B));

    // Bad input: one line of error each, the prompt again, and nothing changed on the broker.
    for (const bad of ["ack C 0", "ack A 99", "ack A -1", "ack A four", "frobnicate", "reset A 99", "ack B 1", "produce a b c", 'produce "unclosed']) {
      const answer = await walkthrough.send(bad);
      expect(answer, `the answer to "${bad}"`).toMatch(new RegExp(`^${escape(bad)}\\nerror: [^\\n]+\\n${escape(PROMPT)}$`));
    }
    await expectTablesMatchBroker(await walkthrough.send("status"), groupIds, topic!, { A: "11", B: "3" });

    // Bad resets: one line each, and nothing moves.
    const badResets = [
      "reset A datetime:yesterday",
      "reset A datetime:2026-01-02T03:04:05",
      "reset A shift:1.5",
      "reset A shift:-1 partition=5",
      "reset A latest shift:-1",
      "reset A partition=0 partition=0",
      "reset A bogus=1",
      "reset A by-duration:1h",
      "reset A dry-run dry-run",
    ];
    for (const bad of badResets) {
      const answer = await walkthrough.send(bad);
      expect(answer, `the answer to "${bad}"`).toMatch(new RegExp(`^${escape(bad)}\nerror: [^\n]+\n${escape(PROMPT)}$`));
    }
    expect(await walkthrough.send("reset A shift:-1 partition=5")).toContain("error: there is no partition 5: the topic has 1 partition (0)");
    await expectTablesMatchBroker(await walkthrough.send("status"), groupIds, topic!, { A: "11", B: "3" });

    // A dry run: the offsets a shift would set, and nothing moves.
    const dryRun = await walkthrough.send("reset A shift:-3 dry-run");
    expect(dryRun).toContain("dry run: reset A by -3 would set partition 0 → 8");
    expect(dryRun).toContain("nothing changed: the broker still holds committed offset 11 on partition 0 for group A");
    await expectTablesMatchBroker(await walkthrough.send("status"), groupIds, topic!, { A: "11", B: "3" });

    // A shift past the log end on one partition stops at the log end, as Kafka's tool does, and says so.
    const shifted = await walkthrough.send("reset A shift:+5 partition=0");
    expect(shifted).toContain("the broker now holds committed offset 11 on partition 0 for group A (partition 0: 16 is past the log end, so 11)");
    const back = await walkthrough.send("reset A shift:-4");
    expect(back).toContain("group B is untouched: committed offset 3 on partition 0, before the reset and after, read from the broker");
    await expectTablesMatchBroker(back, groupIds, topic!, { A: "7", B: "3" });

    // Reset A to the earliest offset: A's consumer is stopped for it and started again; B is untouched.
    const reset = await walkthrough.send("reset A earliest");
    expect(reset).toContain("the broker now holds committed offset 0 on partition 0 for group A");
    expect(reset).toContain("group B is untouched: committed offset 3 on partition 0, before the reset and after, read from the broker");
    await expectTablesMatchBroker(reset, groupIds, topic!, { A: "0", B: "3" });

    // End of input is quit.
    walkthrough.child.stdin!.end();
    await expectCleanStop(walkthrough, { topic: topic!, ...groupIds }, STEP_TIMEOUT_MS);
  });

  test("a session piped in all at once: the input ends before the first command is done, every command still runs, in order, then it stops", { timeout: 60_000 }, async () => {
    const walkthrough = startWalkthrough();
    walkthrough.child.stdin!.end(["produce a", "status", "ack A 0", "status"].map((line) => `${line}\n`).join(""));
    const exited = await withTimeout(
      "the walkthrough to run its piped session and exit",
      walkthrough.exited.then(() => walkthrough.output),
      START_TIMEOUT_MS + 4 * STEP_TIMEOUT_MS,
    );

    const topic = /^topic (\S+): 1 partition$/m.exec(exited)?.[1];
    const ids = { A: /^group A is (\S+);/m.exec(exited)?.[1], B: /^group B is (\S+);/m.exec(exited)?.[1] };
    expect(
      exited.split("\n").filter((line) => line.startsWith(PROMPT)),
      `${exited}\nstderr: ${walkthrough.errors}`,
    ).toEqual([`${PROMPT}produce a`, `${PROMPT}status`, `${PROMPT}ack A 0`, `${PROMPT}status`, PROMPT]);
    expect(exited).toContain('produced "a": partition 0, offset 0; consumers A and B have received it');
    const [beforeAck, afterAck] = exited.split(`${PROMPT}ack A 0\n`);
    expect(afterAck).toMatch(/^ack A 0: the broker now holds committed offset 1 for group A on partition 0 /);
    const rows = (transcript: string) => [...lastRows(transcript, [ids.A!, ids.B!]).values()].map((row) => `${row.group}: ${row.current}/${row.logEnd} lag ${row.lag}`);
    expect(rows(beforeAck!)).toEqual([`${ids.A}: -/1 lag -`, `${ids.B}: -/1 lag -`]);
    expect(rows(afterAck!)).toEqual([`${ids.A}: 1/1 lag 0`, `${ids.B}: -/1 lag -`]);
    await expectCleanStop(walkthrough, { topic: topic!, A: ids.A!, B: ids.B! }, STEP_TIMEOUT_MS);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
