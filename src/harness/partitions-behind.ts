import type { CommittedOffset } from "../evidence/proof-result.js";
import type { BrokerWitness } from "./broker-witness.js";
import type { GroupConsumer } from "./consumer.js";

/**
 * The partitions of `topics` a group has yet to reach, as `p<n>`: those whose
 * last message (by the broker's log end) no member received. With `committed`,
 * a partition whose commit stands at the log end counts as reached too: it was
 * acknowledged, whether or not anyone read it.
 */
export async function partitionsBehind(
  witness: BrokerWitness,
  topics: readonly string[],
  members: readonly GroupConsumer[],
  committed?: readonly CommittedOffset[],
): Promise<string[]> {
  const behind: string[] = [];
  for (const topic of topics) {
    for (const { partition, logEndOffset } of await witness.logEndOffsets(topic)) {
      if (logEndOffset === 0) continue;
      const acknowledged = committed?.some((c) => c.topic === topic && c.partition === partition && c.offset === logEndOffset) ?? false;
      if (!acknowledged && !members.some((c) => c.hasReceived(topic, partition, logEndOffset - 1))) behind.push(`p${partition}`);
    }
  }
  return behind;
}
