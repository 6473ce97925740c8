// The default theme without its bundled web font: the site uses the reader's system fonts.
import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme-without-fonts";
import { EvidenceReplay } from "../../../src/site/replay/replay-component.js";
import { REPLAY_COMPONENT } from "../../../src/site/replay/replay-encoding.js";
import ProofCells from "./components/ProofCells.vue";
import ProofMatrix from "./components/ProofMatrix.vue";
import "./evidence.css";
import "./matrix.css";
import "./pictures.css";

export default {
  extends: DefaultTheme,
  // Used in pages' markdown: `<ProofMatrix />` (the matrix, the home page), `<ProofCells>` (the top of each proof page),
  // and the replay of each run, which the evidence blocks name, with the run's script in its attribute.
  enhanceApp({ app }) {
    app.component("ProofMatrix", ProofMatrix);
    app.component("ProofCells", ProofCells);
    app.component(REPLAY_COMPONENT, EvidenceReplay);
  },
} satisfies Theme;
