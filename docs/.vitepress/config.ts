import { defineConfig } from "vitepress";
import { evidenceFencePlugin } from "../../src/site/evidence-fence-plugin.js";
import { proofsSidebar } from "../../src/site/sidebar.js";
import { proofHref, siteBase } from "../../src/site/site-base.js";
import { sitePaths } from "../../src/site/site-paths.js";
import { loadResults } from "../../src/site/validation/load-results.js";

// Read and validated once per build: a missing or malformed results file stops the build here, naming it.
const results = loadResults(sitePaths());
const base = siteBase();

export default defineConfig({
  title: "Kafka consumer-group proofs",
  description: "Executable proofs of Kafka consumer-group behaviour, with the evidence a real broker gave.",
  lang: "en-US",
  base,
  // Everything the site needs is in the build: no web fonts, no CDN, no analytics.
  head: [["link", { rel: "icon", type: "image/svg+xml", href: `${base}favicon.svg` }]],
  markdown: {
    config: (md) => md.use(evidenceFencePlugin, { results, pageHref: (id: string) => proofHref(base, id) }),
  },
  themeConfig: {
    nav: [
      { text: "Latest run", link: "/" },
      { text: "Reading the evidence", link: "/reading-the-evidence" },
      { text: "Playground", link: "/playground" },
    ],
    sidebar: proofsSidebar(results),
    outline: [2, 3],
    footer: { message: "Every number on this site was reported by a real Apache Kafka broker during the run it belongs to." },
  },
});
