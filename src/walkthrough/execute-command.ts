import { CONSUMER_SETTINGS } from "../harness/client-settings.js";
import { describeReset } from "../harness/reset-targets.js";
import { GROUP_LABELS, type Command, type GroupLabel, type ResetTarget } from "./command.js";
import { AUTO_COMMIT_INTERVAL_MS } from "./group-consumers.js";
import { HELP_TEXT } from "./help-text.js";
import { InputError } from "./input-error.js";
import { parseCommand } from "./parse-command.js";
import type { Printer } from "./printer.js";
import { describeCommitted, renderGroupStatus, sameCommitted } from "./render-status.js";
import { seedScenario } from "./seed-scenario.js";
import { offsetRanges, offsetsWord, unacknowledged } from "./unacknowledged.js";
import type { WalkthroughSession } from "./walkthrough-session.js";

export interface CommandContext {
  session: WalkthroughSession;
  printer: Printer;
  /** Shown before each command a scenario runs, so it reads like a typed session. */
  scenarioPrompt: string;
}

/** Does one command and prints what it did. Bad input is thrown as `InputError`; the caller reports it. */
export async function executeCommand(command: Command, context: CommandContext): Promise<void> {
  const { session, printer } = context;
  switch (command.kind) {
    case "produce": {
      const at = await session.send(command.text, command.key);
      const what = `produced ${JSON.stringify(command.text)}${command.key === null ? "" : ` (key ${command.key})`}: partition ${at.partition}, offset ${at.offset}`;
      try {
        await session.waitUntilReceived(at);
      } catch (error) {
        throw new Error(`${what}, but ${(error as Error).message}`, { cause: error });
      }
      printer.good(`${what}; consumers A and B have received it`);
      return;
    }
    case "status":
      return printStatus(context, GROUP_LABELS);
    case "ack": {
      const done = await session.ack(command.group, command.position);
      const typed = command.position.partition === undefined ? `${done.lastOffset}` : `${done.partition}:${done.lastOffset}`;
      printer.good(
        `ack ${command.group} ${typed}: the broker now holds committed offset ${done.committedNow ?? "-"} for group ${command.group} on partition ${done.partition}` +
          ` (the next offset to read, so one commit acknowledges every offset up to ${done.lastOffset})`,
      );
      return;
    }
    case "reset":
      return reset(context, command.group, command.target);
    case "scenario":
      return playSeed(context);
    case "stall":
      return stall(context, command.group, command.seconds);
    case "autocommit": {
      if (session.autoCommits(command.group) === command.on) {
        printer.note(`group ${command.group}'s consumer already has auto-commit ${command.on ? "on" : "off"}`);
        return;
      }
      await session.setAutoCommit(command.group, command.on);
      printer.good(
        command.on
          ? `consumer ${command.group} joined again with auto-commit on: it commits what it has been handed, every ${AUTO_COMMIT_INTERVAL_MS / 1000} s and at the end of each batch, whether or not your application finished with it (at most once, should it crash)`
          : `consumer ${command.group} joined again with auto-commit off: the broker's committed offset moves only when you ack (at least once)`,
      );
      return;
    }
    case "help":
      printer.line(HELP_TEXT);
      return;
    case "quit":
    case "nothing":
      return;
  }
}

async function printStatus({ session, printer }: CommandContext, labels: readonly string[]): Promise<void> {
  // Read both groups first, then print, so the tables describe one moment.
  const statuses = await Promise.all(labels.map((label) => session.status(label)));
  statuses.forEach((status, i) => {
    const { title, table, pending } = renderGroupStatus(status);
    if (i > 0) printer.line();
    printer.heading(title);
    for (const line of table) printer.line(line);
    printer.note(pending);
  });
}

