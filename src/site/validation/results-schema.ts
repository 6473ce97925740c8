/**
 * The format of `results/<id>.json`, field for field as `ProofResult` declares it (the compile-time
 * guards at the end hold the two together). The site validates every results file with it, and the
 * JSON Schema published as `docs/public/results.schema.json` is generated from it.
 */
import { z } from "zod";
import type {
  AssignmentObservation,
  ControlResult,
  GroupAssignment,
  GroupEvidence,
  ProofResult,
  ShareDelivery,
  ShareGroupEvidence,
  ClientInfo,
  ConsumerEvidence,
  MemberEvidence,
  ObservedMember,
  TimelineEvent,
  TimelineEventKind,
} from "../../evidence/proof-result.js";
import {
  FORMAT_METADATA,
  defined,
  described,
  exactly,
  listOf,
  mapOf,
  nullableNumber,
  nullableOffset,
  nullableString,
  number,
  object,
  offset,
  oneOf,
  openObject,
  string,
  type Same,
} from "./schema-parts.js";

/** The kinds a timeline event may have; kept equal to `TimelineEventKind` by the guards at the end. */
const TIMELINE_EVENT_KINDS = [
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
  "stall",
  "resume",
  "finish",
] as const;
const OTHER_EVENT_KINDS = TIMELINE_EVENT_KINDS.filter((kind): kind is Exclude<TimelineEventKind, "assignment"> => kind !== "assignment");

const onTimeline = (what: string) => described(`${what}: milliseconds since the scenario started, the clock of the timeline.`, number);
const topicPartition = { topic: string, partition: offset };
const partitionRef = object(topicPartition);

const check = defined(
  "Check",
  "One check of the claim on a run's evidence. inconclusive: the evidence lacks what the check is about; never counted as a pass, nor as a control's break.",
  object({ name: string, outcome: oneOf(["pass", "fail", "inconclusive"]), detail: described("What was expected and what the evidence shows.", string) }),
);
const secondWitness = defined(
  "SecondWitness",
  "What Kafka's own consumer-groups tool said about the same groups at the same moment. not-run: it could not be asked; never counted as agreement.",
  object({ state: oneOf(["agreed", "disagreed", "not-run"]), detail: string }),
);
const client = defined(
  "ClientInfo",
  "A client of Kafka (kafkajs, or Kafka's Java client) and the group protocol it spoke.",
  object({ name: string, version: string, protocol: oneOf(["classic", "consumer"]).optional() }),
);

const member = defined(
  "MemberEvidence",
  "A member of a group as the broker described it.",
  object({
    memberId: string,
    clientId: string,
    host: described("The member's address as the coordinator saw it (/127.0.0.1); absent from results recorded before it was kept.", string).optional(),
    assignment: listOf(partitionRef),
  }),
);
const receivedMessage = {
  ...topicPartition,
  offset,
  key: nullableString,
  value: nullableString,
  memberId: string,
  consumer: described("The consumer's name in the scenario (A1, B…).", string),
  at: onTimeline("When it arrived"),
};

const observedMember = defined(
  "ObservedMember",
  "One member of a group's assignment as the broker described it.",
  object({
    consumer: described("Its client id: the consumer's name in the scenario.", string),
    memberId: string,
    owns: described("The partitions it owns, as the broker holds it (classic: empty while the group is not Stable).", listOf(partitionRef)),
    memberEpoch: described("The consumer protocol's member epoch (KIP-848).", number).optional(),
    target: described("The partitions the broker's assignor means it to own (consumer protocol).", listOf(partitionRef)).optional(),
  }),
);
// Only the type of the whole is read, by the guards at the end; the fields go into an assignment event.
const groupAssignment = object({
  group: described("The group's label in the scenario.", string),
  state: string,
  protocol: described("classic, or consumer for the consumer protocol of KIP-848.", string),
  assignor: string.optional(),
  groupEpoch: number.optional(),
  assignmentEpoch: number.optional(),
  members: listOf(observedMember),
});

const timelineEventFields = {
  at: onTimeline("When it happened"),
  actor: described("Who did it: a consumer or group label, or producer, admin, broker.", string),
  summary: described("One line a reader understands without the rest.", string),
};
const assignmentObservation = defined(
  "AssignmentObservation",
  "A timeline event of kind assignment: what the broker said one group's assignment was, sampled while the scenario watched. Consecutive samples that said the same are one observation, from at to lastAt.",
  openObject({
    at: timelineEventFields.at,
    event: exactly("assignment"),
    actor: exactly("broker"),
    summary: timelineEventFields.summary,
    ...groupAssignment.shape,
    lastAt: onTimeline("The last sample that said the same"),
    samples: described("How many samples said the same (at least 1).", offset),
  }),
);
const otherEvent = openObject({ at: timelineEventFields.at, event: oneOf(OTHER_EVENT_KINDS), actor: timelineEventFields.actor, summary: timelineEventFields.summary });
/**
 * A timeline event: one of kind "assignment" is held to an `AssignmentObservation`'s fields; any other carries what
 * details it has. Typed as the format declares an event, of any kind; the guards at the end hold each kind to it.
 */
