import { createInterface } from "node:readline";
import { executeCommand } from "./execute-command.js";
import { LineQueue } from "./line-queue.js";
import { parseCommand } from "./parse-command.js";
import type { Printer } from "./printer.js";
import type { StopRequest } from "./stop-request.js";
import type { WalkthroughSession } from "./walkthrough-session.js";

export const PROMPT = "walkthrough> ";

export interface PromptLoopOptions {
  session: WalkthroughSession;
  printer: Printer;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Input and output are a terminal: readline edits lines and keeps history. */
  terminal: boolean;
  /** Input is not typed at a terminal (a file, a pipe): each line is echoed after the prompt, so the output reads as a transcript. */
  echo: boolean;
  stop: StopRequest;
}

/** Why the loop ended. */
export type LoopEnd = "quit" | "end of input" | "stop requested";

/**
 * Reads commands one at a time and does each before reading the next. A bad
 * line gets a one-line error and the prompt again; so does a command that
 * failed on the broker. Ends on `quit`, at the end of input, or when a stop
 * is requested, even in the middle of a command (which is then abandoned:
 * the caller closes the clients it was using).
 */
export async function promptLoop(options: PromptLoopOptions): Promise<LoopEnd> {
  const { session, printer, echo, stop } = options;
  const rl = createInterface({ input: options.input, output: options.output, terminal: options.terminal, prompt: PROMPT });
  const lines = new LineQueue(rl);
  // At a terminal, readline turns Ctrl-C into this event instead of a signal.
  rl.on("SIGINT", () => stop.request("Ctrl-C"));
  const stopped = stop.requested.then(() => "stop requested" as const);
  try {
    for (;;) {
      // Once the input has ended, readline is closed; the prompt still goes out, so the output reads as a transcript.
      if (lines.inputEnded) options.output.write(PROMPT);
      else rl.prompt();
      const line = await Promise.race([lines.next(), stopped]);
      if (line === "stop requested") return endLine(printer, line);
      if (line === undefined) return endLine(printer, "end of input");
      if (echo) printer.line(line);
      const parsed = parseCommand(line);
      if (!parsed.ok) {
        printer.error(parsed.error);
        continue;
      }
      if (parsed.command.kind === "quit") return "quit";
      const done = executeCommand(parsed.command, { session, printer, scenarioPrompt: "> " }).then(
        () => "done" as const,
        (error: unknown) => {
          // Once stopping, clients close under a running command; its failure then says nothing.
          if (stop.reason === undefined) printer.error(error instanceof Error ? error.message : String(error));
          return "done" as const;
        },
      );
      if ((await Promise.race([done, stopped])) === "stop requested") return endLine(printer, "stop requested");
    }
  } finally {
    rl.close();
  }
}

/** The prompt is waiting on its line; end that line before saying why the loop ended. */
function endLine(printer: Printer, end: LoopEnd): LoopEnd {
  printer.line();
  return end;
}
