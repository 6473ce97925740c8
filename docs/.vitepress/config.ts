import { defineConfig } from "vitepress";
import { evidenceFencePlugin } from "../../src/site/evidence-fence-plugin.js";
import { proofsSidebar } from "../../src/site/sidebar.js";
import { proofHref, siteBase } from "../../src/site/site-base.js";
import { sitePaths } from "../../src/site/site-paths.js";
import { loadResults } from "../../src/site/validation/load-results.js";

// Read and validated once per build: a missing or malformed results file stops the build here, naming it.
const results = loadResults(sitePaths());
const base = siteBase();
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
    // VitePress' own index, built into the site: search works offline and asks no service.
    search: { provider: "local" },
    ...(repository ? { socialLinks: [{ icon: "github", link: repository }] } : {}),
    footer: { message: "Every number on this site was reported by a real Apache Kafka broker during the run it belongs to." },
  },
});
