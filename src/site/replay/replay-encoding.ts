import type { ReplayScript } from "./replay-state.js";

/** The name the site's theme registers the replay component under, and pages write its tag with. */
export const REPLAY_COMPONENT = "EvidenceReplay";

/**
 * A replay script as base64 of its JSON: it travels in an attribute of the
 * page's markup, where nothing in it (a message value such as `<img …>`,
 * a brace) can be read as markup or as a template. `btoa`/`atob` exist in
 * Node and in the browser alike.
 */
export function encodeReplay(script: ReplayScript): string {
  const bytes = new TextEncoder().encode(JSON.stringify(script));
  let binary = "";
  // In slices: spreading a whole large array into one call overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function decodeReplay(encoded: string): ReplayScript {
  const binary = atob(encoded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as ReplayScript;
}
