/**
 * The URL path the site is served under: `/` locally, `/<repository>/` for a
 * GitHub project site. Read from `SITE_BASE` so one build step serves both.
 */
export function siteBase(env: NodeJS.ProcessEnv = process.env): string {
  const raw = (env.SITE_BASE ?? "").trim();
  if (raw === "" || raw === "/") return "/";
  return `/${raw.replace(/^\/+|\/+$/g, "")}/`;
}

/** A proof page's URL under the base, as the built site names it. */
export function proofHref(base: string, id: string): string {
  return `${base}proofs/${encodeURIComponent(id)}.html`;
}
