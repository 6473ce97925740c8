#!/usr/bin/env tsx
/**
 * `npm run walkthrough`: the original demo's curl session as a terminal
 * command. Produce, look at both groups as the broker describes them, ack
 * for one group, reset one group, and see that the other is untouched.
 * Reads commands at a prompt, or from a file or pipe: `npm run walkthrough < session.txt`.
 */
import { chalk } from "zx";
import { PLAIN, type Palette } from "../src/walkthrough/printer.js";
import { runWalkthrough } from "../src/walkthrough/run-walkthrough.js";

const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
const palette: Palette = colour ? { heading: chalk.bold, note: chalk.dim, good: chalk.green, error: chalk.red, command: chalk.cyan } : PLAIN;

const code = await runWalkthrough({
  args: process.argv.slice(2),
  env: process.env,
  input: process.stdin,
  output: process.stdout,
  errors: process.stderr,
  palette,
});
// Every client and the broker are closed by now; exiting also lets go of stdin, which a terminal keeps open.
process.exit(code);
