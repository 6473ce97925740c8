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
export function proofHref(base: string, id: string, folder = ""): string {
  return `${base}${proofPath(folder, id).slice(1)}`;
}

/**
 * The path of a proof's page for the results in `folder` (see results-layout.ts), without the base:
 * `/proofs/smoke.html` for the default cell, `/proofs/java-classic/smoke.html`, `/proofs/kafka-3.9.2/smoke.html`…
 */
export function proofPath(folder: string, id: string): string {
  return `/proofs/${folder ? `${folder}/` : ""}${encodeURIComponent(id)}.html`;
}
