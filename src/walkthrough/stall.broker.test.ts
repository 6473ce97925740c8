/**
 * The walkthrough's `stall` and `autocommit`, on the session the commands drive, against the broker the proofs run
 * on: what the session reports is checked against what the broker says.
 */
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { waitFor } from "../harness/wait.js";
import { WalkthroughSession } from "./walkthrough-session.js";

let session: WalkthroughSession;
beforeAll(async () => {
  session = await WalkthroughSession.open(inject("broker"), { partitions: 1, prefix: "walkthrough-stall-test" });
}, 60_000);
afterAll(() => session?.[Symbol.asyncDispose]());

test("a stall past the session timeout: the broker removes the consumer, which reads its message again; the other group is not touched", { timeout: 60_000 }, async () => {
  const notes: string[] = [];
  const bBefore = (await session.witness.describeGroup(session.groupIds.B!)).members.map((m) => m.memberId);
  const outcome = await session.stall("A", 8, (note) => notes.push(note));
  expect(outcome.removedAfter, notes.join("\n")).not.toBeNull();
  expect(outcome.removedAfter!).toBeGreaterThanOrEqual(5);
  expect(outcome.handedAgain, notes.join("\n")).toBe(true);
  expect(
    notes.some((n) => /broker: group A is \w+ with no member/.test(n)),
    notes.join("\n"),
  ).toBe(true);
  // B kept its one member and received the message once
  expect((await session.witness.describeGroup(session.groupIds.B!)).members.map((m) => m.memberId)).toEqual(bBefore);
  expect(session.received("B").filter((m) => m.offset === outcome.held.offset)).toHaveLength(1);
});

test("a stall within the session timeout: the consumer stays a member and is not handed its message again", { timeout: 30_000 }, async () => {
  const outcome = await session.stall("A", 2);
  expect(outcome).toMatchObject({ removedAfter: null, handedAgain: false });
  const copies = session.received("A").filter((m) => m.offset === outcome.held.offset);
  expect(copies).toHaveLength(1);
});

test("auto-commit on: the broker's committed offset follows what the consumer was handed, with no ack; off again: it stays", { timeout: 60_000 }, async () => {
  const topic = session.topic;
  await session.setAutoCommit("A", true);
  const at = await session.send("auto-committed", null);
  await waitFor(
    "the broker to hold A's auto-commit past the message",
    async () => ((await session.witness.committedOffset(session.groupIds.A!, topic, 0)) === at.offset + 1 ? true : undefined),
    {
      timeoutMs: 15_000,
      intervalMs: 100,
    },
  );
  await session.setAutoCommit("A", false);
  const next = await session.send("acknowledged only by ack", null);
  await session.waitUntilReceived(next);
  // Longer than the auto-commit interval: an auto-commit still on would have moved it by now.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(await session.witness.committedOffset(session.groupIds.A!, topic, 0)).toBe(at.offset + 1);
});
