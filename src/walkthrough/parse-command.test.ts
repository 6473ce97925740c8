import { describe, expect, test } from "vitest";
import type { ResetSpec } from "../harness/reset-targets.js";
import type { Command } from "./command.js";
import { parseCommand } from "./parse-command.js";

function command(line: string): Command {
  const parsed = parseCommand(line);
  if (!parsed.ok) throw new Error(`expected "${line}" to parse; got: ${parsed.error}`);
  return parsed.command;
}

function reset(group: "A" | "B", spec: ResetSpec, options: { partition?: number; dryRun?: boolean } = {}): Command {
  const { partition, dryRun = false } = options;
  return { kind: "reset", group, target: { request: { spec, ...(partition === undefined ? {} : { partition }) }, dryRun } };
}

function error(line: string): string {
  const parsed = parseCommand(line);
  if (parsed.ok) throw new Error(`expected "${line}" to be refused; got ${JSON.stringify(parsed.command)}`);
  return parsed.error;
}

describe("parseCommand: good input", () => {
  test.each<[string, Command]>([
    ['produce "Hello Kafka!" test-1', { kind: "produce", text: "Hello Kafka!", key: "test-1" }],
    ["produce hello", { kind: "produce", text: "hello", key: null }],
    ["produce 'it''s fine'", { kind: "produce", text: "its fine", key: null }],
    ['produce "say \\"hi\\"" k', { kind: "produce", text: 'say "hi"', key: "k" }],
    ['produce ""', { kind: "produce", text: "", key: null }],
    ["  status  ", { kind: "status" }],
    ["stall A 10s", { kind: "stall", group: "A", seconds: 10 }],
    ["stall b 7", { kind: "stall", group: "B", seconds: 7 }],
    ["autocommit A on", { kind: "autocommit", group: "A", on: true }],
    ["autocommit B OFF", { kind: "autocommit", group: "B", on: false }],
    ["STATUS", { kind: "status" }],
    ["ack A 4", { kind: "ack", group: "A", position: { offset: 4 } }],
    ["ack b 0", { kind: "ack", group: "B", position: { offset: 0 } }],
    ["ack A 1:4", { kind: "ack", group: "A", position: { partition: 1, offset: 4 } }],
    ["reset A", reset("A", { to: "earliest" })],
    ["reset B latest", reset("B", { to: "latest" })],
    ["reset A EARLIEST", reset("A", { to: "earliest" })],
    ["reset A 3", reset("A", { to: "offset", offset: 3 })],
    ["reset A 0:3", reset("A", { to: "offset", offset: 3 }, { partition: 0 })],
    ["reset A 3 partition=1", reset("A", { to: "offset", offset: 3 }, { partition: 1 })],
    ["reset A shift:-3", reset("A", { to: "shift", by: -3 })],
    ["reset B shift:+2 partition=0 dry-run", reset("B", { to: "shift", by: 2 }, { partition: 0, dryRun: true })],
    ["reset A dry-run latest", reset("A", { to: "latest" }, { dryRun: true })],
    ["reset A datetime:2026-01-02T03:04:05Z", reset("A", { to: "datetime", timestamp: Date.UTC(2026, 0, 2, 3, 4, 5) })],
    ["reset A by-duration:PT1H30M", reset("A", { to: "duration", durationMs: 5_400_000 })],
    ["reset A partition=1", reset("A", { to: "earliest" }, { partition: 1 })],
    ["scenario seed", { kind: "scenario", name: "seed" }],
    ["help", { kind: "help" }],
    ["?", { kind: "help" }],
    ["quit", { kind: "quit" }],
    ["exit", { kind: "quit" }],
    ["", { kind: "nothing" }],
    ["   ", { kind: "nothing" }],
    ['# a comment, even with a "quote', { kind: "nothing" }],
  ])("%s", (line, expected) => {
    expect(command(line)).toEqual(expected);
  });
});

