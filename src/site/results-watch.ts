import { relative, sep } from "node:path";
import type { ModuleNode, Plugin } from "vite";
import { resolvePages, type SiteConfig } from "vitepress";

export interface ResultsWatch {
  /** The results folder: every file under it is evidence some page shows. */
  dir: string;
  /** Reads the results again, for the markdown renderer's evidence blocks; throws when they are not usable. */
  reload: () => void;
}

/**
 * `npm run docs:dev` keeps its pages in step with results/: when a results file
 * changes, the evidence blocks' results are read again, the proof pages' markdown
 * is written again (VitePress's dynamic routes, which may also gain or lose pages),
 * and every page is rendered again, with the data loaders' data (docs/.vitepress/matrix.data.ts,
 * whose own `watch` does the same for a results folder inside the working directory).
 *
 * Results that cannot be read (a file half-written, a malformed one) leave the
 * pages as they were, and the dev server says why.
 */
export function resultsWatch(options: ResultsWatch): Plugin {
  let site: SiteConfig | undefined;
  return {
    name: "kafka-proofs:results-watch",
    apply: "serve",
    configResolved(config) {
      // VitePress hands its site config to plugins on Vite's config (its own dynamic-routes plugin reads the same object).
      site = (config as unknown as { vitepress?: SiteConfig }).vitepress;
    },
    configureServer(server) {
      // results/ is beside docs/, outside what Vite watches of its own accord.
      server.watcher.add(options.dir);
    },
    async handleHotUpdate(ctx) {
      if (!isUnder(options.dir, ctx.file) || !ctx.file.endsWith(".json")) return;
      try {
        options.reload();
        if (site) Object.assign(site, await resolvePages(site.srcDir, site.userConfig, site.logger));
      } catch (error) {
        ctx.server.config.logger.error(`${relative(process.cwd(), ctx.file)} changed, but the results cannot be shown: ${error instanceof Error ? error.message : String(error)}`, {
          timestamp: true,
        });
        return;
      }
      const stale = new Set<ModuleNode>(ctx.modules);
      for (const [file, modules] of ctx.server.moduleGraph.fileToModulesMap) if (file.endsWith(".md") || DATA_LOADER.test(file)) for (const m of modules) stale.add(m);
      return [...stale];
    },
  };
}

/** VitePress's name for a data loader (its `loaderMatch`). */
const DATA_LOADER = /\.data\.m?(j|t)s$/;

/** Whether `path` is inside `dir` (not `dir` itself). */
export function isUnder(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside !== "" && !inside.startsWith("..") && !inside.startsWith(sep);
}
