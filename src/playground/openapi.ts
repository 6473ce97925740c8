/** A short OpenAPI 3 description of the playground's routes, served at `GET /openapi.json`. */
export function openApiDocument(): object {
  const error = { description: "refused; nothing changed", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
  const group = { name: "group", in: "path", required: true, schema: { type: "string", enum: ["A", "B", "C"] } };
  return {
    openapi: "3.0.3",
    info: { title: "Kafka consumer groups playground", version: "1.0.0", description: "Every request needs the run's token: ?token=... or the X-Playground-Token header." },
    components: {
      securitySchemes: { token: { type: "apiKey", in: "header", name: "X-Playground-Token" } },
      schemas: { Error: { type: "object", properties: { detail: { type: "string" } }, required: ["detail"] } },
    },
    security: [{ token: [] }],
    paths: {
      "/": { get: { summary: "What runs: topic, group ids, broker (the page, to a browser)", responses: { 200: ok("info"), 401: error } } },
      "/produce": {
        post: {
          summary: "Send a message",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["content"],
                  properties: { content: { type: "string" }, key: { type: "string", nullable: true }, partition: { type: "integer", minimum: 0 } },
                },
              },
            },
          },
          responses: { 200: ok("where the broker put it: status, topic, partition, offset"), 400: error, 401: error, 413: error, 422: error },
        },
      },
      "/consumers/status": { get: { summary: "Each group as the broker describes it, and what its consumers received", responses: { 200: ok("per group"), 401: error } } },
      "/consumers/{group}/acknowledge": {
        post: {
          summary: "Commit message_offset + 1 for the group (acknowledges every offset up to message_offset)",
          parameters: [
            group,
            { name: "message_offset", in: "query", required: true, schema: { type: "integer", minimum: 0 } },
            { name: "partition", in: "query", required: false, schema: { type: "integer", minimum: 0, default: 0 } },
          ],
          responses: { 200: ok("the committed offset the broker now holds"), 400: error, 401: error, 404: error, 409: error },
        },
      },
      "/consumers/{group}/join": {
        post: { summary: "Start one more member of the group", parameters: [group], responses: { 200: ok("the new member"), 401: error, 404: error, 409: error } },
      },
      "/consumers/reset": {
        post: {
          summary: "Reset a group's committed offsets (every group when none is named); its consumers stop for it and start again",
          parameters: [
            { name: "group", in: "query", required: false, schema: { type: "string" } },
            { name: "to", in: "query", required: false, schema: { type: "string", default: "earliest" }, description: "earliest, latest or an offset" },
          ],
          responses: { 200: ok("the committed offsets now held"), 400: error, 401: error, 404: error, 409: error },
        },
      },
      "/scenario/original": {
        post: { summary: "10 messages on partition 0; A acknowledges through the 5th, B through the 3rd", responses: { 200: ok("committed offsets"), 401: error, 409: error } },
      },
    },
  };
}
