import type { Check, ScenarioEvidence, TimelineEvent } from "../evidence/proof-result.js";
import type { CommittedReading, ResetAttempt } from "../evidence/refs.js";
import { attemptOf, formatCommitted, readingOf } from "./evidence-queries.js";
import type { PartitionOffset } from "./offsets.js";
import { inconclusive, judged } from "./outcome.js";

/**
 * Checks on an administrator's acts on a group's offsets (`s.offsets`): that a reset, a deletion of one topic's
 * offsets, or of the group, was accepted by the broker and left exactly what it should, read back from the broker
 * afterwards; and that a dry run left everything as it was. The act and the reading are both needed: a reading
 * alone would pass for a reset the broker refused when the offsets already happened to be there.
 */

// Topics are left out of names: they carry a run's random suffix, and a check's name must read the same in every run.
const list = (expected: readonly PartitionOffset[]) => expected.map((e) => `p${e.partition}=${e.offset ?? "-"}`).join(", ");

function differing(seen: ReturnType<typeof readingOf>, expected: readonly PartitionOffset[]): PartitionOffset[] {
  const committed = seen?.committed ?? [];
  return expected.filter((e) => (committed.find((c) => c.partition === e.partition && (e.topic === undefined || c.topic === e.topic))?.offset ?? null) !== e.offset);
}

/** Whether `later` was recorded after `earlier` on the timeline (its order, not its clock: both may share a millisecond). */
function recordedAfter(evidence: ScenarioEvidence, earlier: TimelineEvent, later: TimelineEvent): boolean {
  return evidence.timeline.indexOf(later) > evidence.timeline.indexOf(earlier);
}

/** Why an act was not accepted, in the check's words; undefined when it was. */
function notAccepted(event: TimelineEvent): string | undefined {
  if (event.event === "refused") return `the broker refused it with ${String(event.code)}`;
  if (event.event !== "reset") return `it was no act that changes offsets (${event.summary})`;
  return undefined;
}

/**
 * The broker accepted the reset and then held exactly `expected` for the group: the reset's target, read back.
 * `after` must be a reading of the same group, taken after the reset; `said` is the reset in the story's words.
 */
export function resetLanded(evidence: ScenarioEvidence, attempt: ResetAttempt, after: CommittedReading, expected: readonly PartitionOffset[], said: string): Check {
  const event = attemptOf(evidence, attempt);
  const seen = readingOf(evidence, after);
  const name = `group ${attempt.group} reset ${said}: the broker then holds ${list(expected)}`;
  if (!event) return inconclusive(name, `reset attempt #${attempt.attempt} on group ${attempt.group}`);
  if (!seen) return inconclusive(name, `reading #${after.reading} of group ${after.group}'s offsets`);
  if (after.group !== attempt.group || !recordedAfter(evidence, event, seen)) {
    return judged(name, false, `expected a reading of group ${attempt.group} taken after the reset; reading #${after.reading} is of group ${after.group}, ${seen.moment}`);
  }
  const refused = notAccepted(event);
  if (refused)
    return judged(
      name,
      false,
      `expected the reset to be accepted and the broker to hold ${list(expected)}; ${refused}, and it held ${formatCommitted(seen.committed)} ${seen.moment}`,
    );
  return judged(
    name,
    expected.length > 0 && differing(seen, expected).length === 0,
    `expected ${list(expected)}; the broker reported ${formatCommitted(seen.committed)} ${seen.moment}`,
  );
}

/**
 * A dry run computed `target` and changed nothing: the readings before and after it both hold `held`, which is not
 * the target (a dry run whose target is where the group already is would show nothing).
 */
