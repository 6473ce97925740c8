/**
 * The playground's routes, and the arguments each takes, in one table: the OpenAPI description served at
 * `GET /openapi.json` is written from it, and the server refuses any request whose query or body it does not
 * describe (`checkArguments` in request-input.ts), so the description and what is accepted cannot disagree.
 */

/** A query parameter of one route. `token`, which every route takes, is not listed: it is the security scheme. */
export interface QueryParameter {
  readonly name: string;
  readonly required: boolean;
  readonly schema: object;
  readonly description?: string;
}

/** The schema of a JSON object body: its fields are the properties, and no others are taken. */
export interface ObjectBody {
  readonly type: "object";
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, { readonly type: string; readonly [keyword: string]: unknown }>>;
  readonly additionalProperties: false;
}

export interface RouteSpec {
  readonly method: "GET" | "POST";
  /** An OpenAPI path template; `{group}` stands for one path segment, a consumer group's label. */
  readonly path: string;
  readonly summary: string;
  readonly query: readonly QueryParameter[];
  /** A route with a body takes its arguments there; every other route refuses a body. */
  readonly body?: ObjectBody;
  /** What a 200 answer holds. */
  readonly ok: string;
  /** The statuses it refuses with, besides the 400 and 401 every route can answer. */
  readonly refusals: readonly number[];
  /** false for what serves the page and this description, which are not the demo's API. */
  readonly described?: false;
}

/** `POST /produce`'s body. */
export const PRODUCE_BODY = {
  type: "object",
  required: ["content"],
  properties: { content: { type: "string" }, key: { type: "string", nullable: true }, partition: { type: "integer", minimum: 0 } },
  additionalProperties: false,
} as const satisfies ObjectBody;

export const ROUTES = [
  { method: "GET", path: "/", summary: "What runs: topic, group ids, broker (the page, to a browser)", query: [], ok: "info", refusals: [] },
  { method: "GET", path: "/page.js", summary: "The page's script", query: [], ok: "the script", refusals: [], described: false },
  { method: "GET", path: "/openapi.json", summary: "This description", query: [], ok: "the description", refusals: [], described: false },
  {
    method: "POST",
    path: "/produce",
    summary: "Send a message",
    query: [],
    body: PRODUCE_BODY,
    ok: "where the broker put it: status, topic, partition, offset",
    refusals: [413, 422],
  },
  { method: "GET", path: "/consumers/status", summary: "Each group as the broker describes it, and what its consumers received", query: [], ok: "per group", refusals: [] },
  {
    method: "POST",
    path: "/consumers/{group}/acknowledge",
    summary: "Commit message_offset + 1 for the group (acknowledges every offset up to message_offset)",
    query: [
      { name: "message_offset", required: true, schema: { type: "integer", minimum: 0 } },
      { name: "partition", required: false, schema: { type: "integer", minimum: 0, default: 0 } },
    ],
    ok: "the committed offset the broker now holds",
    refusals: [404, 409],
  },
  { method: "POST", path: "/consumers/{group}/join", summary: "Start one more member of the group", query: [], ok: "the new member", refusals: [404, 409] },
  {
    method: "POST",
    path: "/consumers/reset",
    summary:
      "Reset a group's committed offsets (every group when none is named) as kafka-consumer-groups --reset-offsets would; its consumers stop for it and start again. With dry_run=true, only the offsets it would set",
    query: [
      { name: "group", required: false, schema: { type: "string" } },
      {
        name: "to",
        required: false,
        schema: { type: "string", default: "earliest" },
        description: "earliest, latest, an offset, or datetime:<ISO-8601 with zone> (the first offset at or after that time); one of to, shift, by_duration",
      },
      { name: "shift", required: false, schema: { type: "integer" }, description: "move the committed offset by this many (negative: back), clamped to the log" },
      { name: "by_duration", required: false, schema: { type: "string" }, description: "an ISO-8601 duration (PnDTnHnMnS, e.g. PT1H): the first offset at or after that long ago" },
      { name: "partition", required: false, schema: { type: "integer", minimum: 0 }, description: "only this partition; every partition when absent" },
      { name: "dry_run", required: false, schema: { type: "boolean", default: false }, description: "true: answer with the offsets it would set, and change nothing" },
    ],
    ok: "the committed offsets now held",
    refusals: [404, 409],
  },
  {
    method: "POST",
    path: "/scenario/original",
    summary: "10 messages on partition 0; A acknowledges through the 5th, B through the 3rd",
    query: [],
    ok: "committed offsets",
    refusals: [409],
  },
] as const satisfies readonly RouteSpec[];

export type Route = (typeof ROUTES)[number];
type NameOf<R> = R extends { readonly method: infer M extends string; readonly path: infer P extends string } ? `${M} ${P}` : never;
/** A route's method and path template, e.g. `POST /consumers/{group}/acknowledge`. */
export type RouteName = NameOf<Route>;

export function routeName(route: Route): RouteName {
  return `${route.method} ${route.path}` as RouteName;
}

/** A short OpenAPI 3 description of the playground's routes, served at `GET /openapi.json`. */
export function openApiDocument(): object {
  const error = { description: "refused; nothing changed", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
  const group = { name: "group", in: "path", required: true, schema: { type: "string", enum: ["A", "B", "C"] } };
  const paths: Record<string, Record<string, object>> = {};
  for (const route of ROUTES as readonly RouteSpec[]) {
    if (route.described === false) continue;
    const parameters = [...(route.path.includes("{group}") ? [group] : []), ...route.query.map((parameter) => ({ ...parameter, in: "query" }))];
    const refusals = [...new Set([400, 401, ...route.refusals])].sort((a, b) => a - b);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body === undefined ? {} : { requestBody: { required: true, content: { "application/json": { schema: route.body } } } }),
      responses: { 200: ok(route.ok), ...Object.fromEntries(refusals.map((status) => [status, error])) },
    };
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "Kafka consumer groups playground",
      version: "1.0.0",
      description:
        "Every request needs the run's token: ?token=... or the X-Playground-Token header. A query parameter or body field a route does not list, or a body on a route that takes none, is refused with 400 before anything is done.",
    },
    components: {
      securitySchemes: { token: { type: "apiKey", in: "header", name: "X-Playground-Token" } },
      schemas: { Error: { type: "object", properties: { detail: { type: "string" } }, required: ["detail"] } },
    },
    security: [{ token: [] }],
    paths,
  };
}
