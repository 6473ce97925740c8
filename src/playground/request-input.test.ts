import { describe, expect, test } from "vitest";
import { openApiDocument, ROUTES, type RouteSpec } from "./openapi.js";
import { checkArguments, knownGroup, matchRoute, parseProduceBody, parseResetTarget, RequestError, wholeNumber } from "./request-input.js";

function refusal(run: () => unknown): { status: number; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestError) return { status: error.status, message: error.message };
    throw error;
  }
  return undefined;
}

function route(method: string, path: string): RouteSpec {
  const found = ROUTES.find((r) => r.method === method && r.path === path);
  if (found === undefined) throw new Error(`no route ${method} ${path} in ROUTES`);
  return found;
}

describe("matchRoute", () => {
  test("each route by its method and path, with the group its path names", () => {
    expect(matchRoute("GET", "/consumers/status")?.route.path).toBe("/consumers/status");
    expect(matchRoute("POST", "/consumers/reset")?.route.path).toBe("/consumers/reset");
    expect(matchRoute("POST", "/consumers/a/acknowledge")).toEqual({ route: route("POST", "/consumers/{group}/acknowledge"), group: "a" });
    expect(matchRoute("POST", "/consumers/C/join")?.group).toBe("C");
  });
  test("no route for another method, an extra segment or an empty group; a malformed escape is kept as sent", () => {
    expect(matchRoute("GET", "/consumers/reset")).toBeUndefined();
    expect(matchRoute("DELETE", "/consumers/A")).toBeUndefined();
    expect(matchRoute("POST", "/consumers/A/acknowledge/x")).toBeUndefined();
    expect(matchRoute("POST", "/consumers//join")).toBeUndefined();
    expect(matchRoute("POST", "/consumers/%E0/join")?.group).toBe("%E0");
  });
});

describe("checkArguments", () => {
  const reset = route("POST", "/consumers/reset");
  const check = (r: RouteSpec, query: string, body = "") => refusal(() => checkArguments(r, `${r.method} ${r.path}`, new URLSearchParams(query), body));

  test("each route takes the query parameters it lists, and the token", () => {
    for (const r of ROUTES) {
      const query = new URLSearchParams([...r.query.map((p): [string, string] => [p.name, "1"]), ["token", "t"]]);
      expect(check(r, query.toString()), `${r.method} ${r.path}?${query}`).toBeUndefined();
      expect(check(r, ""), `${r.method} ${r.path} with no query`).toBeUndefined();
    }
  });

  test("a query parameter the route does not list: 400 naming it and the ones the route takes", () => {
    expect(check(reset, "group=A&bogus=1")).toEqual({
      status: 400,
      message: 'POST /consumers/reset does not take the query parameter "bogus": it takes group, to, shift, by_duration, partition, dry_run and token',
    });
    expect(check(route("GET", "/consumers/status"), "bogus=1")).toEqual({
      status: 400,
      message: 'GET /consumers/status does not take the query parameter "bogus": it takes only token',
    });
    expect(check(route("POST", "/consumers/{group}/acknowledge"), "message_offset=1&offset=1")?.message).toBe(
      'POST /consumers/{group}/acknowledge does not take the query parameter "offset": it takes message_offset, partition and token',
    );
    expect(check(route("POST", "/produce"), "partition=1")).toEqual({
      status: 400,
      message:
        'POST /produce does not take the query parameter "partition": it takes only token; its arguments go in a JSON body, {"content": "...", "key": "...", "partition": 0}',
    });
  });

  test("a parameter given twice: 400, since only one of them would be used", () => {
    expect(check(reset, "group=A&group=B")).toEqual({ status: 400, message: 'the query parameter "group" is given 2 times: give it once' });
    expect(check(reset, "token=t&token=t")?.status).toBe(400);
  });

  test("a body on a route that takes its arguments in the query, or none: 400 saying where they go", () => {
    expect(check(reset, "", '{"group":"Z"}')).toEqual({
      status: 400,
      message: "POST /consumers/reset takes its arguments in the query (?group=…&to=…&shift=…&by_duration=…&partition=…&dry_run=…); it takes no body",
    });
    expect(check(route("POST", "/scenario/original"), "", "{}")).toEqual({ status: 400, message: "POST /scenario/original takes no arguments; it takes no body" });
    expect(check(route("GET", "/consumers/status"), "", " ")?.status).toBe(400);
  });

  test("an empty body is no body; the route that takes a body is not refused for having one", () => {
    expect(check(reset, "group=A&to=latest", "")).toBeUndefined();
    expect(check(route("POST", "/produce"), "", '{"content":"x"}')).toBeUndefined();
  });

  test("the OpenAPI description lists exactly the query parameters that are checked", () => {
    const paths = (openApiDocument() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: object }>> }).paths;
    for (const r of ROUTES) {
      if ("described" in r) continue;
      const described = paths[r.path]?.[r.method.toLowerCase()];
      expect(described, `${r.method} ${r.path}`).toBeDefined();
      expect(described!.parameters?.filter((p) => p.in === "query").map((p) => p.name) ?? []).toEqual(r.query.map((p) => p.name));
      expect(Object.keys(described!.responses)).toContain("400");
    }
  });
});