const timelineEvent: z.ZodType<TimelineEvent> = defined(
  "TimelineEvent",
  "Something that happened during a scenario. Fields beyond these are the event's details.",
  z.discriminatedUnion("event", [assignmentObservation, otherEvent], {
    // An event of no known kind is reported at its `event` field, with the kinds there are.
    error: (issue) => (issue.code === "invalid_union" ? `one of ${TIMELINE_EVENT_KINDS.map((kind) => JSON.stringify(kind)).join(", ")}` : "an object"),
  }),
);

const shareDelivery = defined(
  "ShareDelivery",
  "One delivery of a record to a member of a share group (KIP-932).",
  object({
    ...receivedMessage,
    deliveryCount: described("The delivery's number as the broker counts them for the group: 1 the first time.", offset),
    acknowledgement: described(
      "How the consumer acknowledged this delivery, when, and the broker's answer (null: taken); absent while it held it unacknowledged.",
      object({ type: oneOf(["accept", "release", "reject"]), at: number, error: nullableString }),
    ).optional(),
  }),
);
const shareGroup = defined(
  "ShareGroupEvidence",
  "A share group (KIP-932): its members share the records of every partition, each delivered to one member at a time and acknowledged on its own.",
  object({
    label: described("The group's role in the scenario (A, S1…).", string),
    groupId: string,
    state: string,
    describedAt: onTimeline("When the broker was asked"),
    configs: described("The group configs the scenario set before any member joined.", mapOf(string)),
    members: listOf(member),
    partitions: listOf(object({ ...topicPartition, startOffset: nullableOffset, lag: nullableOffset })),
    deliveries: listOf(shareDelivery),
  }),
);

const receivedRange = defined(
  "ReceivedRange",
  "A run of consecutive offsets one consumer received from one partition while it kept one member id and one join: the compact record of a large run.",
  object({ ...topicPartition, first: offset, last: offset, memberId: string, consumer: string, firstAt: number, lastAt: number }),
);
const group = defined(
  "GroupEvidence",
  "A consumer group of the scenario: what the broker said of it when the evidence was read, and what its consumers received.",
  object({
    label: described("The group's role in the scenario (A, B…).", string),
    groupId: string,
    state: described("The group's state as the broker described it when the evidence was read (Stable, Empty…).", string),
    describedAt: onTimeline("When the broker was asked for state and members"),
    committed: listOf(object({ ...topicPartition, offset: described("The group's next offset to read, as the broker holds it; null when it holds none.", nullableOffset) })),
    members: listOf(member),
    received: listOf(object(receivedMessage)),
    receivedRanges: listOf(receivedRange).optional(),
    unavailable: described("Set when the group could not be asked about at the end: the broker's answer instead.", string).optional(),
  }),
);
const consumer = defined(
  "ConsumerEvidence",
  "A consumer the scenario started, and the evidence that it had its chance to receive.",
  object({
    name: string,
    group: described("The label of the group it was in.", string),
    kind: oneOf(["share"]).optional(),
    fetches: number,
    firstFetchAt: nullableNumber,
    lastFetchAt: nullableNumber,
    received: number,
  }),
);

/** What one run of a scenario left as evidence, and its checks: the same for the claim's run and the control's. */
const judgedRun = {
  checks: listOf(check),
  secondWitness,
  topics: listOf(object({ name: string, partitions: listOf(object({ partition: offset, logEndOffset: offset })) })),
  produced: listOf(object({ ...topicPartition, offset, key: nullableString, value: nullableString })),
  producedRanges: described(
    "What was produced in bulk, as offset ranges from the broker's acknowledgements.",
    listOf(object({ ...topicPartition, first: offset, last: offset })),
  ).optional(),
  groups: listOf(group),
  shareGroups: listOf(shareGroup).optional(),
  consumers: listOf(consumer),
  timeline: listOf(timelineEvent),
  clients: described("Who played the run's consumers, when the proof chose them itself rather than leaving it to the run's client.", listOf(client)).optional(),
  brokers: described(
    "The nodes of the scenario's own cluster.",
    listOf(object({ nodeId: number, address: string, killedAt: described("When the scenario killed it; null when it ran to the end.", nullableNumber) })),
  ).optional(),
  error: described("Set when the scenario itself broke off (a timeout, a client error).", string).optional(),
};

