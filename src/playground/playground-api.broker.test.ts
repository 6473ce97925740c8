/**
 * The playground's HTTP API on the run's broker: each kind of bad input is
 * refused with its status and one line naming the problem, and leaves every
 * group's committed offsets and the topic's log ends as they were, read from
 * the broker before and after. A request without the run's token is refused the
 * same way, and so is one carrying what its route does not take: a query
 * parameter it does not list, or a body on a route that takes its arguments in
 * the query.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { kafkaClient } from "../harness/client-settings.js";
import { BrokerWitness } from "../harness/broker-witness.js";
import { openPlayground, type OpenPlayground } from "./run-playground.js";

const broker = inject("broker");
let playground: OpenPlayground | undefined;
const admin = kafkaClient(broker, "playground-api-test").admin();
const witness = new BrokerWitness(admin);

beforeAll(async () => {
  await admin.connect();
  playground = await openPlayground(broker);
});

afterAll(async () => {
  await playground?.[Symbol.asyncDispose]();
  await admin.disconnect();
});

async function call(method: string, path: string, options: { body?: string; token?: string | null } = {}) {
  const { server } = playground!;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token !== null) headers["x-playground-token"] = options.token ?? server.token;
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: options.body }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A body sent in chunks, with no Content-Length, as a streaming client sends it. */
function callChunked(method: string, path: string, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { server } = playground!;
  return new Promise((resolve, reject) => {
    const sent = httpRequest({ host: "127.0.0.1", port: server.port, path, method, headers: { "x-playground-token": server.token, "transfer-encoding": "chunked" } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> }));
    });
    sent.on("error", reject);
    for (const part of body.match(/.{1,4}/g) ?? []) sent.write(part);
    sent.end();
  });
}

/** Every group's committed offsets on every partition, and the topic's log ends, from the broker. */
async function committedEverywhere(): Promise<string> {
  const { session } = playground!;
  const groups = await Promise.all(session.labels().map(async (label) => [label, await witness.committedOffsets(session.groupIds[label]!, [session.topic])]));
  return JSON.stringify({ groups, logEnds: await witness.logEndOffsets(session.topic) });
}

