import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ToolchainError } from "../../../errors.js";

/** Debian's release names and aliases; a source for any of them serves the whole archive, bookworm included. */
const DEBIAN_SUITES = new Set(["buster", "bullseye", "bookworm", "trixie", "forky", "duke", "sid", "oldstable", "stable", "testing", "unstable"]);

interface AptSource {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
}

/** `deb [opts] uri suite components...` lines of a classic `sources.list`. */
export function parseSourcesList(text: string): AptSource[] {
  return text.split("\n").flatMap((raw) => {
    const line = raw
      .replace(/#.*/, "")
      .replace(/\[[^\]]*\]/, "")
      .trim();
    const [type, uri, suite, ...components] = line.split(/\s+/);
    return type && uri && suite ? [{ types: [type], uris: [uri], suites: [suite], components }] : [];
  });
}

/** Stanzas of a deb822 `.sources` file, skipping those with `Enabled: no`. */
export function parseDeb822Sources(text: string): AptSource[] {
  const stanzas = text.split(/\n\s*\n/);
  return stanzas.flatMap((stanza) => {
    const fields = new Map<string, string>();
    for (const line of stanza.split("\n")) {
      const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (match) fields.set(match[1]!.toLowerCase(), match[2]!.trim());
    }
    if (fields.get("enabled")?.toLowerCase() === "no") return [];
    const words = (key: string) => (fields.get(key) ?? "").split(/\s+/).filter(Boolean);
    return fields.has("uris") ? [{ types: words("types"), uris: words("uris"), suites: words("suites"), components: words("components") }] : [];
  });
}

/** The first source that is Debian's own archive (not security, not a third party's): its URI. */
export function debianMirror(sources: readonly AptSource[]): string | undefined {
  const archive = sources.find(
    (source) =>
      source.types.includes("deb") &&
      source.components.includes("main") &&
      source.suites.some((suite) => DEBIAN_SUITES.has(suite)) &&
      source.uris.some((uri) => /^https?:\/\//.test(uri)),
  );
  return archive?.uris.find((uri) => /^https?:\/\//.test(uri))?.replace(/\/+$/, "");
}

/**
 * The Debian mirror this machine's apt uses, for debootstrap: `DEBIAN_MIRROR` when
 * set, else read from `/etc/apt/sources.list` and `/etc/apt/sources.list.d/`.
 */
export async function readDebianMirror(env: NodeJS.ProcessEnv, aptDir = "/etc/apt"): Promise<string> {
  const given = env.DEBIAN_MIRROR?.trim();
  if (given) return given.replace(/\/+$/, "");
  const sources = parseSourcesList(await readFile(join(aptDir, "sources.list"), "utf8").catch(() => ""));
  const dir = join(aptDir, "sources.list.d");
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
    const text = await readFile(join(dir, name), "utf8").catch(() => "");
    if (name.endsWith(".sources")) sources.push(...parseDeb822Sources(text));
    else if (name.endsWith(".list")) sources.push(...parseSourcesList(text));
  }
  const mirror = debianMirror(sources);
  if (!mirror) {
    throw new ToolchainError(
      `No Debian archive was found among apt's sources in ${aptDir}; the image's root file system is made from one.`,
      "Set DEBIAN_MIRROR to a Debian mirror's URL (the one ending in /debian), or use Docker with the official image (unset KAFKA_IMAGE).",
    );
  }
  return mirror;
}
