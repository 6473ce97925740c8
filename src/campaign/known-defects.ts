import { kafkaAtLeast } from "../kafka-version.js";

/**
 * Defects of Kafka itself that a campaign can meet, each found by a checker of its own from Kafka's own records, and
 * named with the upstream change that fixes it. A campaign on a release up to `lastAffected` reports what the defect
 * did, on its page and in its output, but does not fail for it: the anomaly is Kafka's, known and fixed upstream, not
 * the claim's. On a later release the same finding fails the campaign, as any anomaly does.
 */
export interface KnownDefect {
  summary: string;
  /** The upstream change that fixes it. */
  fix: string;
  /** The last release known to have it. */
  lastAffected: string;
}

export const KNOWN_DEFECTS = {
  "share-state-reinitialized": {
    summary:
      "Kafka's share coordinator takes an InitializeShareGroupState request that arrives again at the same state epoch, for a share-partition whose state is under way, as a new state: a share-partition leader that loads it delivers settled records again, as first deliveries",
    fix: "apache/kafka#23190 (idempotent initialize share group state), merged after 4.4.0",
    lastAffected: "4.4.0",
  },
} as const satisfies Record<string, KnownDefect>;

export type KnownDefectId = keyof typeof KNOWN_DEFECTS;

/** Whether a run on Kafka `version` is known to have the defect (a version it cannot read is not excused). */
export function affects(defect: KnownDefectId, version: string): boolean {
  try {
    return kafkaAtLeast(KNOWN_DEFECTS[defect].lastAffected, version) === true;
  } catch {
    return false;
  }
}
