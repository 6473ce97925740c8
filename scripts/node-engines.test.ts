/**
 * `engines` in package.json names the Node.js releases the project runs on.
 * The suite runs under each major it names (scripts/with-node.sh, .ci/run), so
 * the release running this test must be admitted, and so must the floor of
 * each major: the oldest release vite (under vitest) accepts, 20.19 and 22.12.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

const ENGINES = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { engines: { node: string } }).engines.node;

type Version = [number, number, number];

function parse(text: string): Version {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  if (!match) throw new Error(`"${text}" is not a version`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** npm's range syntax, as far as an `engines` field of this project uses it: `||`, and comparators `^`, `>=`, `>`, `<=`, `<`, `=`. */
function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split("||").some((set) =>
    set
      .trim()
      .split(/\s+/)
      .every((comparator) => {
        const match = /^(\^|>=|<=|>|<|=)?v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(comparator);
        if (!match) throw new Error(`"${comparator}" in engines.node is a comparator this test does not read; extend satisfies()`);
        const bound: Version = [Number(match[2]), Number(match[3] ?? 0), Number(match[4] ?? 0)];
        const order = compare(v, bound);
        switch (match[1] ?? "=") {
          case "^":
            return v[0] === bound[0] && order >= 0;
          case ">=":
            return order >= 0;
          case ">":
            return order > 0;
          case "<=":
            return order <= 0;
          case "<":
            return order < 0;
          default:
            return order === 0;
        }
      }),
  );
}

describe(`engines.node "${ENGINES}"`, () => {
  test(`admits the Node.js running the tests (${process.version})`, () => {
    expect(satisfies(process.version, ENGINES)).toBe(true);
  });

  test.each(["20.19.0", "22.12.0", "24.0.0", "26.0.0", "26.99.0"])("admits %s", (version) => {
    expect(satisfies(version, ENGINES)).toBe(true);
  });

  test.each(["18.20.0", "20.18.3", "22.11.0", "27.0.0"])("refuses %s (older than vite accepts, or a major the suite is not run on)", (version) => {
    expect(satisfies(version, ENGINES)).toBe(false);
  });
});
