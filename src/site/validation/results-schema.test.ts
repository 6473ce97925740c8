import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { recordedResults } from "../fixtures/recorded-runs.js";
import { proofResultFixture } from "../fixtures/proof-result-fixture.js";
import { RESULTS_SCHEMA_FILE, resultsSchemaText } from "./results-schema-file.js";
import { proofResultSchema, resultsJsonSchema } from "./results-schema.js";
import { problemsWith } from "./schema-parts.js";

/** A results file to spoil: the fixture as JSON would hold it, open to any change. */
function file(): Record<string, unknown> & { control: Record<string, unknown> & { timeline: unknown[] }; groups: { members: Record<string, unknown>[] }[] } {
  return JSON.parse(JSON.stringify(proofResultFixture())) as ReturnType<typeof file>;
}

describe("the results schema on hand-made files", () => {
  test("a results file as the harness writes it fits", () => {
    expect(problemsWith(proofResultSchema, file())).toEqual([]);
  });

  test("a field of the wrong type is named down to its place in the file", () => {
    const result = file();
    result.groups[0]!.members[1]!.memberId = 3;
    expect(problemsWith(proofResultSchema, result)).toEqual(["groups[0].members[1].memberId must be a string; found 3"]);
  });

  test("a missing field is named, in the control too", () => {
    const result = file();
    delete result.claim;
    delete result.control.precondition;
    expect(problemsWith(proofResultSchema, result)).toEqual(["claim must be a string; found nothing", "control.precondition must be a string; found nothing"]);
  });

  test("a value outside an enumeration is named with the values there are", () => {
    const result = file();
    result.secondWitness = { state: "maybe", detail: "" };
    result.control.timeline.push({ at: 1, event: "explode", actor: "A", summary: "?" });
    expect(problemsWith(proofResultSchema, result)).toEqual([
      'secondWitness.state must be one of "agreed", "disagreed", "not-run"; found "maybe"',
      'control.timeline[2].event must be one of "produce", "receive", "acknowledge", "commit", "join", "leave", "reset", "refused", "restart", "crash", "observe", "assignment", "revoke", "acl", "stall", "resume", "finish"; found "explode"',
    ]);
  });

  test("an assignment event is held to an assignment's fields; another event keeps whatever details it has", () => {
    const result = file();
    result.control.timeline.push({
      at: 1,
      event: "assignment",
      actor: "admin",
      summary: "",
      group: "A",
      state: "Stable",
      protocol: "consumer",
      members: [{ consumer: "A1" }],
      samples: 1,
    });
    expect(problemsWith(proofResultSchema, result)).toEqual([
      'control.timeline[2].actor must be "broker"; found "admin"',
      "control.timeline[2].members[0].memberId must be a string; found nothing",
      "control.timeline[2].members[0].owns must be a list; found nothing",
      "control.timeline[2].lastAt must be a number; found nothing",
    ]);
    expect(proofResultSchema.parse(file()).timeline[1]).toMatchObject({ attempt: 1, code: "UNKNOWN_MEMBER_ID" });
  });
});

describe("the published JSON Schema", () => {
  test("the committed file is what scripts/results-schema.ts writes from the schema", async () => {
    // On a difference, `npx tsx scripts/results-schema.ts` writes it anew.
    expect(readFileSync(RESULTS_SCHEMA_FILE, "utf8")).toBe(await resultsSchemaText());
  });

  test("it names itself, and each part of the format is a definition of its own", () => {
    expect(resultsJsonSchema()).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "results.schema.json",
      title: "Kafka consumer-group proof results",
      $defs: { Check: {}, GroupEvidence: {}, TimelineEvent: {}, AssignmentObservation: {}, ShareGroupEvidence: {}, ControlResult: {} },
    });
  });

  // The committed file itself, read back as a validator: what others would check their files with.
  const published = z.fromJSONSchema(JSON.parse(readFileSync(RESULTS_SCHEMA_FILE, "utf8")) as Parameters<typeof z.fromJSONSchema>[0]);

  test.each(recordedResults().map((result) => [result.id, result] as const))("%s, as a real run recorded it, fits it", (_, result) => {
    expect(published.safeParse(result).error?.issues).toBeUndefined();
  });

  test("a malformed file does not fit it", () => {
    const result = file();
    result.groups[0]!.members[1]!.memberId = 3;
    result.control.timeline.push({ at: 1, event: "explode", actor: "A", summary: "?" });
    expect(published.safeParse(result).error?.issues.map((issue) => issue.path.join("."))).toEqual(["groups.0.members.1.memberId", "control.timeline.2"]);
  });
});
