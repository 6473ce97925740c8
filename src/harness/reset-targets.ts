/**
 * Where a reset of a group's committed offsets moves each partition, computed
 * as Kafka's `kafka-consumer-groups --reset-offsets` computes it
 * (`GroupOffsetsResetter` in Kafka's tools): pure, from what the broker said
 * about each partition (log start, log end, the group's committed offset, and
 * the first offset at or after a time). The proofs, the walkthrough and the
 * playground all reset through it, so they cannot disagree about a target.
 */

/** What a reset moves offsets to: one of the tool's `--to-…`, `--by-duration` or `--shift-by` options. */
export type ResetSpec =
  | { to: "earliest" }
  | { to: "latest" }
  /** `--to-offset`: clamped to the log, as the tool does. */
  | { to: "offset"; offset: number }
  /** `--to-datetime`: the first offset whose record timestamp is at or after this time (ms since the epoch). */
  | { to: "datetime"; timestamp: number }
  /** `--by-duration`: as `datetime`, at `durationMs` before the moment of the reset. */
  | { to: "duration"; durationMs: number }
  /** `--shift-by`: the committed offset moved by `by` (negative: back), clamped to the log. */
  | { to: "shift"; by: number };

/** A reset of one topic: every partition of it, or only `partition` (`--topic <topic>:<partition>`). */
export interface ResetRequest {
  spec: ResetSpec;
  partition?: number;
}

/** What the broker said about one partition, as a reset needs it. */
export interface PartitionFacts {
  partition: number;
  logStart: number;
  logEnd: number;
  /** The group's committed offset; null when it has none. Only a shift needs it. */
  committed: number | null;
  /**
   * For a datetime or duration: the first offset whose timestamp is at or after the time (ListOffsets by
   * timestamp); null when no record is that late. Only those two need it.
   */
  atTime?: number | null;
}

export interface ResetTarget {
  partition: number;
  offset: number;
  /** Set when the wanted offset lay outside the log and was moved to its edge, as the tool does. */
  clamped?: { wanted: number; to: "log start" | "log end" };
}

/** The time the broker is asked about, for a reset by time; undefined for every other spec. `now`: the moment of the reset. */
export function timestampOf(spec: ResetSpec, now: number): number | undefined {
  if (spec.to === "datetime") return spec.timestamp;
  if (spec.to === "duration") return now - spec.durationMs;
  return undefined;
}

/**
 * The offset each chosen partition is reset to, or why the reset cannot be computed: a partition the topic does
 * not have, a shift of a partition with no committed offset (the tool refuses that too), or a time the broker was
 * not asked about.
 */
export function resetTargets(request: ResetRequest, facts: readonly PartitionFacts[]): ResetTarget[] | { error: string } {
  const chosen = request.partition === undefined ? facts : facts.filter((f) => f.partition === request.partition);
  if (chosen.length === 0) return { error: noSuchPartition(request.partition!, facts.length) };
  const targets: ResetTarget[] = [];
  for (const fact of chosen) {
    const wanted = wantedOffset(request.spec, fact);
    if (typeof wanted !== "number") return wanted;
    targets.push(clampToLog(fact, wanted));
  }
  return [...targets].sort((a, b) => a.partition - b.partition);
}

function wantedOffset(spec: ResetSpec, fact: PartitionFacts): number | { error: string } {
  switch (spec.to) {
    case "earliest":
      return fact.logStart;
    case "latest":
      return fact.logEnd;
    case "offset":
      return spec.offset;
    case "shift":
      if (fact.committed === null) return { error: `partition ${fact.partition} has no committed offset to shift by ${signed(spec.by)}: reset it to an offset first` };
      return fact.committed + spec.by;
    case "datetime":
    case "duration":
      if (fact.atTime === undefined) return { error: `the broker was not asked for partition ${fact.partition}'s offset at the reset's time` };
      // No record that late: the tool resets to the log end, where the next record will be.
      return fact.atTime ?? fact.logEnd;
  }
}

function clampToLog(fact: PartitionFacts, wanted: number): ResetTarget {
  if (wanted < fact.logStart) return { partition: fact.partition, offset: fact.logStart, clamped: { wanted, to: "log start" } };
  if (wanted > fact.logEnd) return { partition: fact.partition, offset: fact.logEnd, clamped: { wanted, to: "log end" } };
  return { partition: fact.partition, offset: wanted };
}

/**
 * The arguments that ask `kafka-consumer-groups` for the same reset, less `--bootstrap-server`, `--reset-offsets`
 * and `--dry-run`/`--execute`, which the caller adds. A datetime is given in UTC; a duration in seconds.
 */