describe("knownGroup", () => {
  test("any case of a known label; 404 naming the labels otherwise", () => {
    expect(knownGroup("a", ["A", "B"])).toBe("A");
    expect(refusal(() => knownGroup("C", ["A", "B"]))).toEqual({ status: 404, message: 'there is no consumer "C": the consumers are A, B' });
  });
});

describe("wholeNumber", () => {
  const params = (query: string) => new URLSearchParams(query);
  test("a whole number, or undefined when optional and absent", () => {
    expect(wholeNumber(params("message_offset=4"), "message_offset", "message_offset=4", true)).toBe(4);
    expect(wholeNumber(params(""), "partition", "partition=0", false)).toBeUndefined();
  });
  test("missing, negative, fractional or words: 400 with the parameter's name", () => {
    expect(refusal(() => wholeNumber(params(""), "message_offset", "message_offset=4", true))?.status).toBe(400);
    for (const bad of ["-1", "1.5", "four", "1e3", "99999999999999999"]) {
      expect(refusal(() => wholeNumber(params(`message_offset=${bad}`), "message_offset", "message_offset=4", true))).toEqual({
        status: 400,
        message: `message_offset "${bad}" is not a number: give a whole number from 0 up, e.g. message_offset=4`,
      });
    }
  });
});

describe("parseProduceBody", () => {
  test("content and key, key optional, partition optional and within the topic", () => {
    expect(parseProduceBody('{"content":"Hello Kafka!","key":"test-1"}', 3)).toEqual({ content: "Hello Kafka!", key: "test-1" });
    expect(parseProduceBody('{"content":"x"}', 3)).toEqual({ content: "x", key: null });
    expect(parseProduceBody('{"content":"x","key":null,"partition":2}', 3)).toEqual({ content: "x", key: null, partition: 2 });
  });
  test("each problem named, with its status", () => {
    expect(refusal(() => parseProduceBody("", 3))?.status).toBe(400);
    expect(refusal(() => parseProduceBody("[1]", 3))).toEqual({ status: 422, message: 'the body is JSON but not an object: send {"content": "...", "key": "..."}' });
    expect(refusal(() => parseProduceBody('{"content":"x","bogus":1}', 3))).toEqual({
      status: 400,
      message: 'POST /produce does not take the field "bogus": its body\'s fields are content, key and partition',
    });
    expect(refusal(() => parseProduceBody("{}", 3))?.message).toBe('content is missing: send {"content": "...", "key": "..."}');
    expect(refusal(() => parseProduceBody('{"content":null}', 3))?.message).toBe("content must be a string, not null");
    expect(refusal(() => parseProduceBody('{"content":"x","key":7}', 3))?.message).toBe("key must be a string or null, not a number");
    expect(refusal(() => parseProduceBody('{"content":"x","partition":-1}', 3))?.message).toBe(
      "partition must be a whole number from 0 to 2, or left out to partition by key; got -1",
    );
  });
});

describe("parseResetTarget", () => {
  const parse = (query: string) => parseResetTarget(new URLSearchParams(query), 3);
  test("earliest by default, latest, an offset, a datetime, a shift or a duration; one partition or all; a dry run", () => {
    expect(parse("")).toEqual({ request: { spec: { to: "earliest" } }, dryRun: false });
    expect(parse("to=latest")).toEqual({ request: { spec: { to: "latest" } }, dryRun: false });
    expect(parse("to=3&partition=2")).toEqual({ request: { spec: { to: "offset", offset: 3 }, partition: 2 }, dryRun: false });
    expect(parse("to=datetime:2026-01-02T03:04:05Z")).toEqual({ request: { spec: { to: "datetime", timestamp: Date.UTC(2026, 0, 2, 3, 4, 5) } }, dryRun: false });
    expect(parse("shift=-3&dry_run=true")).toEqual({ request: { spec: { to: "shift", by: -3 } }, dryRun: true });
    expect(parse("by_duration=PT1H&dry_run=false")).toEqual({ request: { spec: { to: "duration", durationMs: 3_600_000 } }, dryRun: false });
  });

  test.each([
    ["to=-3", /^to "-3" is not a reset target/],
    ["to=soon", /^to "soon" is not a reset target: use earliest, latest, an offset/],
    ["to=datetime:yesterday", /^"yesterday" is not a date and time/],
    ["to=datetime:2026-01-02T03:04:05", /with its zone/],
    ["shift=-3.5", /^shift "-3.5" is not a whole number/],
    ["shift=", /^shift "" is not a whole number/],
    ["by_duration=1h", /^"1h" is not a duration/],
    ["to=latest&shift=-1", /^to and shift each say where to reset to: give one of them$/],
    ["partition=3", /^there is no partition 3: the topic has 3 partitions \(0 to 2\)$/],
    ["partition=one", /^partition "one" is not a number/],
    ["dry_run=yes", /^dry_run "yes" is not true or false/],
  ])("refuses %s with 400 and what to write", (query, expected) => {
    const error = refusal(() => parse(query));
    expect(error?.status).toBe(400);
    expect(error?.message).toMatch(expected);
  });
});
