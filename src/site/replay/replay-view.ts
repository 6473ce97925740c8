import type { ScenarioEvidence } from "../../evidence/proof-result.js";
import { offsetRows } from "../render/offset-table.js";
import { encodeReplay, REPLAY_COMPONENT } from "./replay-encoding.js";
import { replayScript } from "./replay-script.js";
import { replayStates, type ReplayScript } from "./replay-state.js";

/**
 * The most a replay's script may take, as JSON: its base64 is a third more, in
 * the page's script once. Two replays (claim and control) then stay far below
 * a megabyte whatever the run; a run of a million messages in a few ranges needs a fifth of it.
 */
export const REPLAY_BUDGET = 150_000;

/** The replay's markup: the component, with the run's script in an attribute (base64, so nothing in it is read as markup). */
export function renderReplay(run: ScenarioEvidence, options: { perMessage: boolean }): string {
  const script = replayScript(run, { ...options, budget: REPLAY_BUDGET });
  const unexplained = unexplainedCommits(run, script);
  return `<${REPLAY_COMPONENT} script="${encodeReplay(unexplained.length > 0 ? { ...script, unexplained } : script)}" />`;
}

/**
 * Where the replay's last step and the broker's final report disagree on a
 * committed offset: a commit the timeline did not record. The replay says so
 * rather than end, silently, somewhere the broker never was.
 */
export function unexplainedCommits(run: ScenarioEvidence, script: ReplayScript): string[] {
  const last = replayStates(script).at(-1)!;
  return offsetRows(run).flatMap((row, i) => {
    const replayed = last.rows[i]?.committed ?? null;
    if (replayed === row.currentOffset) return [];
    const where = `group ${script.rows[i]?.group ?? row.group}, ${row.topic} p${row.partition}`;
    return [`${where}: the recorded events end at ${replayed ?? "no commit"}; the broker reported ${row.currentOffset ?? "none"}`];
  });
}
