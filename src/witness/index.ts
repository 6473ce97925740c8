export { agreesWithKafkaTool, kafkaToolDidNotAnswer, kafkaToolNotAvailable } from "./agrees-with-kafka-tool.js";
export { checkWithKafkaTool } from "./check-with-kafka-tool.js";
export { parseDescribeOutput, type DescribeOutput, type ToolRow } from "./describe-output.js";
export { GroupToolProcess } from "./group-tool-process.js";
export type { ToolAnswer, ToolDryRun, ToolResetRow } from "./server-protocol.js";
export { locateGroupTool, startGroupTool, type GroupToolEndpoint, type ToolLocation } from "./start-group-tool.js";
export { askKafkaTool, describeGroupsWithKafkaTool, dryRunResetsWithKafkaTool, KafkaToolError } from "./tool-client.js";