describe("parseCommand: bad input gets one line saying what to write instead", () => {
  test.each<[string, RegExp]>([
    ["frobnicate", /^unknown command "frobnicate": type help/],
    ["stall", /^stall needs a group and how long: stall <A\|B> <seconds>/],
    ["stall A", /^stall needs a group and how long/],
    ["stall C 5", /^there is no group "C"/],
    ["stall A 0", /^"0" is not a whole number of seconds from 1 to 60/],
    ["stall A 61s", /^"61s" is not a whole number of seconds from 1 to 60/],
    ["stall A 2.5s", /^"2.5s" is not a whole number of seconds/],
    ["stall A 10m", /^"10m" is not a whole number of seconds/],
    ["stall A 5 now", /^stall takes a group and one duration/],
    ["autocommit A", /^autocommit needs a group and on or off/],
    ["autocommit A maybe", /^"maybe" is not on or off: autocommit <A\|B> <on\|off>/],
    ["autocommit A on off", /^autocommit takes a group and one setting/],
    ["ack C 0", /^there is no group "C": the groups are A and B$/],
    ["reset AB", /^there is no group "AB"/],
    ["ack A -1", /^offset -1 is negative: offsets start at 0$/],
    ["reset A -3", /^offset -3 is negative/],
    ["ack A four", /^offset "four" is not a number: write a whole number/],
    ["ack A 4.5", /^offset "4.5" is not a number/],
    ["ack A 1e3", /^offset "1e3" is not a number/],
    ["ack A 0x10", /^offset "0x10" is not a number/],
    ["ack A +4", /^offset "\+4" is not a number/],
    ["ack A 99999999999999999999", /^offset 99999999999999999999 is too large/],
    ["ack A x:4", /^partition "x" is not a number/],
    ["ack A -1:4", /^partition -1 is negative/],
    ["ack A 1:", /^the offset is missing/],
    ["ack A :4", /^the partition is missing/],
    ["ack A 1:-4", /^offset -4 is negative/],
    ["ack", /^ack needs a group and an offset/],
    ["ack A", /^ack needs a group and an offset/],
    ["ack A 1 2", /^ack takes a group and one offset/],
    ["reset", /^reset needs a group/],
    ["reset A somewhere", /^"somewhere" is not a reset target or option: reset <A\|B> \[earliest/],
    ["reset A 4 5", /^reset takes one target, not two \(4 and 5\)/],
    ["reset A latest shift:-1", /^reset takes one target, not two/],
    ["reset A datetime:yesterday", /^"yesterday" is not a date and time: write an ISO-8601 date and time with its zone/],
    ["reset A datetime:2026-01-02T03:04:05", /is not a date and time: write an ISO-8601 date and time with its zone/],
    ["reset A datetime:2026-02-30T00:00:00Z", /is not a date and time that exists/],
    ["reset A shift:-3.5", /^shift "-3.5" is not a whole number/],
    ["reset A shift:three", /^shift "three" is not a whole number/],
    ["reset A by-duration:1h", /^"1h" is not a duration: write an ISO-8601 duration such as PT1H30M/],
    ["reset A partition=x", /^partition "x" is not a number/],
    ["reset A partition=1 partition=2", /^the partition is given twice \(partition=1 and partition=2\)/],
    ["reset A 0:3 partition=1", /^the partition is given twice \(0:3 and partition=1\)/],
    ["reset A dry-run dry-run", /^dry-run is given twice/],
    ["reset A --to-earliest", /is not a reset target or option/],
    ["reset A offset:3", /^"offset:3" is not a reset target or option/],
    ["produce", /^produce needs the message text/],
    ["produce Hello Kafka test-1", /^produce takes <text> \[key\], not 3 words: put text with spaces in quotes/],
    ['produce "Hello Kafka!', /^a double quote is not closed/],
    ["produce 'Hello", /^a single quote is not closed/],
    ["status now", /^status takes no arguments/],
    ["quit now", /^quit takes no arguments/],
    ["scenario", /^scenario needs a name/],
    ["scenario other", /^there is no scenario "other": the scenarios are: seed$/],
  ])("%s", (line, expected) => {
    const message = error(line);
    expect(message).toMatch(expected);
    expect(message).not.toContain("\n");
  });
});
