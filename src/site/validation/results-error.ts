/** The results cannot feed the site: missing, unreadable, or not in the format. Says which file and field. */
export class ResultsError extends Error {
  constructor(
    /** Each problem on its own line, starting with the file it is in. */
    readonly problems: readonly string[],
    /** What to do about it. */
    readonly hint: string,
  ) {
    super(`${formatProblems(problems)}\n  → ${hint}`);
    this.name = "ResultsError";
  }
}

const SHOWN = 12;

function formatProblems(problems: readonly string[]): string {
  const more = problems.length - SHOWN;
  return [...problems.slice(0, SHOWN), ...(more > 0 ? [`…and ${more} more`] : [])].join("\n");
}
