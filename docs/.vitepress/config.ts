import { defineConfig } from "vitepress";
import { evidenceFencePlugin } from "../../src/site/evidence-fence-plugin.js";
import { memoizeHighlight } from "../../src/site/memoize-highlight.js";
import type { EvidenceContext } from "../../src/site/evidence-views.js";
import { proofSearchSections } from "../../src/site/proof-search.js";
import { resultsWatch } from "../../src/site/results-watch.js";
import { loadCampaigns } from "../../src/site/campaign-routes.js";
import { siteSidebar } from "../../src/site/sidebar.js";
import { proofHref, siteBase } from "../../src/site/site-base.js";
import { sitePaths } from "../../src/site/site-paths.js";
import { loadSiteResults } from "../../src/site/site-results.js";

// Read and validated once per build (and again by `npm run docs:dev` when results/ changes): a missing or
// malformed results file stops the build here, naming it.
const paths = sitePaths();
let site = loadSiteResults(paths);
const base = siteBase();
// The evidence blocks read the results through this, so a reload reaches pages rendered after it.
const evidence: EvidenceContext = {
  get results() {
    return site.results;
  },
  get columns() {
    return site.columns;
  },
  get matrixRun() {
    return site.matrixRun;
  },
  pageHref: (id, folder) => proofHref(base, id, folder),
};
// On GitHub Actions the repository is known; a local build has no address to link to.
const repository = process.env.GITHUB_REPOSITORY ? `${process.env.GITHUB_SERVER_URL ?? "https://github.com"}/${process.env.GITHUB_REPOSITORY}` : undefined;

export default defineConfig({
  title: "Kafka consumer-group proofs",
  description: "Executable proofs of Kafka consumer-group behaviour, with the evidence a real broker gave.",
  lang: "en-US",
  base,
  // Everything the site needs is in the build: no web fonts, no CDN, no analytics.
  head: [["link", { rel: "icon", type: "image/svg+xml", href: `${base}favicon.svg` }]],
  markdown: {
    config: (md) => {
      md.use(evidenceFencePlugin, evidence);
      memoizeHighlight(md);
    },
    // The dev server's cache of rendered pages knows only the markdown, not the results its evidence blocks show.
    // (Only `npm run docs:dev` heeds it; a build renders each page once.)
    cache: false,
  },
  vite: {
    plugins: [resultsWatch({ dir: paths.results, reload: () => (site = loadSiteResults(paths)) })],
  },
  themeConfig: {
    nav: [
      { text: "Latest run", link: "/" },
      { text: "Matrix", link: "/matrix" },
      { text: "Reading the evidence", link: "/reading-the-evidence" },
      { text: "Playground", link: "/playground" },
    ],
    sidebar: siteSidebar(site, loadCampaigns(paths)),
    outline: [2, 3],
    // VitePress' own index, built into the site: search works offline and asks no service.
    search: {
      provider: "local",
      // Proof pages have no markdown file for the index to read; VitePress splits any other page itself when this
      // returns nothing (its plugin falls back with `??`, which its type does not say).
      options: { miniSearch: { _splitIntoSections: (path) => proofSearchSections(site.results, path) ?? (undefined as unknown as []) } },
    },
    ...(repository ? { socialLinks: [{ icon: "github", link: repository }] } : {}),
    footer: { message: "Every number on this site was reported by a real Apache Kafka broker during the run it belongs to." },
  },
});
