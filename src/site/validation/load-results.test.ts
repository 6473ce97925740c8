import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { proofResultFixture } from "../fixtures/proof-result-fixture.js";
import { loadResults } from "./load-results.js";
import { ResultsError } from "./results-error.js";

let root: string;
let paths: { results: string; proofs: string };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "site-results-"));
  paths = { results: join(root, "results"), proofs: join(root, "proofs") };
  mkdirSync(paths.results);
  mkdirSync(paths.proofs);
  writeFileSync(join(paths.proofs, "fixture.proof.ts"), "// the proof");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = join(paths.results, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

/** The error loadResults throws, for its message and fields. */
function failure(): ResultsError {
  try {
    loadResults(paths);
  } catch (error) {
    if (error instanceof ResultsError) return error;
    throw error;
  }
  throw new Error("expected loadResults to throw a ResultsError");
}

describe("loadResults", () => {
  test("returns each proof's validated results", () => {
    write("fixture.json", proofResultFixture());
    expect(loadResults(paths).map((r) => r.id)).toEqual(["fixture"]);
  });

  test("a bad field is named by file and JSON path, with what it must be", () => {
    const result = proofResultFixture();
    (result.groups[1]!.committed[0] as { offset: unknown }).offset = "5";
    const file = write("fixture.json", result);
    expect(failure().problems).toEqual([`${file}: groups[1].committed[0].offset must be a whole number ≥ 0 or null; found "5"`]);
    expect(failure().message).toContain("→ Record the results again with `npm run proofs`");
  });

  test("a share group's evidence is validated too, down to each delivery's acknowledgement", () => {
    const result = proofResultFixture();
    const delivery = { topic: "t", partition: 0, offset: 2, key: null, value: null, memberId: "m", consumer: "S1", at: 5, deliveryCount: 2 };
    const shareGroup = {
      label: "S1",
      groupId: "g",
      state: "Stable",
      describedAt: 9,
      configs: { "share.auto.offset.reset": "earliest" },
      members: [],
      partitions: [{ topic: "t", partition: 0, startOffset: 0, lag: 0 }],
    };
    write("fixture.json", { ...result, shareGroups: [{ ...shareGroup, deliveries: [{ ...delivery, acknowledgement: { type: "release", at: 6, error: null } }] }] });
    expect(loadResults(paths)[0]?.shareGroups?.[0]?.deliveries[0]?.deliveryCount).toBe(2);
    const file = write("fixture.json", {
      ...result,
      shareGroups: [{ ...shareGroup, deliveries: [{ ...delivery, deliveryCount: "2", acknowledgement: { type: "drop", at: 6, error: null } }] }],
    });
    expect(failure().problems).toEqual([
      `${file}: shareGroups[0].deliveries[0].deliveryCount must be a whole number ≥ 0; found "2"`,
      `${file}: shareGroups[0].deliveries[0].acknowledgement.type must be one of "accept", "release", "reject"; found "drop"`,
    ]);
  });

  test("every bad field is reported, missing ones and those in the control too", () => {
    const result = proofResultFixture() as unknown as Record<string, unknown>;
    delete result.verdict;
    (result.control as { timeline: unknown[] }).timeline.push({ at: 1, event: "explode", actor: "A", summary: "?" });
    const file = write("fixture.json", result);
    expect(failure().problems).toEqual([
      `${file}: verdict must be one of "pass", "fail", "skipped"; found nothing`,
      `${file}: control.timeline[2].event must be one of "produce", "receive", "acknowledge", "commit", "join", "leave", "reset", "refused", "restart", "crash", "observe", "assignment", "revoke", "acl", "stall", "resume", "finish"; found "explode"`,
    ]);
  });

  test("an assignment observation on the timeline is held to its fields", () => {
    const result = proofResultFixture();
    const observation = { at: 5, event: "assignment" as const, actor: "broker", summary: "", group: "A", state: "Stable", protocol: "consumer", lastAt: 9, samples: 2 };
    result.timeline.push({ ...observation, members: [{ consumer: "A1", memberId: "a1", owns: [{ topic: "t", partition: 0 }], memberEpoch: 3 }] });
    result.timeline.push({ ...observation, members: [{ consumer: "A1", memberId: "a1", owns: [{ topic: "t", partition: -1 }] }] });
    const file = write("fixture.json", result);
    expect(failure().problems).toEqual([`${file}: timeline[3].members[0].owns[0].partition must be a whole number ≥ 0; found -1`]);
  });

  test("a file that is not JSON, or not an object, says so", () => {
    const file = write("fixture.json", "{ not json");
    expect(failure().problems[0]).toMatch(new RegExp(`^${file}: is not valid JSON \\(`));
    write("fixture.json", "[]");
    expect(failure().problems).toEqual([`${file}: the file must be an object; found a list`]);
  });

  test("a file whose id is not its name is refused", () => {
    const file = write("fixture.json", proofResultFixture({ id: "other" }));
    expect(failure().problems).toEqual([`${file}: id must be "fixture", the file's name; found "other"`]);
  });

  test("a proof without its results file is named, never left off the site", () => {
    writeFileSync(join(paths.proofs, "second.proof.ts"), "// another proof");
    write("fixture.json", proofResultFixture());
    expect(failure().problems).toEqual([`${join(paths.results, "second.json")} is missing: proofs/second.proof.ts recorded no result.`]);
    expect(failure().hint).toContain("Run the proofs first: `npm run proofs`");
  });

  test("missing and malformed files are reported together", () => {
    writeFileSync(join(paths.proofs, "second.proof.ts"), "// another proof");
    const file = write("fixture.json", { ...proofResultFixture(), durationMs: "fast" });
    expect(failure().problems).toEqual([
      `${join(paths.results, "second.json")} is missing: proofs/second.proof.ts recorded no result.`,
      `${file}: durationMs must be a number; found "fast"`,
    ]);
  });

  test("results for a proof that no longer exists are refused", () => {
    write("fixture.json", proofResultFixture());
    const file = write("gone.json", proofResultFixture({ id: "gone" }));
    expect(failure().problems).toEqual([`${file}: has no proof: proofs/gone.proof.ts does not exist, so no page can quote the code that ran. Delete the stale file.`]);
  });

  test("no results folder, or an empty one, says to run the proofs first", () => {
    expect(failure().message).toMatch(/holds no results \(no \.json file\)\.\n {2}→ Run the proofs first: `npm run proofs`/);
    rmSync(paths.results, { recursive: true });
    expect(failure().message).toMatch(/results\/ does not exist: no proof has recorded a result yet\.\n {2}→ Run the proofs first/);
  });
});