describe("the playground's API", () => {
  test("the original scenario leaves 5 and 3 committed", { timeout: 60_000 }, async () => {
    const answer = await call("POST", "/scenario/original");
    expect(answer).toEqual({ status: 200, body: { status: "done", produced: { partition: 0, from: 0, to: 9 }, committed: { A: 5, B: 3 } } });
  });

  const BAD: { what: string; method: string; path: string; body?: string; token?: string | null; status: number; detail: string | RegExp }[] = [
    { what: "no token", method: "POST", path: "/consumers/A/acknowledge?message_offset=9", token: null, status: 401, detail: /^missing or wrong token: / },
    { what: "a wrong token", method: "POST", path: "/consumers/reset", token: "0".repeat(32), status: 401, detail: /^missing or wrong token: / },
    { what: "an unknown consumer", method: "POST", path: "/consumers/Z/acknowledge?message_offset=1", status: 404, detail: 'there is no consumer "Z": the consumers are A, B' },
    {
      what: "an offset that is not a number",
      method: "POST",
      path: "/consumers/A/acknowledge?message_offset=four",
      status: 400,
      detail: 'message_offset "four" is not a number: give a whole number from 0 up, e.g. message_offset=4',
    },
    { what: "no offset", method: "POST", path: "/consumers/A/acknowledge", status: 400, detail: "message_offset is missing: add it to the query, e.g. message_offset=4" },
    {
      what: "an offset beyond what was received",
      method: "POST",
      path: "/consumers/B/acknowledge?message_offset=12",
      status: 409,
      detail: "offset 12 is beyond the log end of partition 0 (10): its messages are at offsets 0 to 9",
    },
    {
      what: "an offset the consumer has not received",
      method: "POST",
      path: "/consumers/B/acknowledge?message_offset=0&partition=2",
      status: 409,
      detail: "partition 2 holds no messages: produce one, then ack its offset",
    },
    {
      what: "an ack that would move a group back",
      method: "POST",
      path: "/consumers/A/acknowledge?message_offset=1",
      status: 409,
      detail: /^group A has already acknowledged through offset 4 on partition 0; /,
    },
    {
      what: "a body that is not JSON",
      method: "POST",
      path: "/produce",
      body: "content=hi",
      status: 400,
      detail: /^the body is not JSON \(.*\): send \{"content": "\.\.\.", "key": "\.\.\."\}$/,
    },
    { what: "no content", method: "POST", path: "/produce", body: '{"key":"k"}', status: 422, detail: 'content is missing: send {"content": "...", "key": "..."}' },
    { what: "content that is not text", method: "POST", path: "/produce", body: '{"content":5}', status: 422, detail: "content must be a string, not a number" },
    {
      what: "a partition the topic lacks",
      method: "POST",
      path: "/produce",
      body: '{"content":"x","partition":3}',
      status: 422,
      detail: "partition must be a whole number from 0 to 2, or left out to partition by key; got 3",
    },
    {
      what: "a body that is too large",
      method: "POST",
      path: "/produce",
      body: JSON.stringify({ content: "x".repeat(70_000) }),
      status: 413,
      detail: "the body is 70014 bytes; the playground takes at most 65536",
    },
    {
      what: "a reset to an unknown target",
      method: "POST",
      path: "/consumers/reset?group=A&to=yesterday",
      status: 400,
      detail: 'to "yesterday" is not a reset target: use earliest, latest, an offset (a whole number) or datetime:<ISO-8601>, e.g. to=datetime:2026-01-01T12:00:00Z',
    },
    {
      what: "a reset to a datetime that is not one",
      method: "POST",
      path: "/consumers/reset?group=A&to=datetime:yesterday",
      status: 400,
      detail: /^"yesterday" is not a date and time: write an ISO-8601 date and time with its zone/,
    },
    {
      what: "a reset to a datetime without its zone",
      method: "POST",
      path: "/consumers/reset?group=A&to=datetime:2026-01-02T03:04:05",
      status: 400,
      detail: /^"2026-01-02T03:04:05" is not a date and time: write an ISO-8601 date and time with its zone/,
    },
    { what: "a shift that is not a whole number", method: "POST", path: "/consumers/reset?group=A&shift=-1.5", status: 400, detail: /^shift "-1\.5" is not a whole number/ },
    {
      what: "a duration that is not one",
      method: "POST",
      path: "/consumers/reset?group=A&by_duration=1h",
      status: 400,
      detail: /^"1h" is not a duration: write an ISO-8601 duration/,
    },
    {
      what: "a reset of a partition the topic lacks",
      method: "POST",
      path: "/consumers/reset?group=A&to=earliest&partition=7",
      status: 400,
      detail: "there is no partition 7: the topic has 3 partitions (0 to 2)",
    },
    {
      what: "a reset with two targets",
      method: "POST",
      path: "/consumers/reset?group=A&to=latest&shift=-1",
      status: 400,
      detail: "to and shift each say where to reset to: give one of them",
    },
    {
      what: "a shift given twice",
      method: "POST",
      path: "/consumers/reset?group=A&shift=1&shift=2",
      status: 400,
      detail: 'the query parameter "shift" is given 2 times: give it once',
    },
    { what: "a dry run that is neither true nor false", method: "POST", path: "/consumers/reset?group=A&dry_run=yes", status: 400, detail: /^dry_run "yes" is not true or false/ },
    {
      what: "a shift of a partition with nothing committed",
      method: "POST",
      path: "/consumers/reset?group=B&shift=-1&partition=1",
      status: 409,
      detail: "partition 1 has no committed offset to shift by -1: reset it to an offset first",
    },
    {
      what: "a dry run with a body",
      method: "POST",
      path: "/consumers/reset?dry_run=true",
      body: '{"group":"A"}',
      status: 400,
      detail: /takes its arguments in the query .*; it takes no body$/,
    },
    {
      what: "a reset beyond the log",
      method: "POST",
      path: "/consumers/reset?group=A&to=11",
      status: 409,
      detail: "offset 11 is beyond the log end of partition 0 (10): reset to an offset from 0 (earliest) to 10 (latest)",
    },
    { what: "a reset of an unknown group", method: "POST", path: "/consumers/reset?group=Q", status: 404, detail: 'there is no consumer "Q": the consumers are A, B' },
    {
      what: "a reset with its group in a JSON body",
      method: "POST",
      path: "/consumers/reset",
      body: '{"group":"Z"}',
      status: 400,
      detail: "POST /consumers/reset takes its arguments in the query (?group=…&to=…&shift=…&by_duration=…&partition=…&dry_run=…); it takes no body",
    },
    {
      what: "a reset with a query parameter it does not take",
      method: "POST",
      path: "/consumers/reset?bogus=1",
      status: 400,
      detail: 'POST /consumers/reset does not take the query parameter "bogus": it takes group, to, shift, by_duration, partition, dry_run and token',
    },
    {
      what: "a reset naming its group twice",
      method: "POST",
      path: "/consumers/reset?group=A&group=B",
      status: 400,
      detail: 'the query parameter "group" is given 2 times: give it once',
    },
    {
      what: "a status read with a query parameter it does not take",
      method: "GET",
      path: "/consumers/status?bogus=1",
      status: 400,
      detail: 'GET /consumers/status does not take the query parameter "bogus": it takes only token',
    },
    {
      what: "an ack with a query parameter it does not take",
      method: "POST",
      path: "/consumers/A/acknowledge?message_offset=9&bogus=1",
      status: 400,
      detail: 'POST /consumers/A/acknowledge does not take the query parameter "bogus": it takes message_offset, partition and token',
    },
    {
      what: "an ack with a body",
      method: "POST",
      path: "/consumers/A/acknowledge?message_offset=9",
      body: '{"partition":1}',
      status: 400,
      detail: "POST /consumers/A/acknowledge takes its arguments in the query (?message_offset=…&partition=…); it takes no body",
    },
    {
      what: "the original scenario with a query parameter it does not take",
      method: "POST",
      path: "/scenario/original?bogus=1",
      status: 400,
      detail: 'POST /scenario/original does not take the query parameter "bogus": it takes only token',
    },
    {
      what: "a produce with its partition in the query",
      method: "POST",
      path: "/produce?partition=1",
      body: '{"content":"x"}',
      status: 400,
      detail: 'POST /produce does not take the query parameter "partition": it takes only token; its arguments go in a JSON body, {"content": "...", "key": "...", "partition": 0}',
    },
    {
      what: "a produce with a field it does not take",
      method: "POST",
      path: "/produce",
      body: '{"content":"x","partiton":1}',
      status: 400,
      detail: 'POST /produce does not take the field "partiton": its body\'s fields are content, key and partition',
    },
    { what: "an unknown route", method: "DELETE", path: "/consumers/A", status: 404, detail: "no route DELETE /consumers/A: see GET /openapi.json for the routes" },
  ];

  test.each(BAD)("$what: $status with one line, and no committed offset moves", async ({ method, path, body, token, status, detail }) => {
    const before = await committedEverywhere();
    const answer = await call(method, path, { ...(body === undefined ? {} : { body }), ...(token === undefined ? {} : { token }) });
    expect(answer.status).toBe(status);
    expect(Object.keys(answer.body)).toEqual(["detail"]);
    expect(answer.body.detail).toMatch(typeof detail === "string" ? new RegExp(`^${detail.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : detail);
    expect(String(answer.body.detail)).not.toContain("\n");
    expect(await committedEverywhere()).toBe(before);
  });

  test("a reset with its group in a chunked body (no Content-Length) is refused the same way", async () => {
    const before = await committedEverywhere();
    const answer = await callChunked("POST", "/consumers/reset", '{"group":"Z"}');
    expect(answer).toEqual({
      status: 400,
      body: { detail: "POST /consumers/reset takes its arguments in the query (?group=…&to=…&shift=…&by_duration=…&partition=…&dry_run=…); it takes no body" },
    });
    expect(await committedEverywhere()).toBe(before);
  });

  test("a reset of a group with a member started elsewhere (a live group) is refused, and stops nothing", { timeout: 60_000 }, async () => {
    const { session } = playground!;
    const outsider = kafkaClient(broker, "outsider").consumer({ groupId: session.groupIds.B!, sessionTimeout: 10_000, rebalanceTimeout: 10_000 });
    await outsider.connect();
    try {
      const joined = new Promise<void>((resolve) => outsider.on(outsider.events.GROUP_JOIN, () => resolve()));
      await outsider.subscribe({ topics: [session.topic], fromBeginning: true });
      await outsider.run({ autoCommit: false, eachMessage: async () => undefined });
      await joined;
      const before = await committedEverywhere();
      const consumersBefore = session.consumers("B").map((c) => c.memberId);
      const answer = await call("POST", "/consumers/reset?to=earliest");
      expect(answer).toEqual({
        status: 409,
        body: {
          detail: 'group B is live: it has a member not started here (client id "outsider"), and the broker refuses a reset while a group has members; stop that consumer first',
        },
      });
      expect(await committedEverywhere()).toBe(before);
      expect(
        session.consumers("B").map((c) => c.memberId),
        "B's consumer was not stopped",
      ).toEqual(consumersBefore);
      expect(session.consumers("A")[0]!.isRunning, "A was not reset either: every group is checked first").toBe(true);
    } finally {
      await outsider.disconnect();
    }
  });

  test("a dry run answers the offsets a shift would set, and stops or moves nothing", { timeout: 60_000 }, async () => {
    const { session } = playground!;
    const before = await committedEverywhere();
    const members = session.consumers("A").map((c) => c.memberId);
    const answer = await call("POST", "/consumers/reset?group=A&shift=-2&partition=0&dry_run=true");
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({
      status: "dry-run",
      groups: [{ consumer: "A", would_set: [{ partition: 0, offset: 3 }], committed: expect.arrayContaining([{ partition: 0, offset: 5 }]) }],
    });
    expect(await committedEverywhere()).toBe(before);
    expect(
      session.consumers("A").map((c) => c.memberId),
      "A's consumer kept running",
    ).toEqual(members);
  });

  test("a reset to a datetime before every record, on one partition, moves only that partition of that group", { timeout: 60_000 }, async () => {
    const { session } = playground!;
    const read = (label: string) => witness.committedOffsets(session.groupIds[label]!, [session.topic]);
    const [aBefore, bBefore] = [await read("A"), await read("B")];
    const answer = await call("POST", "/consumers/reset?group=B&to=datetime:2000-01-01T00:00:00Z&partition=0");
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const [aAfter, bAfter] = [await read("A"), await read("B")];
    expect(aAfter).toEqual(aBefore);
    expect(bAfter.find((c) => c.partition === 0)?.offset).toBe(0);
    expect(bAfter.filter((c) => c.partition !== 0)).toEqual(bBefore.filter((c) => c.partition !== 0));
  });

  test("a reset with an empty body is done: an empty body is no body", { timeout: 60_000 }, async () => {
    const { session } = playground!;
    const answer = await call("POST", "/consumers/reset?group=A&to=latest", { body: "" });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const ends = await witness.logEndOffsets(session.topic);
    const committed = await witness.committedOffsets(session.groupIds.A!, [session.topic]);
    expect(committed.map(({ partition, offset }) => ({ partition, offset }))).toEqual(ends.map(({ partition, logEndOffset }) => ({ partition, offset: logEndOffset })));
  });
});

describe("the playground's resets by shift, clamped as Kafka's tool clamps them", () => {
  test("a shift past the log start stops there, and says so", { timeout: 60_000 }, async () => {
    const { session } = playground!;
    const bBefore = await witness.committedOffsets(session.groupIds.B!, [session.topic]);
    const answer = await call("POST", "/consumers/reset?group=A&shift=-99&partition=0");
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ status: "reset", groups: [{ consumer: "A", set: [{ partition: 0, offset: 0, clamped_to: "log start" }] }] });
    expect(await witness.committedOffset(session.groupIds.A!, session.topic, 0)).toBe(0);
    expect(await witness.committedOffsets(session.groupIds.B!, [session.topic])).toEqual(bBefore);
  });
});
