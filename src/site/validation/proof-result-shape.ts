import type { GroupAssignment, GroupEvidence, ProofResult, ShareDelivery, ShareGroupEvidence, TimelineEventKind } from "../../evidence/proof-result.js";
import { listOf, nullable, number, object, offset, oneOf, recordOf, string, withVariants, type Same, type ShapeOf } from "./shape.js";

/** The kinds a timeline event may have; kept equal to `TimelineEventKind` by the check at the end. */
export const TIMELINE_EVENT_KINDS = [
  "produce",
  "receive",
  "acknowledge",
  "commit",
  "join",
  "leave",
  "reset",
  "refused",
  "restart",
  "crash",
  "observe",
  "assignment",
  "revoke",
  "acl",
] as const;

const topicPartition = { topic: string, partition: offset };

const check = object({ name: string, outcome: oneOf(["pass", "fail", "inconclusive"]), detail: string });
const secondWitness = object({ state: oneOf(["agreed", "disagreed", "not-run"]), detail: string });

const partitions = listOf(object(topicPartition));
const observedMember = object({ consumer: string, memberId: string, owns: partitions }, { memberEpoch: number, target: partitions });
const groupAssignmentFields = { group: string, state: string, protocol: string, members: listOf(observedMember) };
const groupAssignmentOptional = { assignor: string, groupEpoch: number, assignmentEpoch: number };
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its type is read: the compile-time checks below hold the shape to the format.
const groupAssignment = object(groupAssignmentFields, groupAssignmentOptional);
/** A timeline event; one of kind "assignment" is an `AssignmentObservation`, with its fields. */
const timelineEvent = withVariants(object({ at: number, event: oneOf(TIMELINE_EVENT_KINDS), actor: string, summary: string }), "event", {
  assignment: object({ ...groupAssignmentFields, lastAt: number, samples: offset }, groupAssignmentOptional),
});
const member = object({ memberId: string, clientId: string, assignment: listOf(object(topicPartition)) }, { host: string });
const receivedMessage = { ...topicPartition, offset, key: nullable(string), value: nullable(string), memberId: string, consumer: string, at: number };
const shareDelivery = object(
  { ...receivedMessage, deliveryCount: offset },
  { acknowledgement: object({ type: oneOf(["accept", "release", "reject"]), at: number, error: nullable(string) }) },
);
const shareGroup = object({
  label: string,
  groupId: string,
  state: string,
  describedAt: number,
  configs: recordOf(string),
  members: listOf(member),
  partitions: listOf(object({ ...topicPartition, startOffset: nullable(offset), lag: nullable(offset) })),
  deliveries: listOf(shareDelivery),
});

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
        members: listOf(member),
        received: listOf(object(receivedMessage)),
      },
      { receivedRanges: listOf(receivedRange), unavailable: string },
    ),
  ),
  consumers: listOf(
    object({ name: string, group: string, fetches: number, firstFetchAt: nullable(number), lastFetchAt: nullable(number), received: number }, { kind: oneOf(["share"]) }),
  ),
  timeline: listOf(timelineEvent),
};
const client = object({ name: string, version: string }, { protocol: oneOf(["classic", "consumer"]) });
// Optional in every run's evidence: present only when the run produced in bulk, chose its own clients, or had share groups.
const scenarioEvidenceOptional = {
  producedRanges: listOf(object({ ...topicPartition, first: offset, last: offset })),
  clients: listOf(client),
  shareGroups: listOf(shareGroup),
  brokers: listOf(object({ nodeId: number, address: string, killedAt: nullable(number) })),
};

/** The shape of `results/<id>.json`, field for field as `ProofResult` declares it. */
export const proofResultShape = object(
  {
    id: string,
    title: string,
    claim: string,
    verdict: oneOf(["pass", "fail", "skipped"]),
    kafka: object({ version: string, mode: string }),
    client,
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
const shapeMatchesFormat: Same<Validated, ProofResult> = true;
// Optional fields need their own guard: leaving one out would still be "assignable".
const fieldsMatchFormat: Same<keyof Validated, keyof ProofResult> = true;
const controlFieldsMatchFormat: Same<keyof Validated["control"], keyof ProofResult["control"]> = true;
const groupFieldsMatchFormat: Same<keyof Validated["groups"][number], keyof GroupEvidence> = true;
const shareGroupFieldsMatchFormat: Same<keyof ShapeOf<typeof shareGroup>, keyof ShareGroupEvidence> = true;
const shareDeliveryFieldsMatchFormat: Same<keyof ShapeOf<typeof shareDelivery>, keyof ShareDelivery> = true;
const kindsMatchFormat: Same<(typeof TIMELINE_EVENT_KINDS)[number], TimelineEventKind> = true;
const assignmentMatchesFormat: Same<ShapeOf<typeof groupAssignment>, GroupAssignment> = true;
const assignmentFieldsMatchFormat: Same<keyof ShapeOf<typeof groupAssignment>, keyof GroupAssignment> = true;
void [
  shapeMatchesFormat,
  fieldsMatchFormat,
  controlFieldsMatchFormat,
  groupFieldsMatchFormat,
  shareGroupFieldsMatchFormat,
  shareDeliveryFieldsMatchFormat,
  kindsMatchFormat,
  assignmentMatchesFormat,
  assignmentFieldsMatchFormat,
];