export function kafkaToolArguments(groupId: string, topic: string, request: ResetRequest): string[] {
  const where = ["--group", groupId, "--topic", request.partition === undefined ? topic : `${topic}:${request.partition}`];
  const { spec } = request;
  switch (spec.to) {
    case "earliest":
      return [...where, "--to-earliest"];
    case "latest":
      return [...where, "--to-latest"];
    case "offset":
      return [...where, "--to-offset", String(spec.offset)];
    case "shift":
      return [...where, "--shift-by", String(spec.by)];
    case "datetime":
      return [...where, "--to-datetime", new Date(spec.timestamp).toISOString()];
    case "duration":
      return [...where, "--by-duration", `PT${spec.durationMs / 1000}S`];
  }
}

/** "to the earliest", "by -3", "to 2026-01-01T00:00:00.000Z": a reset in a reader's words, for summaries and answers. */
export function describeReset(request: ResetRequest): string {
  const { spec } = request;
  const what = (() => {
    switch (spec.to) {
      case "earliest":
      case "latest":
        return `to the ${spec.to}`;
      case "offset":
        return `to offset ${spec.offset}`;
      case "shift":
        return `by ${signed(spec.by)}`;
      case "datetime":
        return `to ${new Date(spec.timestamp).toISOString()}`;
      case "duration":
        return `to ${formatDuration(spec.durationMs)} ago`;
    }
  })();
  return request.partition === undefined ? what : `${what} on partition ${request.partition}`;
}

/**
 * An ISO-8601 duration as the tool's `--by-duration` takes it (`PnDTnHnMnS`, e.g. `PT1H30M`, `P1DT2H`), in ms;
 * an error saying how to write one otherwise. Days are 24 hours, as in `java.time.Duration`.
 */
export function parseDuration(text: string): number | { error: string } {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/i.exec(text);
  const usage = "write an ISO-8601 duration such as PT1H30M or P1DT2H";
  if (!match || text.length < 3 || /T$/i.test(text)) return { error: `"${text}" is not a duration: ${usage}` };
  const [days = "0", hours = "0", minutes = "0", seconds = "0"] = match.slice(1).map((part) => part ?? "0");
  const ms = Number(days) * 86_400_000 + Number(hours) * 3_600_000 + Number(minutes) * 60_000 + Math.round(Number(seconds) * 1000);
  if (!Number.isSafeInteger(ms)) return { error: `duration ${text} is too long: ${usage}` };
  if (ms === 0) return { error: `duration ${text} is zero: a reset by duration goes back from now, so give a length, e.g. PT1H` };
  return ms;
}

/**
 * An ISO-8601 date and time with its zone (`2026-01-01T12:00:00Z`, `…+02:00`) in ms; an error otherwise. A time
 * with no zone is refused rather than read in this machine's zone, which would move the target by hours.
 */
export function parseDatetime(text: string): number | { error: string } {
  const usage = "write an ISO-8601 date and time with its zone, e.g. 2026-01-01T12:00:00Z or 2026-01-01T12:00:00.000+02:00";
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!match) return { error: `"${text}" is not a date and time: ${usage}` };
  const [, year, month, day, hour, minute, second = "00"] = match;
  const ms = Date.parse(text);
  // Date.parse rolls 2026-02-30 over into March; a date that does not exist is a typo, not a target.
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  const exists =
    check.getUTCFullYear() === Number(year) &&
    check.getUTCMonth() === Number(month) - 1 &&
    check.getUTCDate() === Number(day) &&
    check.getUTCHours() === Number(hour) &&
    check.getUTCMinutes() === Number(minute) &&
    check.getUTCSeconds() === Number(second);
  if (Number.isNaN(ms) || !exists) return { error: `"${text}" is not a date and time that exists: ${usage}` };
  return ms;
}

/** A shift as the tool's `--shift-by` takes it: a whole number, negative to go back; an error otherwise. */
export function parseShift(text: string): number | { error: string } {
  if (!/^[+-]?\d+$/.test(text)) return { error: `shift "${text}" is not a whole number: write how many offsets to move, e.g. -3 (back) or 2 (forward)` };
  const by = Number(text);
  if (!Number.isSafeInteger(by)) return { error: `shift ${text} is too large to be a number of offsets` };
  return by;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["min", 60_000],
    ["s", 1000],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${unit}`);
    rest -= n * size;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest} ms`);
  return parts.join(" ");
}

function noSuchPartition(partition: number, count: number): string {
  return `there is no partition ${partition}: the topic has ${count === 1 ? "1 partition (0)" : `${count} partitions (0 to ${count - 1})`}`;
}
