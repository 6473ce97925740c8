import { expect, test } from "vitest";
import { Timeline } from "./timeline.js";

const refusal = { summary: "refused", details: { code: "UNKNOWN_MEMBER_ID" } };
const answer = (timeline: Timeline, refused: typeof refusal | undefined) => timeline.answered("A1", refused, () => timeline.record("commit", "A1", "accepted"));

test("a refusal is recorded with its code; an acceptance as the request records it", () => {
  const timeline = new Timeline();
  answer(timeline, refusal);
  answer(timeline, undefined);
  expect(timeline.events.map((e) => [e.event, e.code])).toEqual([
    ["refused", "UNKNOWN_MEMBER_ID"],
    ["commit", undefined],
  ]);
});

test("a harness altered to swallow refusals records each as accepted", () => {
  const timeline = new Timeline(true);
  answer(timeline, refusal);
  expect(timeline.events.map((e) => e.event)).toEqual(["commit"]);
});
