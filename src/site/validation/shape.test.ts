import { expect, test } from "vitest";
import { listOf, nullable, number, object, offset, oneOf, problemsWith, recordOf, string, withVariants } from "./shape.js";

const shape = object({ name: string, offsets: listOf(nullable(offset)), kind: oneOf(["a", "b"]) }, { note: string });

test("a value that fits has no problems, whatever extra fields it has", () => {
  expect(problemsWith(shape, { name: "x", offsets: [0, null, 3], kind: "a", extra: true })).toEqual([]);
});

test("each mismatch names its path and says what was found", () => {
  expect(problemsWith(shape, { name: 1, offsets: [0, -1, "2", 1.5], kind: "c", note: 4 })).toEqual([
    "name must be a string; found 1",
    "offsets[1] must be a whole number ≥ 0 or null; found -1",
    'offsets[2] must be a whole number ≥ 0 or null; found "2"',
    "offsets[3] must be a whole number ≥ 0 or null; found 1.5",
    'kind must be one of "a", "b"; found "c"',
    "note must be a string; found 4",
  ]);
});

test("an optional field may be absent; a required one may not", () => {
  expect(problemsWith(shape, { offsets: {}, kind: "b" })).toEqual(["name must be a string; found nothing", "offsets must be a list; found an object"]);
});

test("numbers must be finite", () => {
  expect(problemsWith(number, Number.NaN)).toEqual(["the file must be a number; found NaN"]);
});

test("long values are cut in the message", () => {
  expect(problemsWith(string, 10 ** 50)).toEqual(["the file must be a string; found 1e+50"]);
  expect(problemsWith(number, "x".repeat(100))[0]).toMatch(/found "x{39}…$/);
});

test("a kind of record is held to the fields its kind adds, once it fits the common shape", () => {
  const event = withVariants(object({ kind: string }), "kind", { sample: object({ samples: offset }) });
  expect(problemsWith(event, { kind: "sample", samples: 3 })).toEqual([]);
  expect(problemsWith(event, { kind: "other" })).toEqual([]);
  expect(problemsWith(event, { kind: "sample" })).toEqual(["samples must be a whole number ≥ 0; found nothing"]);
  expect(problemsWith(event, { kind: 1 })).toEqual(["kind must be a string; found 1"]);
});

test("a map's values are each checked, under their key", () => {
  const configs = recordOf(string);
  expect(problemsWith(configs, { "share.auto.offset.reset": "earliest" })).toEqual([]);
  expect(problemsWith(object({ configs }), { configs: { limit: 3 } })).toEqual(["configs.limit must be a string; found 3"]);
  expect(problemsWith(configs, [])).toEqual(["the file must be an object; found a list"]);
});
