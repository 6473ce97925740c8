/**
 * What a proof page takes from the proof's own source: the story in its opening
 * doc comment, and which `// #region` markers it has for quoting.
 */

/** The opening doc comment as markdown, without its `# Title` line (the page has the title from the run). */
export function proofStory(source: string): string {
  const comment = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source)?.[1];
  if (comment === undefined) return "";
  const lines = comment.split("\n").map((line) => line.replace(/^\s*\* ?/, "").trimEnd());
  const body = lines.filter((line, index) => !(line.startsWith("# ") && lines.slice(0, index).every((l) => l === "")));
  return body.join("\n").trim();
}

/** Whether the source marks a region `name` the way VitePress quotes it (`// #region name` … `// #endregion name`). */
export function hasRegion(source: string, name: string): boolean {
  const lines = source.split("\n").map((line) => line.trim());
  const start = lines.indexOf(`// #region ${name}`);
  return start >= 0 && lines.indexOf(`// #endregion ${name}`, start) > start;
}
