import { z } from "zod";

/**
 * The parts the results format's schemas are built from. Each fails saying, in words, what a value
 * must be ("a whole number ≥ 0 or null"), and `problemsWith` puts that beside the JSON path and what
 * was found (`groups[1].committed[0].offset`), so a malformed file is named down to the field instead
 * of rendering an empty page.
 */

/** True only when A and B are the same type: for compile-time guards that a schema and the type it validates agree. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Titles and descriptions for the published JSON Schema; a schema with an `id` becomes one of its `$defs`. */
export const FORMAT_METADATA = z.registry<{ id?: string; title?: string; description?: string }>();

/** `schema` as a named definition of the format, with what it is. */
export function defined<S extends z.ZodType>(id: string, description: string, schema: S): S {
  FORMAT_METADATA.add(schema, { id, description });
  return schema;
}

/** A copy of `schema` described for a field, so the description stays with this field and not every use of the schema. */
export function described<S extends z.ZodType>(description: string, schema: S): S {
  // The copy keeps the schema's definition, its error wording included.
  const copy = schema.clone();
  FORMAT_METADATA.add(copy, { description });
  return copy;
}

function wholeNumber(expected: string) {
  return z.int({ error: expected }).min(0, { error: expected });
}

export const string = z.string({ error: "a string" });
/** Finite: zod's number refuses NaN and the infinities. */
export const number = z.number({ error: "a number" });
export const offset = wholeNumber("a whole number ≥ 0");
// Each nullable scalar says "or null" in its own wording: the scalar inside cannot know it may be null.
export const nullableString = z.string({ error: "a string or null" }).nullable();
export const nullableNumber = z.number({ error: "a number or null" }).nullable();
export const nullableOffset = wholeNumber("a whole number ≥ 0 or null").nullable();

export function oneOf<const V extends readonly string[]>(values: V) {
  return z.enum(values, { error: `one of ${values.map((value) => JSON.stringify(value)).join(", ")}` });
}

export function exactly<const V extends string>(value: V) {
  return z.literal(value, { error: JSON.stringify(value) });
}

export function listOf<T extends z.ZodType>(item: T) {
  return z.array(item, { error: "a list" });
}

/** An object used as a map: any keys, each holding a value of `item`. */
export function mapOf<T extends z.ZodType>(item: T) {
  return z.record(z.string(), item, { error: "an object" });
}

/** An object with these fields; other fields are allowed, and left out of the value zod returns. */
export function object<S extends z.core.$ZodLooseShape>(fields: S) {
  return z.object(fields, { error: "an object" });
}

/** An object with these fields whose other fields are kept: details that belong to one kind of record. */
export function openObject<S extends z.core.$ZodLooseShape>(fields: S) {
  return z.looseObject(fields, { error: "an object" });
}

/** Every mismatch between `value` and `schema`, each naming its path and what was found there; empty when it fits. */
export function problemsWith(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${pathOf(issue.path) || "the file"} must be ${issue.message}; found ${describe(valueAt(value, issue.path))}`);
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((shown, key) => (typeof key === "number" ? `${shown}[${key}]` : shown === "" ? String(key) : `${shown}.${String(key)}`), "");
}

/** The value the issue is about, read from the file itself: an issue's own `input` is, for some, the object around it. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let here = value;
  for (const key of path) {
    if (typeof here !== "object" || here === null || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}
