import type { GroupEvidence, ProofResult, TimelineEventKind } from "../../evidence/proof-result.js";
import { listOf, nullable, number, object, offset, oneOf, string, type ShapeOf } from "./shape.js";

/** The kinds a timeline event may have; kept equal to `TimelineEventKind` by the check at the end. */
export const TIMELINE_EVENT_KINDS = ["produce", "receive", "commit", "join", "leave", "reset", "refused", "restart", "crash", "observe"] as const;

const topicPartition = { topic: string, partition: offset };

const check = object({ name: string, outcome: oneOf(["pass", "fail", "inconclusive"]), detail: string });
const secondWitness = object({ state: oneOf(["agreed", "disagreed", "not-run"]), detail: string });

const receivedRange = object({ ...topicPartition, first: offset, last: offset, memberId: string, consumer: string, firstAt: number, lastAt: number });

const scenarioEvidence = {
  topics: listOf(object({ name: string, partitions: listOf(object({ partition: offset, logEndOffset: offset })) })),
  produced: listOf(object({ ...topicPartition, offset, key: nullable(string), value: nullable(string) })),
  groups: listOf(
    object(
      {
        label: string,
        groupId: string,
        state: string,
        describedAt: number,
        committed: listOf(object({ ...topicPartition, offset: nullable(offset) })),
        members: listOf(object({ memberId: string, clientId: string, assignment: listOf(object(topicPartition)) })),
        received: listOf(object({ ...topicPartition, offset, key: nullable(string), value: nullable(string), memberId: string, consumer: string, at: number })),
      },
      { receivedRanges: listOf(receivedRange) },
    ),
  ),
  consumers: listOf(
    object({ name: string, group: string, fetches: number, firstFetchAt: nullable(number), lastFetchAt: nullable(number), received: number }),
  ),
  timeline: listOf(object({ at: number, event: oneOf(TIMELINE_EVENT_KINDS), actor: string, summary: string })),
};
// Optional in every run's evidence: present only when the run produced in bulk.
const scenarioEvidenceOptional = { producedRanges: listOf(object({ ...topicPartition, first: offset, last: offset })) };

/** The shape of `results/<id>.json`, field for field as `ProofResult` declares it. */
export const proofResultShape = object(
  {
    id: string,
    title: string,
    claim: string,
    verdict: oneOf(["pass", "fail", "skipped"]),
    kafka: object({ version: string, mode: string }),
    client: object({ name: string, version: string }),
    node: string,
    startedAt: string,
    durationMs: number,
    reasons: listOf(string),
    checks: listOf(check),
    secondWitness,
    ...scenarioEvidence,
    control: object(
      { precondition: string, checks: listOf(check), mustBreak: listOf(string), broke: listOf(string), secondWitness, ...scenarioEvidence },
      { error: string, ...scenarioEvidenceOptional },
    ),
  },
  { error: string, skipReason: string, ...scenarioEvidenceOptional },
);

// Compile-time guards: the shape and the declared format may not drift apart.
type Validated = ShapeOf<typeof proofResultShape>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapeMatchesFormat: Same<Validated, ProofResult> = true;
// Optional fields need their own guard: leaving one out would still be "assignable".
const fieldsMatchFormat: Same<keyof Validated, keyof ProofResult> = true;
const controlFieldsMatchFormat: Same<keyof Validated["control"], keyof ProofResult["control"]> = true;
const groupFieldsMatchFormat: Same<keyof Validated["groups"][number], keyof GroupEvidence> = true;
const kindsMatchFormat: Same<(typeof TIMELINE_EVENT_KINDS)[number], TimelineEventKind> = true;
void [shapeMatchesFormat, fieldsMatchFormat, controlFieldsMatchFormat, groupFieldsMatchFormat, kindsMatchFormat];