export function dryRunChangedNothing(
  evidence: ScenarioEvidence,
  dryRun: ResetAttempt,
  before: CommittedReading,
  after: CommittedReading,
  target: readonly PartitionOffset[],
  held: readonly PartitionOffset[],
): Check {
  const event = evidence.timeline.find((e) => e.dryRun === true && e.attempt === dryRun.attempt);
  const [first, second] = [readingOf(evidence, before), readingOf(evidence, after)];
  const name = `a dry run of a reset of group ${dryRun.group} to ${list(target)} leaves ${list(held)} on the broker`;
  if (!event) return inconclusive(name, `dry run #${dryRun.attempt} on group ${dryRun.group}`);
  if (!first || !second) return inconclusive(name, `reading ${!first ? `#${before.reading}` : `#${after.reading}`} of group ${dryRun.group}'s offsets`);
  if (!recordedAfter(evidence, first, event) || !recordedAfter(evidence, event, second) || before.group !== dryRun.group || after.group !== dryRun.group) {
    return judged(name, false, `expected readings of group ${dryRun.group} just before and after the dry run`);
  }
  const computed = (Array.isArray(event.offsets) ? (event.offsets as { partition: number; offset: number }[]) : []).map((o) => ({ partition: o.partition, offset: o.offset }));
  const sameTarget = computed.length === target.length && target.every((t) => computed.some((c) => c.partition === t.partition && c.offset === t.offset));
  if (!sameTarget) return judged(name, false, `expected the dry run to compute ${list(target)}; it computed ${list(computed)}`);
  if (target.every((t) => held.some((h) => h.partition === t.partition && h.offset === t.offset))) {
    return judged(name, false, `expected a target other than what the group holds, or the dry run shows nothing; both are ${list(held)}`);
  }
  const kept = differing(first, held).length === 0 && differing(second, held).length === 0;
  return judged(
    name,
    held.length > 0 && kept,
    `expected ${list(held)} before and after; the broker reported ${formatCommitted(first.committed)} ${first.moment} and ${formatCommitted(second.committed)} ${second.moment}`,
  );
}

/**
 * The broker accepted the deletion of the group's offsets on `topic`, and afterwards held none there while still
 * holding `kept` on the group's other topics: only that topic's offsets went.
 */
export function topicOffsetsDeleted(evidence: ScenarioEvidence, attempt: ResetAttempt, after: CommittedReading, topic: string, kept: readonly PartitionOffset[]): Check {
  const event = attemptOf(evidence, attempt);
  const seen = readingOf(evidence, after);
  const name = `deleting group ${attempt.group}'s offsets on one topic deletes them there, and only there (${list(kept)} kept on the other)`;
  if (!event) return inconclusive(name, `deletion attempt #${attempt.attempt} on group ${attempt.group}`);
  if (!seen) return inconclusive(name, `reading #${after.reading} of group ${after.group}'s offsets`);
  const refused = notAccepted(event);
  if (refused) return judged(name, false, `expected the deletion to be accepted; ${refused}, and the broker held ${formatCommitted(seen.committed)} ${seen.moment}`);
  const left = seen.committed.filter((c) => c.topic === topic && c.offset !== null);
  const keptOk = kept.length > 0 && differing(seen, kept).length === 0;
  return judged(
    name,
    left.length === 0 && keptOk && recordedAfter(evidence, event, seen),
    `expected nothing on ${topic} and ${list(kept)}; the broker reported ${formatCommitted(seen.committed)} ${seen.moment}`,
  );
}

/** The broker accepted the deletion of the group, and afterwards held no committed offset for it on any topic. */
export function groupDeleted(evidence: ScenarioEvidence, attempt: ResetAttempt, after: CommittedReading): Check {
  const event = attemptOf(evidence, attempt);
  const seen = readingOf(evidence, after);
  const name = `group ${attempt.group} is deleted: the broker holds no committed offset for it`;
  if (!event) return inconclusive(name, `deletion attempt #${attempt.attempt} on group ${attempt.group}`);
  if (!seen) return inconclusive(name, `reading #${after.reading} of group ${after.group}'s offsets`);
  const refused = notAccepted(event);
  if (refused) return judged(name, false, `expected the deletion to be accepted; ${refused}, and the broker held ${formatCommitted(seen.committed)} ${seen.moment}`);
  const held = seen.committed.filter((c) => c.offset !== null);
  return judged(
    name,
    held.length === 0 && recordedAfter(evidence, event, seen),
    `expected no committed offset; the broker reported ${formatCommitted(seen.committed)} ${seen.moment}`,
  );
}
