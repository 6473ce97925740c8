/**
 * Small, typed descriptions of JSON shapes that report every mismatch with the
 * JSON path where it is (`groups[1].committed[0].offset`), so a malformed
 * results file is named down to the field instead of rendering an empty page.
 */

/** Adds a problem for each mismatch found under `path`. */
export interface Shape<T> {
  /** What a value must be, in words: "a number or null". */
  readonly expected: string;
  check(value: unknown, path: string, problems: string[]): void;
  /** Only carries the type; never set. */
  readonly type?: T;
}

export type ShapeOf<S> = S extends Shape<infer T> ? T : never;

/** True only when A and B are the same type: for compile-time guards that a shape and the type it validates agree. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

function shape<T>(expected: string, accepts: (value: unknown) => boolean): Shape<T> {
  return {
    expected,
    check(value, path, problems) {
      if (!accepts(value)) problems.push(mismatch(path, expected, value));
    },
  };
}

export function mismatch(path: string, expected: string, value: unknown): string {
  return `${path || "the file"} must be ${expected}; found ${describe(value)}`;
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

export const string = shape<string>("a string", (value) => typeof value === "string");
export const boolean = shape<boolean>("true or false", (value) => typeof value === "boolean");
export const number = shape<number>("a number", (value) => typeof value === "number" && Number.isFinite(value));
export const offset = shape<number>("a whole number ≥ 0", (value) => Number.isInteger(value) && (value as number) >= 0);

export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  const expected = `${inner.expected} or null`;
  return {
    expected,
    check(value, path, problems) {
      if (value === null) return;
      const own: string[] = [];
      inner.check(value, path, own);
      // A wrong scalar is reported against the whole expectation: "a number or null".
      const wrongScalar = mismatch(path, inner.expected, value);
      problems.push(...own.map((problem) => (problem === wrongScalar ? mismatch(path, expected, value) : problem)));
    },
  };
}

export function oneOf<const V extends string>(values: readonly V[]): Shape<V> {
  return shape<V>(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`, (value) => values.includes(value as V));
}

export function listOf<T>(item: Shape<T>): Shape<T[]> {
  return {
    expected: `a list of ${item.expected}`,
    check(value, path, problems) {
      if (!Array.isArray(value)) {
        problems.push(mismatch(path, "a list", value));
        return;
      }
      value.forEach((entry, index) => item.check(entry, `${path}[${index}]`, problems));
    },
  };
}

/** An object used as a map: any keys, each holding a value of `item`. */
export function recordOf<T>(item: Shape<T>): Shape<Record<string, T>> {
  return {
    expected: `an object of ${item.expected}`,
    check(value, path, problems) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problems.push(mismatch(path, "an object", value));
        return;
      }
      for (const [key, entry] of Object.entries(value)) item.check(entry, join(path, key), problems);
    },
  };
}

type Fields = Record<string, Shape<unknown>>;
type ObjectOf<R extends Fields, O extends Fields> = { [K in keyof R]: ShapeOf<R[K]> } & { [K in keyof O]?: ShapeOf<O[K]> };

/** An object with these fields (and `optional` ones that may be absent); other fields are allowed and ignored. */
export function object<R extends Fields, O extends Fields = Record<never, never>>(required: R, optional?: O): Shape<ObjectOf<R, O>> {
  return {
    expected: "an object",
    check(value, path, problems) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problems.push(mismatch(path, "an object", value));
        return;
      }
      const record = value as Record<string, unknown>;
      for (const [key, field] of Object.entries(required)) field.check(record[key], join(path, key), problems);
      for (const [key, field] of Object.entries(optional ?? {})) {
        if (record[key] !== undefined) field.check(record[key], join(path, key), problems);
      }
    },
  };
}

/**
 * `base`, and also `variants[k]` for a value whose `key` field is `k`: the
 * fields a kind of record adds (a timeline event of kind "assignment").
 */
export function withVariants<T>(base: Shape<T>, key: string, variants: Record<string, Shape<unknown>>): Shape<T> {
  return {
    expected: base.expected,
    check(value, path, problems) {
      const before = problems.length;
      base.check(value, path, problems);
      if (problems.length > before) return;
      const kind = (value as Record<string, unknown>)[key];
      const variant = typeof kind === "string" && Object.hasOwn(variants, kind) ? variants[kind] : undefined;
      variant?.check(value, path, problems);
    },
  };
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** Every mismatch between `value` and `shape`, each naming its path; empty when it fits. */
export function problemsWith<T>(shape: Shape<T>, value: unknown): string[] {
  const problems: string[] = [];
  shape.check(value, "", problems);
  return problems;
}
