import type { ShareToolRow, ToolRow } from "./describe-output.js";
import type { GroupKind, ToolAnswer, ToolDryRun } from "./server-protocol.js";

/** Longer than the tool server's own request timeout, so its error (with the JVM's stderr) is the one seen. */
const CLIENT_TIMEOUT_MS = 45_000;

/** Kafka's consumer-groups tool could not be asked, or said something other than offsets. */
export class KafkaToolError extends Error {
  constructor(
    message: string,
    /** The tool's output, when it gave one. */
    readonly transcript?: string,
  ) {
    super(message);
    this.name = "KafkaToolError";
  }
}

/** The URL without its key, for messages: they end up in results files and on the site. */
function withoutKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = "";
    return parsed.href;
  } catch {
    return "(not a URL)";
  }
}

/** Which brokers the tool asks, and how it connects to them. */
export interface ToolBroker {
  /** By default the brokers the tool server was started for. */
  bootstrapServers?: readonly string[];
  /** Client settings for a SASL/TLS broker, as `--command-config` would give them. */
  clientProperties?: Readonly<Record<string, string>>;
}

/**
 * The tool's whole answer about these groups (rows, missing groups, problems,
 * transcript), from `broker`. `url` is the one the run provides (inject("groupTool")):
 * it carries the key the server requires.
 */
export async function askKafkaTool(url: string, groupIds: readonly string[], broker: ToolBroker = {}, kind: GroupKind = "consumer"): Promise<ToolAnswer> {
  const { response, body } = await post<ToolAnswer>(url, { groups: groupIds, kind }, broker);
  if (!response.ok || body === undefined) {
    throw new KafkaToolError(`Kafka's consumer-groups tool could not answer (HTTP ${response.status}): ${body?.error ?? "no error message"}`);
  }
  return body;
}

/** One request to the run's tool server, with the broker to ask; its answer's body, if it is JSON. */
async function post<T>(url: string, request: Record<string, unknown>, broker: ToolBroker): Promise<{ response: Response; body: (T & { error?: string }) | undefined }> {
  const { bootstrapServers, clientProperties = {} } = broker;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...request, ...(bootstrapServers ? { bootstrapServers } : {}), clientProperties }),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new KafkaToolError(
      `Kafka's consumer-groups tool was not reachable at ${withoutKey(url)}: ${error instanceof Error ? error.message : String(error)}. ` +
        "It is served by the test run's global setup, which must still be running.",
    );
  }
  const body = (await response.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
  return { response, body };
}

/**
 * `kafka-consumer-groups --describe --group <id>` for each group, as rows. A
 * group the tool says does not exist has no rows; any other error it reports is thrown.
 */
export async function describeGroupsWithKafkaTool(url: string, groupIds: readonly string[], broker: ToolBroker = {}): Promise<ToolRow[]> {
  return offsetTable(await askKafkaTool(url, groupIds, broker, "consumer"), "consumer-groups").rows;
}

/** `kafka-share-groups --describe --group <id>` for each share group, as rows (START-OFFSET, LAG). */
export async function describeShareGroupsWithKafkaTool(url: string, groupIds: readonly string[], broker: ToolBroker = {}): Promise<ShareToolRow[]> {
  return offsetTable(await askKafkaTool(url, groupIds, broker, "share"), "share-groups").shareRows;
}

function offsetTable(answer: ToolAnswer, tool: string): ToolAnswer {
  if (answer.problems.length > 0) throw new KafkaToolError(`Kafka's ${tool} tool reported what is not an offset table: ${answer.problems.join("; ")}`, answer.transcript);
  return answer;
}

/**
 * `kafka-consumer-groups --reset-offsets --dry-run <args>` for each run, in the run's one tool JVM: the offsets the
 * tool would set. Nothing is reset. Throws a KafkaToolError when the tool cannot be asked.
 */
export async function dryRunResetsWithKafkaTool(url: string, runs: readonly (readonly string[])[], broker: ToolBroker = {}): Promise<ToolDryRun[]> {
  const { response, body } = await post<ToolDryRun[]>(url, { resets: runs }, broker);
  if (!response.ok || !Array.isArray(body)) {
    throw new KafkaToolError(`Kafka's consumer-groups tool could not run the dry runs (HTTP ${response.status}): ${body?.error ?? "no error message"}`);
  }
  return body;
}
