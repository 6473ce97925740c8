import type { Check } from "../evidence/proof-result.js";
import type { Anomaly } from "../checks/anomaly.js";
import { judged } from "../checks/outcome.js";
import type { KnownDefectId } from "./known-defects.js";

/**
 * What a campaign checker found wrong, and where in the history: the operation it concerns (its index, and its time)
 * and the record (partition and offset; `last` when it is a run of offsets). Verdicts are data, as in Jepsen:
 * valid or not, what was checked, and every anomaly.
 */
export interface CampaignAnomaly {
  kind:
    | Anomaly["kind"]
    /** An acknowledged write the log does not hold after the heal. */
    | "lost-acknowledged"
    /** An acknowledged write the log holds at another offset than the one acknowledged. */
    | "moved-acknowledged"
    /** A partition with acknowledged writes that was never read after the heal: nothing about it can be judged. */
    | "unread-partition"
    | "share-settled-twice"
    | "share-delivered-after-settled"
    | "share-beyond-delivery-limit"
    /** A record the share group neither settled nor archived at its delivery limit. */
    | "share-unsettled"
    /** A share delivery of an offset the log does not hold after the heal. */
    | "share-unknown-record"
    | "committed-not-at-log-end"
    /** Kafka's share coordinator set a share-partition's state back below where acknowledgements had moved it (its own log). */
    | "share-state-reset"
    /** The same, by a snapshot at a new state epoch: the group coordinator initializing again a state under way. */
    | "share-state-reset-new-epoch"
    /** Kafka's share coordinator log was not read for a share-partition: its redeliveries cannot be told apart from the broker's. */
    | "share-state-unread";
  detail: string;
  /** The operation it points at, when there is one (a write never read back points at its acknowledgement). */
  op?: number;
  at?: number;
  group?: string;
  topic?: string;
  partition?: number;
  offset?: number;
  last?: number;
  /** The known defect of Kafka that made it (see `known-defects.ts`), when its evidence says so. */
  defect?: KnownDefectId;
}

export interface CheckerVerdict {
  checker: string;
  valid: boolean;
  /** Set on a checker that looks for one known defect of Kafka: what it finds is Kafka's (see `known-defects.ts`). */
  defect?: KnownDefectId;
  /** How many things it judged (acknowledged writes, records, partitions), for the result's figures. */
  checked: number;
  anomalies: CampaignAnomaly[];
}

const SHOWN = 5;

/** The verdict as one of the project's checks, its detail capped so it stays readable. */
export function asCheck(v: CheckerVerdict): Check {
  const listed = v.anomalies.slice(0, SHOWN).map((a) => `${a.kind}: ${a.detail}${a.op === undefined ? "" : ` (operation ${a.op} at ${a.at} ms)`}`);
  const more = v.anomalies.length > SHOWN ? `; and ${v.anomalies.length - SHOWN} more` : "";
  return judged(v.checker, v.valid, v.valid ? `${v.checked} checked, no anomaly` : `expected no anomaly in ${v.checked} checked; found ${listed.join("; ")}${more}`);
}

export function verdict(checker: string, checked: number, anomalies: CampaignAnomaly[]): CheckerVerdict {
  return { checker, valid: anomalies.length === 0, checked, anomalies };
}

/** A partition as one number, so per-operation lookups need no string: names are interned, and no campaign has 2**16 partitions of a topic. */
export const partitionId = (topicName: number, partition: number): number => topicName * 65_536 + partition;
