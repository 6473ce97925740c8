export type Paint = (text: string) => string;

/** How each kind of line is coloured; the plain palette leaves text as it is. */
export interface Palette {
  heading: Paint;
  note: Paint;
  good: Paint;
  error: Paint;
  command: Paint;
}

const same: Paint = (text) => text;
export const PLAIN: Palette = { heading: same, note: same, good: same, error: same, command: same };

/**
 * Everything the walkthrough says goes through here, to one stream, so a
 * transcript keeps answers, notes and errors in the order they happened.
 */
export class Printer {
  constructor(
    private readonly write: (text: string) => void,
    readonly palette: Palette = PLAIN,
  ) {}

  raw(text: string): void {
    this.write(text);
  }

  line(text = ""): void {
    this.write(`${text}\n`);
  }

  heading(text: string): void {
    this.line(this.palette.heading(text));
  }

  note(text: string): void {
    this.line(this.palette.note(text));
  }

  good(text: string): void {
    this.line(this.palette.good(text));
  }

  /** A command as the user would type it, inside a scenario. */
  command(prompt: string, text: string): void {
    this.line(`${prompt}${this.palette.command(text)}`);
  }

  /** Always exactly one line, whatever the message held. */
  error(message: string): void {
    this.line(this.palette.error(`error: ${oneLine(message)}`));
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
