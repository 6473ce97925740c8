import type { BrokerInfo } from "../broker/started-broker.js";
import type { ScenarioEvidence, SecondWitness } from "../evidence/proof-result.js";
import { agreesWithKafkaTool, kafkaToolDidNotAnswer, kafkaToolNotAvailable } from "./agrees-with-kafka-tool.js";
import { describeGroupsWithKafkaTool } from "./tool-client.js";

/**
 * The second witness's check for one scenario: asks the tool about every group
 * in the evidence, on the broker the scenario ran on, and compares. Call it right
 * after reading the evidence, before the scenario's clients close or its groups
 * are deleted, so both witnesses describe the same moment. Never throws: a tool
 * that cannot be asked did not witness, and says so.
 */
export async function checkWithKafkaTool(groupTool: string | null, broker: BrokerInfo, evidence: ScenarioEvidence): Promise<SecondWitness> {
  if (groupTool === null) return kafkaToolNotAvailable(broker.mode);
  const groupIds = evidence.groups.map((g) => g.groupId);
  if (groupIds.length === 0) return agreesWithKafkaTool(evidence, []);
  try {
    return agreesWithKafkaTool(evidence, await describeGroupsWithKafkaTool(groupTool, groupIds, broker.bootstrapServers));
  } catch (error) {
    return kafkaToolDidNotAnswer(error instanceof Error ? error.message : String(error));
  }
}
