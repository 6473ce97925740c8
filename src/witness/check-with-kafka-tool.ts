import type { BrokerInfo } from "../broker/started-broker.js";
import type { ScenarioEvidence, SecondWitness } from "../evidence/proof-result.js";
import { agreesOnShareGroups, bothWitnessed } from "./agrees-on-share-groups.js";
import { agreesWithKafkaTool, kafkaToolDidNotAnswer, kafkaToolNotAvailable } from "./agrees-with-kafka-tool.js";
import { describeGroupsWithKafkaTool, describeShareGroupsWithKafkaTool } from "./tool-client.js";

/**
 * The second witness's check for one scenario: asks the tool about every group
 * in the evidence (consumer groups with `kafka-consumer-groups`, share groups
 * with `kafka-share-groups`), on the broker the scenario ran on, and compares.
 * Call it right after reading the evidence, before the scenario's clients close
 * or its groups are deleted, so both witnesses describe the same moment. Never
 * throws: a tool that cannot be asked did not witness, and says so.
 *
 * Not asked: a broker that needs SASL/TLS (the tool is given no credentials), and a
 * group no live broker coordinated when the evidence was read (there was nothing
 * for either witness to describe; the evidence keeps the broker's answer instead).
 */
export async function checkWithKafkaTool(groupTool: string | null, broker: BrokerInfo, evidence: ScenarioEvidence): Promise<SecondWitness> {
  if (groupTool === null) return kafkaToolNotAvailable(broker.mode);
  if (broker.security) {
    return {
      state: "not-run",
      detail: "not run: this broker takes SASL/TLS clients only, and the consumer-groups tool is given no credentials; the offsets were read with kafkajs only",
    };
  }
  const groups = evidence.groups.filter((g) => g.unavailable === undefined);
  const left = evidence.groups.filter((g) => g.unavailable !== undefined).map((g) => `group ${g.label} (${g.unavailable})`);
  const shareGroupIds = (evidence.shareGroups ?? []).map((g) => g.groupId);
  if (groups.length === 0 && left.length > 0 && shareGroupIds.length === 0)
    return { state: "not-run", detail: `not asked: no live broker coordinated ${left.join(", ")} when the evidence was read` };
  const seen = { ...evidence, groups };
  const groupIds = groups.map((g) => g.groupId);
  const parts: Promise<SecondWitness>[] = [];
  if (groupIds.length > 0 || shareGroupIds.length === 0) {
    parts.push(asked(async () => agreesWithKafkaTool(seen, groupIds.length === 0 ? [] : await describeGroupsWithKafkaTool(groupTool, groupIds, broker.bootstrapServers))));
  }
  if (shareGroupIds.length > 0) parts.push(asked(async () => agreesOnShareGroups(seen, await describeShareGroupsWithKafkaTool(groupTool, shareGroupIds, broker.bootstrapServers))));
  const said = bothWitnessed(await Promise.all(parts));
  return left.length === 0 ? said : { ...said, detail: `${said.detail}; not asked about ${left.join(", ")}, which no live broker coordinated` };
}

async function asked(compare: () => Promise<SecondWitness>): Promise<SecondWitness> {
  try {
    return await compare();
  } catch (error) {
    return kafkaToolDidNotAnswer(error instanceof Error ? error.message : String(error));
  }
}
