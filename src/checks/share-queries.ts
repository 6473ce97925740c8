import type { ScenarioEvidence, ShareDelivery, ShareGroupEvidence, SharePartitionState, TimelineEvent } from "../evidence/proof-result.js";
import type { ConsumerRef, ShareGroupRef, ShareStateReading } from "../evidence/refs.js";

/** The share group, if the scenario made one by that label. */
export function shareGroupOf(evidence: ScenarioEvidence, ref: ShareGroupRef): ShareGroupEvidence | undefined {
  return evidence.shareGroups?.find((g) => g.label === ref.shareGroup);
}

/** Every delivery to this member of a share group, in arrival order. */
export function sharedDeliveriesOf(evidence: ScenarioEvidence, who: ConsumerRef): ShareDelivery[] {
  return (evidence.shareGroups ?? []).flatMap((g) => g.deliveries).filter((d) => d.consumer === who.consumer);
}

/** An "observe" event that read a share group's partition state: the reading a `ShareStateReading` names. */
export interface ShareStateObservation extends TimelineEvent {
  shareReading: number;
  shareGroup: string;
  moment: string;
  partitions: SharePartitionState[];
}

export function shareReadingOf(evidence: ScenarioEvidence, ref: ShareStateReading): ShareStateObservation | undefined {
  return evidence.timeline.find((e): e is ShareStateObservation => e.event === "observe" && e.shareReading === ref.reading);
}

/** "p0 start 2 lag 1": the broker's share-group state, for check details. */
export function formatShareState(partitions: readonly SharePartitionState[]): string {
  if (partitions.length === 0) return "no partition state";
  return partitions.map((p) => `p${p.partition} start ${p.startOffset ?? "-"} lag ${p.lag ?? "-"}`).join(", ");
}
