import { PassThrough } from "node:stream";
import { expect, it } from "vitest";
import { HostLink, parseLine, type HostEvent } from "./host-link.js";

function pair() {
  const fromHost = new PassThrough();
  const toHost = new PassThrough();
  const sent: Record<string, unknown>[] = [];
  toHost.setEncoding("utf8").on("data", (chunk: string) =>
    sent.push(
      ...chunk
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    ),
  );
  return { fromHost, toHost, sent };
}

it("answers each request with the line of its id, and hands every other line to its consumer, in order", async () => {
  const { fromHost, toHost, sent } = pair();
  const notices: string[] = [];
  const link = new HostLink(fromHost, toHost, "the host", (line) => notices.push(line));
  const events: HostEvent[] = [];
  link.listen("A", (event) => events.push(event));
  const answer = link.request("commit", { consumer: "A", offsets: [] });
  await new Promise((resolve) => setImmediate(resolve));
  expect(sent).toEqual([{ id: 1, op: "commit", consumer: "A", offsets: [] }]);
  fromHost.write('@@ ready\n{"event":"polled","consumer":"A","memberId":"m","records":[],"positioned":true}\n{"event":"assigned","consumer"');
  fromHost.write(':"B","memberId":"m","assignment":[]}\n{"id":1,"ok":true}\n');
  await expect(answer).resolves.toEqual({ id: 1, ok: true });
  expect(notices).toEqual(["@@ ready"]);
  expect(events).toEqual([{ event: "polled", consumer: "A", memberId: "m", records: [], positioned: true }]);
});

it("marks an answer as read before an event that follows it in the same chunk, although the answer's promise resolves later", async () => {
  const { fromHost, toHost } = pair();
  const link = new HostLink(fromHost, toHost, "the host");
  const order: string[] = [];
  link.listen("A", () => order.push("event"));
  const answer = link.request("share-acknowledge", { consumer: "A", acknowledgements: [] }, () => order.push("answered"));
  const resolved = answer.then(() => order.push("resolved"));
  fromHost.write('{"id":1,"ok":true,"results":[]}\n{"event":"share-polled","consumer":"A","records":[]}\n');
  await resolved;
  expect(order).toEqual(["answered", "event", "resolved"]);
});

it("rejects a request the host refused, with the host's words", async () => {
  const { fromHost, toHost } = pair();
  const link = new HostLink(fromHost, toHost, "the Java consumer host");
  const answer = link.request("pause", { consumer: "X" });
  fromHost.write('{"id":1,"error":"IllegalArgumentException: no consumer named X"}\n');
  await expect(answer).rejects.toThrow("the Java consumer host refused pause: IllegalArgumentException: no consumer named X");
});

it("fails every request in flight, and every later one, when the host goes away", async () => {
  const { fromHost, toHost } = pair();
  const link = new HostLink(fromHost, toHost, "the Java consumer host");
  const answer = link.request("close", { consumer: "A" });
  fromHost.destroy();
  await expect(answer).rejects.toThrow("the Java consumer host closed the connection");
  await expect(link.request("close", { consumer: "A" })).rejects.toThrow("closed the connection");
});

it("refuses a line that is neither an answer nor an event", () => {
  expect(() => parseLine("Exception in thread main")).toThrow("the Java consumer host wrote a line that is not JSON: Exception in thread main");
  expect(() => parseLine('{"event":"other"}')).toThrow("neither an answer nor an event");
});

it("hands a share consumer's poll, with each record's delivery count, to its consumer", async () => {
  const { fromHost, toHost } = pair();
  const link = new HostLink(fromHost, toHost, "the host");
  const events: HostEvent[] = [];
  link.listen("S1", (event) => events.push(event));
  const record = { topic: "t", partition: 0, offset: 2, key: null, value: "v", deliveryCount: 2 };
  fromHost.write(`${JSON.stringify({ event: "share-polled", consumer: "S1", records: [record] })}\n`);
  await new Promise((resolve) => setImmediate(resolve));
  expect(events).toEqual([{ event: "share-polled", consumer: "S1", records: [record] }]);
});

it("hands a commit the client reports making to its consumer", () => {
  const committed = { event: "committed", consumer: "A1", offsets: [{ topic: "t", partition: 0, offset: 10 }] };
  expect(parseLine(JSON.stringify(committed))).toEqual(committed);
});