async function stall({ session, printer }: CommandContext, group: GroupLabel, seconds: number): Promise<void> {
  printer.note(
    `sending a message for consumer ${group} to hold for ${seconds} s. kafkajs heartbeats between messages only: while it holds one, the broker hears nothing from it, and past its session timeout (${CONSUMER_SETTINGS.sessionTimeout / 1000} s) removes it from group ${group}`,
  );
  const outcome = await session.stall(group, seconds, (message) => printer.note(message));
  const at = `partition ${outcome.held.partition}, offset ${outcome.held.offset}`;
  if (outcome.removedAfter === null) {
    printer.good(`consumer ${group} held ${at} for ${seconds} s and stayed in group ${group}: a stall shorter than the session timeout costs no rebalance`);
  } else {
    printer.good(
      `the broker removed consumer ${group} from group ${group} ${outcome.removedAfter.toFixed(1)} s into its stall; when it went on it joined again as a new member` +
        (outcome.handedAgain ? ` and was handed ${at} again: it had not committed it, so the group reads it twice` : ", and has not been handed the message again yet"),
    );
  }
}

async function reset(context: CommandContext, group: GroupLabel, target: ResetTarget): Promise<void> {
  const { session, printer } = context;
  const where = describeReset(target.request);
  const outcome = await session.reset(group, target, (message) => printer.note(message));
  const clamped = outcome.offsets
    .filter((o) => o.clamped !== undefined)
    .map((o) => `partition ${o.partition}: ${o.clamped!.wanted} is ${o.clamped!.to === "log start" ? "before the log start" : "past the log end"}, so ${o.offset}`)
    .join("; ");
  const set = outcome.offsets.map((o) => `partition ${o.partition} → ${o.offset}`).join(", ");
  if (outcome.dryRun) {
    printer.good(`dry run: reset ${group} ${where} would set ${set}${clamped ? ` (${clamped})` : ""}`);
    printer.note(`nothing changed: the broker still holds ${describeCommitted(outcome.committed)} for group ${group}, and its consumer kept running`);
  } else {
    printer.good(`reset ${group} ${where}: the broker now holds ${describeCommitted(outcome.committed)} for group ${group}${clamped ? ` (${clamped})` : ""}`);
    const again = unacknowledged(outcome.received, [])
      .map((p) => `partition ${p.partition} ${offsetsWord(p.offsets)} ${offsetRanges(p.offsets)}`)
      .join("; ");
    printer.note(`consumer ${group} started again and resumed from there${again ? `; it has received ${again}` : ", with nothing new to receive"}`);
    printer.line();
    await printStatus(context, [group, ...outcome.others.map((o) => o.label)]);
  }
  printer.line();
  for (const { label, before, after } of outcome.others) {
    if (sameCommitted(before, after)) {
      printer.good(`group ${label} is untouched: ${describeCommitted(after)}, before the reset and after, read from the broker`);
    } else {
      printer.error(`group ${label} changed: ${describeCommitted(before)} before the reset, ${describeCommitted(after)} after`);
    }
  }
}

async function playSeed(context: CommandContext): Promise<void> {
  const { session, printer, scenarioPrompt } = context;
  const logs = await session.logs();
  if (logs.length !== 1) {
    throw new InputError(`scenario seed plays on one partition, like the original demo; this topic has ${logs.length} (start the walkthrough without --partitions)`);
  }
  const base = logs[0]!.logEnd;
  const steps = seedScenario(base);
  printer.heading("scenario seed: the original demo's session, step by step, with the commands you could type yourself");
  for (const [i, step] of steps.entries()) {
    printer.line();
    printer.heading(`step ${i + 1} of ${steps.length}: ${step.say}`);
    for (const line of step.run) {
      printer.command(scenarioPrompt, line);
      const parsed = parseCommand(line);
      if (!parsed.ok) throw new Error(`scenario seed has a step the parser rejects ("${line}"): ${parsed.error}`);
      try {
        await executeCommand(parsed.command, context);
      } catch (error) {
        throw new Error(`scenario seed stopped at step ${i + 1} (${line}): ${(error as Error).message}`, { cause: error });
      }
    }
  }
  printer.line();
  printer.heading(`scenario seed: done. Try your own: ack B ${base + 5}, status, reset A earliest, status.`);
}
