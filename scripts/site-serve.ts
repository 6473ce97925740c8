#!/usr/bin/env tsx
/** `npm run docs:serve`: serves the site as last built (`npm run docs:build`), and prints its URL. */
import { chalk, echo } from "zx";
import { PREFERRED_PORT, serveUntilStopped } from "../src/site/serve-until-stopped.js";
import { siteBase } from "../src/site/site-base.js";
import { sitePaths } from "../src/site/site-paths.js";

await serveUntilStopped(sitePaths().dist, {
  port: Number(process.env.PORT) || PREFERRED_PORT,
  base: siteBase(),
  onReady: (url) => echo(`${chalk.green("Serving the built site:")} ${chalk.bold(url)}  (Ctrl-C stops it)`),
});
