import { defineComponent, h, onBeforeUnmount, ref, type VNode } from "vue";
import { memberColour } from "../swimlane/member-colour.js";
import { MARK_WORDS, offsetMarks, replayTable, stepCaption, stepLines, type MarkKind } from "./replay-cells.js";
import { decodeReplay, REPLAY_COMPONENT } from "./replay-encoding.js";
import { replayStates, type ReplayScript, type ReplayState } from "./replay-state.js";

/** A whole replay plays in about this long, however many steps it has, within the bounds below. */
const PLAY_TOTAL_MS = 30_000;
const STEP_MS = { min: 150, max: 700 };

/**
 * The replay of a run: step or play through its timeline while the offset
 * table, who owns each partition and each offset's marks follow. The states
 * are folded from the script by `replayStates` when the page loads, the same
 * function the site's tests hold to the broker's final report. Rendered on
 * the server at step 0, then live in the browser; it loads nothing.
 */
export const EvidenceReplay = defineComponent({
  name: REPLAY_COMPONENT,
  props: { script: { type: String, required: true } },
  setup(props) {
    const script = decodeReplay(props.script);
    const states = replayStates(script);
    const last = states.length - 1;
    const stepMs = Math.min(STEP_MS.max, Math.max(STEP_MS.min, Math.round(PLAY_TOTAL_MS / Math.max(last, 1))));
    const index = ref(0);
    const playing = ref(false);
    let timer: ReturnType<typeof setInterval> | undefined;

    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      playing.value = false;
    };
    const go = (to: number) => {
      stop();
      index.value = Math.min(last, Math.max(0, to));
    };
    const play = () => {
      if (playing.value) return stop();
      if (index.value >= last) index.value = 0;
      playing.value = true;
      timer = setInterval(() => (index.value >= last ? stop() : (index.value += 1)), stepMs);
    };
    onBeforeUnmount(stop);

    return () => {
      const state = states[index.value]!;
      return h("div", { class: "replay", "data-step": index.value, "data-steps": last, "data-playing": String(playing.value) }, [
        controls(index.value, last, playing.value, { go, play }),
        h("p", { class: "replay-caption", "aria-live": "polite" }, stepCaption(script, state)),
        h(
          "ul",
          { class: "replay-lines" },
          stepLines(script, state).map((line) => h("li", line)),
        ),
        table(script, state),
        ...(script.perMessage ? [marks(script, state, states[last]!)] : []),
        ...(script.unexplained && index.value === last
          ? [h("p", { class: "replay-note replay-unexplained" }, `The recorded events do not account for the broker's final committed offsets: ${script.unexplained.join("; ")}.`)]
          : []),
        ...(script.logEndsKnown
          ? []
          : [h("p", { class: "replay-note" }, "This run produced in bulk without recording where each batch went: log ends are known only from the broker's final report above.")]),
      ]);
    };
  },
});

function controls(index: number, last: number, playing: boolean, act: { go: (to: number) => void; play: () => void }): VNode {
  const button = (name: string, label: string, text: string, onClick: () => void, disabled: boolean) =>
    h("button", { type: "button", class: `replay-${name}`, "aria-label": label, title: label, disabled, onClick }, text);
  return h("div", { class: "replay-controls" }, [
    button("first", "Back to the start", "|◀", () => act.go(0), index === 0),
    button("back", "Step back", "◀", () => act.go(index - 1), index === 0),
    button("play", playing ? "Pause" : "Play", playing ? "❚❚ Pause" : "▶ Play", act.play, last === 0),
    button("forward", "Step forward", "▶", () => act.go(index + 1), index === last),
    button("last", "To the last step", "▶|", () => act.go(last), index === last),
    h("input", {
      type: "range",
      class: "replay-slider",
      "aria-label": "Step",
      min: 0,
      max: last,
      value: index,
      onInput: (event: Event) => act.go(Number((event.target as HTMLInputElement).value)),
    }),
  ]);
}

function table(script: ReplayScript, state: ReplayState): VNode {
  const { headers, numeric, rows } = replayTable(script, state);
  const ownerColumn = headers.indexOf("OWNER");
  const th = headers.map((header, i) => h("th", { class: numeric.includes(i) ? "num" : undefined }, header));
  const body = rows.map((row, r) =>
    h(
      "tr",
      row.cells.map((text, i) => {
        if (i === ownerColumn && row.owner !== null) {
          const colour = memberColour(script.members[script.rows[r]!.group] ?? [], row.owner);
          return h("td", { class: row.dead ? "owner dead" : "owner" }, [h("span", { class: "swatch", style: { background: colour } }), text]);
        }
        return h("td", { class: [numeric.includes(i) ? "num" : "", text === "-" ? "none" : ""].filter(Boolean).join(" ") || undefined }, text);
      }),
    ),
  );
  return h("table", { class: "evidence-table replay-offsets" }, [h("thead", [h("tr", th)]), h("tbody", body)]);
}

function marks(script: ReplayScript, state: ReplayState, final: ReplayState): VNode {
  const rows = offsetMarks(script, state, final);
  const several = new Set(script.partitions.map((p) => p.topic)).size > 1;
  const kinds: MarkKind[] = ["future", "waiting", "delivered", "again", "acked", "acked-unread"];
  return h("div", { class: "replay-marks" }, [
    ...rows.map((offsets, i) => {
      const key = script.rows[i]!;
      const where = script.partitions[key.p]!;
      const label = `${key.group} · ${several ? `${where.topic} ` : ""}p${where.partition}`;
      return h("div", { class: "replay-mark-row" }, [
        h("span", { class: "replay-mark-label" }, label),
        ...offsets.map((m) => h("span", { class: `mark mark-${m.kind}`, title: `${label}@${m.offset}: ${MARK_WORDS[m.kind]}` }, String(m.offset))),
      ]);
    }),
    h(
      "p",
      { class: "replay-legend" },
      kinds.map((kind) => h("span", [h("span", { class: `mark mark-${kind}` }, "0"), ` ${MARK_WORDS[kind]}`])),
    ),
  ]);
}