const control = defined(
  "ControlResult",
  "The same scenario with the claim's precondition inverted: at least one of the checks in mustBreak must fail on it.",
  object({
    precondition: string,
    mustBreak: listOf(string),
    broke: described("Those of mustBreak that failed on the control, with evidence present.", listOf(string)),
    ...judgedRun,
  }),
);

/** `results/<id>.json`; `problemsWith(proofResultSchema, value)` names each field of a file that is wrong. */
export const proofResultSchema = object({
  id: described("The proof's id: the name of its file, proofs/<id>.proof.ts, and of this one.", string),
  title: string,
  claim: string,
  verdict: oneOf(["pass", "fail", "skipped"]),
  skipReason: described("Why the proof could not run against this kind of broker.", string).optional(),
  kafka: object({ version: string, mode: string }),
  client: described("Who played the consumers: the run's cell.", client),
  node: string,
  startedAt: described("When the proof started (ISO 8601).", string),
  durationMs: number,
  reasons: described("Why the verdict is not pass, one plain sentence each; empty for a pass.", listOf(string)),
  ...judgedRun,
  control,
}).register(FORMAT_METADATA, {
  title: "Kafka consumer-group proof results",
  description:
    "The evidence one proof recorded against a real Kafka broker: the claim's run and its control, each with what the broker and the clients reported, the checks judged on it, and the verdict.",
});

/** The format as JSON Schema (draft 2020-12), for anyone reading results files without this code. */
export function resultsJsonSchema(): Record<string, unknown> {
  // "input": what a file may hold; zod's output would also forbid the fields it leaves out, which the site accepts.
  const { $schema, title, description, ...schema } = z.toJSONSchema(proofResultSchema, { metadata: FORMAT_METADATA, io: "input" });
  // Relative, so that it resolves to wherever the site is served from.
  return { $schema, $id: "results.schema.json", title, description, ...schema };
}

// Compile-time guards: the schema and the declared format may not drift apart.
type Validated = z.infer<typeof proofResultSchema>;
const schemaMatchesFormat: Same<Validated, ProofResult> = true;
// Optional fields need their own guard: leaving one out would still be "assignable".
const fieldsMatchFormat: Same<keyof Validated, keyof ProofResult> = true;
const controlFieldsMatchFormat: Same<keyof Validated["control"], keyof ControlResult> = true;
const groupFieldsMatchFormat: Same<keyof z.infer<typeof group>, keyof GroupEvidence> = true;
const shareGroupFieldsMatchFormat: Same<keyof z.infer<typeof shareGroup>, keyof ShareGroupEvidence> = true;
const shareDeliveryFieldsMatchFormat: Same<keyof z.infer<typeof shareDelivery>, keyof ShareDelivery> = true;
const memberFieldsMatchFormat: Same<keyof z.infer<typeof member>, keyof MemberEvidence> = true;
const consumerFieldsMatchFormat: Same<keyof z.infer<typeof consumer>, keyof ConsumerEvidence> = true;
const clientFieldsMatchFormat: Same<keyof z.infer<typeof client>, keyof ClientInfo> = true;
const kindsMatchFormat: Same<(typeof TIMELINE_EVENT_KINDS)[number], TimelineEventKind> = true;
// The timeline is typed as the format declares it; these hold each kind of event to it.
const assignmentMatchesFormat: Same<z.infer<typeof groupAssignment>, GroupAssignment> = true;
const assignmentFieldsMatchFormat: Same<keyof z.infer<typeof groupAssignment>, keyof GroupAssignment> = true;
const observedMemberFieldsMatchFormat: Same<keyof z.infer<typeof observedMember>, keyof ObservedMember> = true;
const observationMatchesFormat: Same<z.infer<typeof assignmentObservation>, AssignmentObservation> = true;
const otherEventsMatchFormat: Same<z.infer<typeof otherEvent>, TimelineEvent & { event: Exclude<TimelineEventKind, "assignment"> }> = true;
void [
  schemaMatchesFormat,
  fieldsMatchFormat,
  controlFieldsMatchFormat,
  groupFieldsMatchFormat,
  shareGroupFieldsMatchFormat,
  shareDeliveryFieldsMatchFormat,
  memberFieldsMatchFormat,
  consumerFieldsMatchFormat,
  clientFieldsMatchFormat,
  kindsMatchFormat,
  assignmentMatchesFormat,
  assignmentFieldsMatchFormat,
  observedMemberFieldsMatchFormat,
  observationMatchesFormat,
  otherEventsMatchFormat,
];
