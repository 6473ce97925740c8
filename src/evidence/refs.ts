/**
 * Handles a scenario hands to its checks. A scenario returns them from the
 * acts that made the things they name, so a check is given the very group,
 * consumer or reading the scenario made, never a label typed a second time.
 * They are plain data, found in the evidence by the fields below.
 */

/** A group of the scenario, by its label in the story ("A"). */
export interface GroupRef {
  readonly group: string;
}

/** A consumer of the scenario, by its name in the story ("A restarted"); names are unique in a scenario. */
export interface ConsumerRef {
  readonly consumer: string;
}

/** A share group of the scenario, by its label in the story ("S1"). */
export interface ShareGroupRef {
  readonly shareGroup: string;
}

/** One reading of a share group's partition state (start offset, lag) from the broker, taken at a moment the scenario chose. */
export interface ShareStateReading {
  readonly reading: number;
  readonly shareGroup: string;
}

/** Whose deliveries a check looks at: a whole group, or one consumer (whatever group it was put in). */
export type Who = GroupRef | ConsumerRef;

/** One reading of a group's committed offsets from the broker, taken at a moment the scenario chose. */
export interface CommittedReading {
  readonly reading: number;
  readonly group: string;
}

/** One reading of where a topic's partitions end, for each kind of reader (see `Scenario.observeLogEnds`). */
export interface LogEndReading {
  readonly logReading: number;
  readonly topic: string;
}

/** One attempt to reset a group's offsets: accepted, or refused by the broker with its error code. */
export interface ResetAttempt {
  readonly attempt: number;
  readonly group: string;
}

/** One answer, from a live node, to "which node coordinates this group?", taken at a moment the scenario chose. */
export interface CoordinatorReading {
  readonly coordinatorReading: number;
  readonly group: string;
}

/**
 * One request a service made about a group, as its own user: accepted, or
 * refused by the broker with its error code (GROUP_AUTHORIZATION_FAILED).
 */
export interface ServiceRequest {
  readonly request: number;
  /** The user it was made as. */
  readonly user: string;
  readonly group: string;
  readonly action: "commit" | "reset" | "describe";
}

/**
 * One commit a member sent as it last knew itself to be (see `GroupConsumer.commitAsLastKnown`): accepted,
 * or refused by the broker with its error code.
 */
export interface MemberCommitAttempt {
  readonly memberCommit: number;
  readonly consumer: string;
}

/** A transactional producer of the scenario, by its name in the story ("P1"). */
export interface ProducerRef {
  readonly producer: string;
}

/**
 * One request a transactional producer made (a send inside its transaction, or the transaction's commit):
 * acknowledged, or refused by the broker with its error code (INVALID_PRODUCER_EPOCH for a fenced producer).
 */
export interface TransactionRequest {
  readonly transactionRequest: number;
  readonly producer: string;
  readonly action: "send" | "sendOffsets" | "commit" | "abort";
}

export function describeWho(who: Who): string {
  return "group" in who ? `group ${who.group}` : `consumer ${who.consumer}`;
}
