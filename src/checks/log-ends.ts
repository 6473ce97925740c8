import type { Check, ScenarioEvidence, TimelineEvent } from "../evidence/proof-result.js";
import type { CommittedReading, ConsumerRef, LogEndReading } from "../evidence/refs.js";
import { consumerOf, listMessages, messageKey, readingOf, receivedBy } from "./evidence-queries.js";
import { inconclusive, judged } from "./outcome.js";

/** Where a partition ends for each kind of reader, at one reading. */
export interface LogEnd {
  partition: number;
  /** ListOffsets at read_uncommitted: the log end Kafka's consumer-groups tool shows. */
  highWatermark: number;
  /** ListOffsets at read_committed: the first offset of the oldest open transaction, else the high watermark. */
  lastStable: number;
}

interface LogEndObservation extends TimelineEvent {
  logReading: number;
  topic: string;
  moment: string;
  logEnds: LogEnd[];
}

function logEndsAt(evidence: ScenarioEvidence, ref: LogEndReading, partition: number): (LogEnd & { moment: string }) | undefined {
  const seen = evidence.timeline.find((e): e is LogEndObservation => e.event === "observe" && e.logReading === ref.logReading && Array.isArray(e.logEnds));
  const end = seen?.logEnds.find((e) => e.partition === partition);
  return seen && end ? { ...end, moment: seen.moment } : undefined;
}

/** The writes on the partition the broker acknowledged below `end`, whoever wrote them. */
function writesBelow(evidence: ScenarioEvidence, topic: string, partition: number, end: number) {
  return evidence.produced.filter((m) => m.topic === topic && m.partition === partition && m.offset < end);
}

/** At the reading, the partition's last stable offset is behind its high watermark: a transaction is open on it. */
export function stableBehindLogEnd(evidence: ScenarioEvidence, ref: LogEndReading, partition = 0): Check {
  const name = `${ref.topic}/${partition}'s last stable offset is behind its high watermark`;
  const end = logEndsAt(evidence, ref, partition);
  if (!end) return inconclusive(name, `reading #${ref.logReading} of ${ref.topic}/${partition}'s log end`);
  return judged(name, end.lastStable < end.highWatermark, `last stable offset ${end.lastStable}, high watermark ${end.highWatermark} (${end.moment})`);
}

/** Writes below the high watermark at the reading were not given to the reader: it stopped short of the log end. */
export function stoppedShortOfLogEnd(evidence: ScenarioEvidence, reader: ConsumerRef, ref: LogEndReading, partition = 0): Check {
  const name = `${reader.consumer} stopped short of ${ref.topic}/${partition}'s high watermark, at its last stable offset`;
  const end = logEndsAt(evidence, ref, partition);
  if (!end) return inconclusive(name, `reading #${ref.logReading} of ${ref.topic}/${partition}'s log end`);
  if (!consumerOf(evidence, reader)) return inconclusive(name, `consumer ${reader.consumer}`);
  const got = new Set(receivedBy(evidence, reader).map(messageKey));
  const missed = writesBelow(evidence, ref.topic, partition, end.highWatermark).filter((w) => !got.has(messageKey(w)));
  const fromStable = missed.every((w) => w.offset >= end.lastStable);
  const holds = missed.length > 0 && fromStable;
  const detail =
    missed.length === 0
      ? `expected writes below the high watermark (${end.highWatermark}) it was not given; it received every one`
      : `not given ${listMessages(missed)}; the last stable offset was ${end.lastStable}${fromStable ? "" : ", and some of those are below it"}`;
  return judged(name, holds, detail);
}

/** The reader received every write below the high watermark at the reading, those of open transactions too. */
export function readToLogEnd(evidence: ScenarioEvidence, reader: ConsumerRef, ref: LogEndReading, partition = 0): Check {
  const name = `${reader.consumer} read ${ref.topic}/${partition} to its high watermark`;
  const end = logEndsAt(evidence, ref, partition);
  if (!end) return inconclusive(name, `reading #${ref.logReading} of ${ref.topic}/${partition}'s log end`);
  if (!consumerOf(evidence, reader)) return inconclusive(name, `consumer ${reader.consumer}`);
  const got = new Set(receivedBy(evidence, reader).map(messageKey));
  const writes = writesBelow(evidence, ref.topic, partition, end.highWatermark);
  const missed = writes.filter((w) => !got.has(messageKey(w)));
  if (writes.length === 0) return judged(name, false, `expected writes below the high watermark (${end.highWatermark}); there were none`);
  return judged(name, missed.length === 0, missed.length === 0 ? `all ${writes.length} writes below ${end.highWatermark} received` : `never received ${listMessages(missed)}`);
}

/**
 * The group's lag at the two readings, counted to each end: to the high watermark, as Kafka's consumer-groups
 * tool counts it, and to the last stable offset, which is as far as a read_committed member can read.
 */
export function lagToEachEnd(
  evidence: ScenarioEvidence,
  committed: CommittedReading,
  ref: LogEndReading,
  expected: { toHighWatermark: number; toLastStable: number },
  partition = 0,
): Check {
  const name = `group ${committed.group}'s lag on ${ref.topic}/${partition} is ${expected.toHighWatermark} to the high watermark and ${expected.toLastStable} to the last stable offset`;
  const end = logEndsAt(evidence, ref, partition);
  if (!end) return inconclusive(name, `reading #${ref.logReading} of ${ref.topic}/${partition}'s log end`);
  const reading = readingOf(evidence, committed);
  if (!reading) return inconclusive(name, `reading #${committed.reading} of group ${committed.group}'s offsets`);
  const offset = reading.committed.find((c) => c.topic === ref.topic && c.partition === partition)?.offset ?? null;
  if (offset === null) return judged(name, false, `expected a committed offset; the broker held none for group ${committed.group}`);
  const toHigh = end.highWatermark - offset;
  const toStable = end.lastStable - offset;
  return judged(
    name,
    toHigh === expected.toHighWatermark && toStable === expected.toLastStable,
    `committed ${offset}: lag ${toHigh} to the high watermark (${end.highWatermark}), ${toStable} to the last stable offset (${end.lastStable})`,
  );
}
