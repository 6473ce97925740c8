import type { Check, CommittedOffset, ScenarioEvidence } from "../evidence/proof-result.js";
import type { CommittedReading, ConsumerRef, GroupRef, ResetAttempt } from "../evidence/refs.js";
import type { BrokerErrorCode } from "../evidence/broker-error-codes.js";
import { attemptOf, consumerOf, formatCommitted, logEndOffset, presentGroup, readingOf, receivedBy } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

export interface PartitionOffset {
  /** The topic, where the scenario has several: a group's offsets are read for each of them. */
  topic?: string;
  partition: number;
  offset: number | null;
}

const list = (expected: readonly PartitionOffset[]) => expected.map((e) => `p${e.partition}=${e.offset ?? "-"}`).join(", ");

function differing(committed: readonly CommittedOffset[], expected: readonly PartitionOffset[]): PartitionOffset[] {
  return expected.filter((e) => (committed.find((c) => c.partition === e.partition && (e.topic === undefined || c.topic === e.topic))?.offset ?? null) !== e.offset);
}

/** The broker holds exactly these committed offsets for the group (on its one topic), as read at the end. */
export function committedEquals(evidence: ScenarioEvidence, ref: GroupRef, expected: readonly PartitionOffset[]): Check {
  const name = `group ${ref.group} committed ${list(expected)}`;
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${ref.group}`);
  return judged(
    name,
    expected.length > 0 && differing(group.committed, expected).length === 0,
    `expected ${list(expected)}; the broker reported ${formatCommitted(group.committed)}`,
  );
}

/** At a reading the scenario took, the broker held exactly these committed offsets for the group. */
export function readingEquals(evidence: ScenarioEvidence, ref: CommittedReading, expected: readonly PartitionOffset[]): Check {
  const seen = readingOf(evidence, ref);
  const name = `group ${ref.group} committed ${list(expected)} ${seen?.moment ?? `at reading #${ref.reading}`}`;
  if (!seen) return inconclusive(name, `reading #${ref.reading} of group ${ref.group}'s offsets`);
  return judged(
    name,
    expected.length > 0 && differing(seen.committed, expected).length === 0,
    `expected ${list(expected)}; the broker reported ${formatCommitted(seen.committed)} ${seen.moment}`,
  );
}

/** Lag = log-end offset − committed offset, from the broker's two numbers. */
export function lagOf(evidence: ScenarioEvidence, committed: CommittedOffset): number | null {
  const end = logEndOffset(evidence, committed.topic, committed.partition);
  return committed.offset === null || end === undefined ? null : end - committed.offset;
}

export function lagEquals(evidence: ScenarioEvidence, ref: GroupRef, expected: readonly { partition: number; lag: number }[]): Check {
  const name = `group ${ref.group} lags ${expected.map((e) => `p${e.partition}=${e.lag}`).join(", ")}`;
  const group = presentGroup(evidence, ref);
  if (!group) return inconclusive(name, `group ${ref.group}`);
  const seen = expected.map((e) => {
    const entry = group.committed.find((c) => c.partition === e.partition);
    return { ...e, actual: entry ? lagOf(evidence, entry) : null };
  });
  return judged(
    name,
    expected.length > 0 && seen.every((s) => s.actual === s.lag),
    `expected lag ${seen.map((s) => `p${s.partition}=${s.lag}`).join(", ")}; the broker's offsets give ${seen.map((s) => `p${s.partition}=${s.actual ?? "-"}`).join(", ")}`,
  );
}

/** What the broker held for a group did not change between two readings of it; both readings must hold a commit. */
export function committedUnchanged(evidence: ScenarioEvidence, before: CommittedReading, after: CommittedReading): Check {
  const first = readingOf(evidence, before);
  const second = readingOf(evidence, after);
  const name = `group ${before.group}'s committed offsets are the same ${first?.moment ?? "before"} and ${second?.moment ?? "after"}`;
  if (!first || !second) return inconclusive(name, `reading ${!first ? `#${before.reading}` : `#${after.reading}`} of group ${before.group}'s offsets`);
  if (before.group !== after.group) return judged(name, false, `expected two readings of one group; they are of ${before.group} and ${after.group}`);
  const held = first.committed.some((c) => c.offset !== null);
  const same = first.unavailable === undefined && second.unavailable === undefined && formatCommitted(first.committed) === formatCommitted(second.committed);
  const said = (seen: typeof first) => (seen.unavailable === undefined ? formatCommitted(seen.committed) : `no offsets (its coordinator is ${seen.unavailable})`);
  return judged(
    name,
    held && same,
    held
      ? `expected no change; the broker reported ${said(first)} ${first.moment} and ${said(second)} ${second.moment}`
      : `expected a committed offset to compare; the broker held none ${first.moment}${first.unavailable === undefined ? "" : ` (its coordinator is ${first.unavailable})`}`,
  );
}

/** A consumer's first message on each partition was at the given offset: where its group resumed. */
export function resumedAt(evidence: ScenarioEvidence, ref: ConsumerRef, expected: readonly { partition: number; offset: number }[]): Check {
  const name = `${ref.consumer} resumed at ${expected.map((e) => `p${e.partition}@${e.offset}`).join(", ")}`;
  if (!consumerOf(evidence, ref)) return inconclusive(name, `consumer ${ref.consumer}`);
  const got = receivedBy(evidence, ref);
  const firsts = expected.map((e) => ({ ...e, first: got.find((m) => m.partition === e.partition)?.offset }));
  return judged(
    name,
    expected.length > 0 && firsts.every((f) => f.first === f.offset),
    `expected first offsets ${expected.map((e) => `p${e.partition}@${e.offset}`).join(", ")}; received first ${firsts
      .map((f) => `p${f.partition}@${f.first ?? "nothing"}`)
      .join(", ")}`,
  );
}

/** The broker refused a reset attempt with exactly this error code (a client-side timeout or lost connection is no refusal). */
export function refusedWith(evidence: ScenarioEvidence, ref: ResetAttempt, code: BrokerErrorCode): Check {
  const name = `the broker refused to reset group ${ref.group} while it had a live member, with ${code}`;
  const event = attemptOf(evidence, ref);
  if (!event) return inconclusive(name, `reset attempt #${ref.attempt} on group ${ref.group}`);
  if (event.event === "reset") return judged(name, false, `expected the broker to refuse with ${code}; it accepted the reset`);
  return judged(name, event.code === code, `expected error code ${code}; the broker answered ${String(event.code)}: ${String(event.error)}`);
}

/** At a reading, the broker held no committed offset at all for the group. */
export function noCommitYet(evidence: ScenarioEvidence, ref: CommittedReading): Check {
  const seen = readingOf(evidence, ref);
  const name = `the broker holds no committed offset for group ${ref.group} ${seen?.moment ?? `at reading #${ref.reading}`}`;
  if (!seen) return inconclusive(name, `reading #${ref.reading} of group ${ref.group}'s offsets`);
  const held = seen.committed.filter((c) => c.offset !== null);
  return judged(name, held.length === 0, `expected none; the broker reported ${formatCommitted(seen.committed)}`);
}
