import type { Check, CommittedOffset, ScenarioEvidence, TimelineEvent } from "../evidence/proof-result.js";
import { formatCommitted, groupOf, logEndOffset, receivedBy } from "./evidence-queries.js";

export interface PartitionOffset {
  partition: number;
  offset: number | null;
}

/** The broker holds exactly these committed offsets for the group (on its one topic). */
export function committedEquals(evidence: ScenarioEvidence, label: string, expected: readonly PartitionOffset[]): Check {
  const committed = groupOf(evidence, label)?.committed ?? [];
  const wrong = expected.filter((e) => (committed.find((c) => c.partition === e.partition)?.offset ?? null) !== e.offset);
  return {
    name: `group ${label} committed ${expected.map((e) => `p${e.partition}=${e.offset ?? "-"}`).join(", ")}`,
    ok: wrong.length === 0 && expected.length > 0,
    detail: `expected ${expected.map((e) => `p${e.partition}=${e.offset ?? "-"}`).join(", ")}; the broker reported ${formatCommitted(committed)}`,
  };
}

/** Lag = log-end offset − committed offset, from the broker's two numbers. */
export function lagOf(evidence: ScenarioEvidence, committed: CommittedOffset): number | null {
  const end = logEndOffset(evidence, committed.topic, committed.partition);
  return committed.offset === null || end === undefined ? null : end - committed.offset;
}

export function lagEquals(evidence: ScenarioEvidence, label: string, expected: readonly { partition: number; lag: number }[]): Check {
  const committed = groupOf(evidence, label)?.committed ?? [];
  const seen = expected.map((e) => {
    const entry = committed.find((c) => c.partition === e.partition);
    return { ...e, actual: entry ? lagOf(evidence, entry) : null };
  });
  return {
    name: `group ${label} lags ${expected.map((e) => `p${e.partition}=${e.lag}`).join(", ")}`,
    ok: seen.every((s) => s.actual === s.lag) && expected.length > 0,
    detail: `expected lag ${seen.map((s) => `p${s.partition}=${s.lag}`).join(", ")}; the broker's offsets give ${seen.map((s) => `p${s.partition}=${s.actual ?? "-"}`).join(", ")}`,
  };
}

/** An "observe" event the scenario recorded when it read a group's committed offsets from the broker. */
export interface CommittedObservation extends TimelineEvent {
  role: string;
  moment: string;
  committed: CommittedOffset[];
}

function observation(evidence: ScenarioEvidence, role: string, moment: string): CommittedObservation | undefined {
  return evidence.timeline.find((e): e is CommittedObservation => e.event === "observe" && e.role === role && e.moment === moment);
}

/** What the broker held for `role`'s group did not change between two recorded moments. */
export function committedUnchanged(evidence: ScenarioEvidence, role: string, before: string, after: string): Check {
  const first = observation(evidence, role, before);
  const second = observation(evidence, role, after);
  const same = first !== undefined && second !== undefined && formatCommitted(first.committed) === formatCommitted(second.committed);
  return {
    name: `${role}'s committed offsets are the same ${before} and ${after}`,
    ok: same,
    detail:
      first && second
        ? `expected no change; the broker reported ${formatCommitted(first.committed)} ${before} and ${formatCommitted(second.committed)} ${after}`
        : `expected two readings of ${role}'s committed offsets (${before}, ${after}); the evidence has ${[first, second].filter(Boolean).length}`,
  };
}

/** A consumer's first message on each partition was at the given offset: where its group resumed. */
export function resumedAt(evidence: ScenarioEvidence, consumer: string, expected: readonly { partition: number; offset: number }[]): Check {
  const got = receivedBy(evidence, { consumer });
  const firsts = expected.map((e) => ({ ...e, first: got.find((m) => m.partition === e.partition)?.offset }));
  return {
    name: `${consumer} resumed at ${expected.map((e) => `p${e.partition}@${e.offset}`).join(", ")}`,
    ok: firsts.every((f) => f.first === f.offset),
    detail: `expected first offsets ${expected.map((e) => `p${e.partition}@${e.offset}`).join(", ")}; received first ${firsts
      .map((f) => `p${f.partition}@${f.first ?? "nothing"}`)
      .join(", ")}`,
  };
}

/** The scenario recorded the broker refusing an action (e.g. resetting a group that has live members). */
export function refused(evidence: ScenarioEvidence, actor: string, what: string): Check {
  const event = evidence.timeline.find((e) => e.event === "refused" && e.actor === actor);
  return {
    name: `the broker refused to ${what}`,
    ok: event !== undefined,
    detail: event ? `refused: ${String(event.error ?? event.summary)}` : `expected a refusal; the broker accepted it`,
  };
}

/** At `moment`, the broker held no committed offset at all for `role`'s group. */
export function noCommitYet(evidence: ScenarioEvidence, role: string, moment: string): Check {
  const seen = observation(evidence, role, moment);
  const held = seen?.committed.filter((c) => c.offset !== null) ?? [];
  return {
    name: `the broker holds no committed offset for ${role} ${moment}`,
    ok: seen !== undefined && held.length === 0,
    detail: seen ? `expected none; the broker reported ${formatCommitted(seen.committed)}` : `expected a reading of ${role}'s offsets ${moment}; the evidence has none`,
  };
}
