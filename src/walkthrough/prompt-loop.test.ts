import { PassThrough, Writable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import { Printer } from "./printer.js";
import { PROMPT, promptLoop } from "./prompt-loop.js";
import { StopRequest } from "./stop-request.js";
import type { WalkthroughSession } from "./walkthrough-session.js";

/**
 * Only what `produce` asks of a session, answering a little later as a broker
 * would, so that a piped input has ended while a command is still running.
 * The broker-facing behaviour is tested against a real broker in
 * walkthrough.broker.test.ts; here only the reading of lines is at stake.
 */
function slowSession(): WalkthroughSession {
  let offset = 0;
  const session: Pick<WalkthroughSession, "send" | "waitUntilReceived"> = {
    send: async () => {
      await delay(20);
      return { partition: 0, offset: offset++ };
    },
    waitUntilReceived: () => delay(5),
  };
  // The loop only hands the session to the commands, and these commands use no more than the two above.
  return session as WalkthroughSession;
}

describe("promptLoop on piped input", () => {
  test("a session that ends before its first command is done still runs every command, then ends", async () => {
    const input = new PassThrough();
    // One stream for readline's prompts and the printer's answers, written in the order they happen.
    let output = "";
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        output += String(chunk);
        done();
      },
    });
    const printer = new Printer((text) => sink.write(text));
    input.end("produce a\nproduce b\nfrobnicate\nproduce c\n");

    const end = await promptLoop({ session: slowSession(), printer, input, output: sink, terminal: false, echo: true, stop: new StopRequest() });

    expect(end).toBe("end of input");
    expect(output.split("\n")).toEqual([
      `${PROMPT}produce a`,
      'produced "a": partition 0, offset 0; consumers A and B have received it',
      `${PROMPT}produce b`,
      'produced "b": partition 0, offset 1; consumers A and B have received it',
      `${PROMPT}frobnicate`,
      expect.stringMatching(/^error: /),
      `${PROMPT}produce c`,
      'produced "c": partition 0, offset 2; consumers A and B have received it',
      PROMPT,
      "",
    ]);
  });
});
