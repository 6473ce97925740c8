import { expect, test } from "vitest";
import { exactly, listOf, mapOf, nullableNumber, nullableOffset, number, object, offset, oneOf, openObject, problemsWith, string } from "./schema-parts.js";

const schema = object({ name: string, offsets: listOf(nullableOffset), kind: oneOf(["a", "b"]), note: string.optional() });

test("a value that fits has no problems, whatever extra fields it has", () => {
  expect(problemsWith(schema, { name: "x", offsets: [0, null, 3], kind: "a", extra: true })).toEqual([]);
});

test("each mismatch names its path and says what was found", () => {
  expect(problemsWith(schema, { name: 1, offsets: [0, -1, "2", 1.5], kind: "c", note: 4 })).toEqual([
    "name must be a string; found 1",
    "offsets[1] must be a whole number ≥ 0 or null; found -1",
    'offsets[2] must be a whole number ≥ 0 or null; found "2"',
    "offsets[3] must be a whole number ≥ 0 or null; found 1.5",
    'kind must be one of "a", "b"; found "c"',
    "note must be a string; found 4",
  ]);
});

test("an optional field may be absent; a required one may not", () => {
  expect(problemsWith(schema, { offsets: {}, kind: "b" })).toEqual(["name must be a string; found nothing", "offsets must be a list; found an object"]);
});

test("numbers must be finite, offsets whole and safe", () => {
  expect(problemsWith(number, Number.NaN)).toEqual(["the file must be a number; found NaN"]);
  expect(problemsWith(nullableNumber, Number.POSITIVE_INFINITY)).toEqual(["the file must be a number or null; found Infinity"]);
  expect(problemsWith(offset, 2 ** 60)).toEqual(["the file must be a whole number ≥ 0; found 1152921504606847000"]);
});

test("long values are cut in the message", () => {
  expect(problemsWith(string, 10 ** 50)).toEqual(["the file must be a string; found 1e+50"]);
  expect(problemsWith(number, "x".repeat(100))[0]).toMatch(/found "x{39}…$/);
});

test("a map's values are each checked, under their key", () => {
  const configs = mapOf(string);
  expect(problemsWith(configs, { "share.auto.offset.reset": "earliest" })).toEqual([]);
  expect(problemsWith(object({ configs }), { configs: { limit: 3 } })).toEqual(["configs.limit must be a string; found 3"]);
  expect(problemsWith(configs, [])).toEqual(["the file must be an object; found a list"]);
});

test("an exact value is quoted; an open object keeps the fields it does not name", () => {
  const event = openObject({ actor: exactly("broker") });
  expect(problemsWith(event, { actor: "admin" })).toEqual(['actor must be "broker"; found "admin"']);
  expect(event.parse({ actor: "broker", group: "A" })).toEqual({ actor: "broker", group: "A" });
  expect(object({ actor: string }).parse({ actor: "broker", group: "A" })).toEqual({ actor: "broker" });
});
