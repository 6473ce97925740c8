import type { ProofResult, ScenarioEvidence } from "../evidence/proof-result.js";
import { DEFAULT_CELL, runResultsFolder, type MatrixColumn } from "../evidence/results-layout.js";
import { KAFKA_VERSION } from "../kafka-version.js";
import { escapeHtml, escapeMarkdownText } from "./escape.js";
import { evidenceFence, type EvidenceRun, type EvidenceView } from "./evidence-request.js";
import { hasRegion, proofStory } from "./proof-source.js";
import { hasSeveralMembers } from "./swimlane/swimlane-model.js";

/**
 * A proof's page, as markdown: the claim and the story, the scenario's code
 * quoted from `proofs/<id>.proof.ts` (the code that ran), then the evidence of
 * the run and of its control as `evidence` blocks that the site's markdown
 * renderer expands from `results/<id>.json`. A failed proof gets the same page.
 * At the top, this proof in every cell and Kafka version of the run (`<ProofCells>`,
 * from the site's data loader). `column`: the page of another cell or Kafka version's
 * results (results/java-classic/<id>.json), whose evidence blocks then name it.
 */
export function proofPage(result: ProofResult, source: string, column?: MatrixColumn): string {
  if (!hasRegion(source, "scenario")) {
    throw new Error(
      `proofs/${result.id}.proof.ts has no "// #region scenario" … "// #endregion scenario": its page quotes the scenario from there. Mark the scenario's code with them.`,
    );
  }
  const cell = column && column.cell !== DEFAULT_CELL ? column.cell : undefined;
  const kafka = column && column.kafkaVersion !== KAFKA_VERSION ? column.kafkaVersion : undefined;
  const block: Block = (view, run = "claim") => evidenceFence({ view, proof: result.id, run, ...(cell ? { cell } : {}), ...(kafka ? { kafka } : {}) });
  const quote = (region: string) => `<<< @/../proofs/${result.id}.proof.ts#${region}`;
  const story = proofStory(source);
  const where = column ? ` — ${column.cell} on Kafka ${column.kafkaVersion}` : "";
  return [
    `# ${escapeMarkdownText(`${result.title}${where}`)}`,
    `<ProofCells proof="${escapeHtml(result.id)}" current="${escapeHtml(column ? runResultsFolder(column) : "")}" />`,
    block("verdict"),
    `**Claim:** ${escapeMarkdownText(result.claim)}`,
    ...(story ? ["## The story", `<div class="proof-story" v-pre>`, story, `</div>`] : []),
    "## The scenario",
    `Quoted from \`proofs/${result.id}.proof.ts\`: the code on this page is the code that ran.`,
    quote("scenario"),
    ...(hasRegion(source, "check") ? ["### The checks", "Pure functions of the recorded evidence; the same checks run on the control.", quote("check")] : []),
    ...(result.verdict === "skipped" ? notRun(result) : evidence(block, result)),
  ].join("\n\n");
}

type Block = (view: EvidenceView, run?: EvidenceRun) => string;

function evidence(block: Block, result: ProofResult): string[] {
  return [
    "## Evidence",
    "Everything below was recorded in the run: what the broker reported and what the clients saw.",
    ...evidenceSections("claim", block, result),
    "## Control",
    "The same scenario with the claim's precondition inverted. The claim's checks must not all pass on it; if they did, they could not tell the claim from its opposite.",
    block("control-summary", "control"),
    ...evidenceSections("control", block, result.control),
  ];
}

/** A skipped proof has no evidence in this run; its page says so instead of showing empty tables. */
function notRun(result: ProofResult): string[] {
  return ["## Evidence", `Not run against this run's broker: ${escapeMarkdownText(result.skipReason ?? "the run gave no reason")}.`];
}

function evidenceSections(run: EvidenceRun, block: Block, recorded: ScenarioEvidence): string[] {
  const ownCluster = recorded.brokers !== undefined;
  const of = run === "control" ? " (control)" : "";
  return [
    `### Checks${of}`,
    block("checks", run),
    ...(ownCluster
      ? [
          `### Cluster${of}`,
          "The brokers this run started for itself: which one was killed, and which one each live broker named as a group's coordinator when asked (FindCoordinator), or the error it answered instead.",
          block("cluster", run),
        ]
      : []),
    `### Offsets${of}`,
    "As `kafka-consumer-groups --describe` shows them: the broker's committed offset (CURRENT-OFFSET) and log end for each group and partition, at the end of the run. `-` where nothing is committed or no member owns the partition.",
    block("offsets", run),
    `### Charts${of}`,
    block("charts", run),
    `### Delivery${of}`,
    "Who received what: each message against each consumer; ✓×2 marks a message received twice. A large run is counted per partition instead, with every message that stands out listed.",
    block("delivery", run),
    `### Acknowledgements${of}`,
    "Which offsets each group has acknowledged: those below its committed offset on the partition. A commit is cumulative.",
    block("acks", run),
    ...(hasSeveralMembers(recorded)
      ? [
          `### Partition ownership${of}`,
          "Who owned each partition over the run, as each member was told by the group's coordinator: a lane per partition, coloured by its owner. Lines mark members joining, leaving and crashing; dots mark commits.",
          block("swimlane", run),
        ]
      : []),
    `### Replay${of}`,
    "The recorded timeline, step by step: the offset table, who owns each partition and what was delivered and acknowledged, as they stood after each step. The last step is the end of the run.",
    block("replay", run),
    `### Timeline${of}`,
    `::: details Every event, in the order it happened`,
    block("timeline", run),
    ":::",
  ];
}
