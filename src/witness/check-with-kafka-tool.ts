import { javaClientSecurity } from "../broker/java-client-security.js";
import type { BrokerInfo } from "../broker/started-broker.js";
import type { ScenarioEvidence, SecondWitness } from "../evidence/proof-result.js";
import { agreesOnResets } from "./agrees-on-resets.js";
import { agreesOnShareGroups, bothWitnessed } from "./agrees-on-share-groups.js";
import { agreesWithKafkaTool, kafkaToolDidNotAnswer, kafkaToolNotAvailable } from "./agrees-with-kafka-tool.js";
import { describeGroupsWithKafkaTool, describeShareGroupsWithKafkaTool, type ToolBroker } from "./tool-client.js";

/**
 * The second witness's check for one scenario: asks the tool about every group
 * in the evidence (consumer groups with `kafka-consumer-groups`, share groups
 * with `kafka-share-groups`), on the broker the scenario ran on, and compares; and compares every reset the
 * scenario made with the tool's dry run of it (`agreesOnResets`).
 * Call it right after reading the evidence, before the scenario's clients close
 * or its groups are deleted, so both witnesses describe the same moment. Never
 * throws: a tool that cannot be asked did not witness, and says so.
 *
 * On a broker that needs SASL/TLS the tool is given the run's own settings, as
 * `--command-config` would. Not asked: a group no live broker coordinated when the evidence was read (there was nothing
 * for either witness to describe; the evidence keeps the broker's answer instead).
 */
export async function checkWithKafkaTool(groupTool: string | null, broker: BrokerInfo, evidence: ScenarioEvidence): Promise<SecondWitness> {
  if (groupTool === null) return kafkaToolNotAvailable(broker.mode);
  let asking: ToolBroker;
  try {
    asking = { bootstrapServers: broker.bootstrapServers, clientProperties: javaClientSecurity(broker.security) };
  } catch (error) {
    return {
      state: "not-run",
      detail: `not run: the consumer-groups tool cannot be given this broker's SASL/TLS settings (${error instanceof Error ? error.message : String(error)})`,
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
    parts.push(asked(async () => agreesWithKafkaTool(seen, groupIds.length === 0 ? [] : await describeGroupsWithKafkaTool(groupTool, groupIds, asking))));
  }
  if (shareGroupIds.length > 0) parts.push(asked(async () => agreesOnShareGroups(seen, await describeShareGroupsWithKafkaTool(groupTool, shareGroupIds, asking))));
  // The tool's dry runs were asked for beside each reset, as the scenario ran; only their comparison is made here.
  const resets = agreesOnResets(evidence);
  const said = bothWitnessed([...(await Promise.all(parts)), ...(resets ? [resets] : [])]);
  return left.length === 0 ? said : { ...said, detail: `${said.detail}; not asked about ${left.join(", ")}, which no live broker coordinated` };
}

async function asked(compare: () => Promise<SecondWitness>): Promise<SecondWitness> {
  try {
    return await compare();
  } catch (error) {
    return kafkaToolDidNotAnswer(error instanceof Error ? error.message : String(error));
  }
}
