import { describe, expect, test } from "vitest";
import type { Command } from "./command.js";
import { parseCommand } from "./parse-command.js";

function command(line: string): Command {
  const parsed = parseCommand(line);
  if (!parsed.ok) throw new Error(`expected "${line}" to parse; got: ${parsed.error}`);
  return parsed.command;
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
    ["STATUS", { kind: "status" }],
    ["ack A 4", { kind: "ack", group: "A", position: { offset: 4 } }],
    ["ack b 0", { kind: "ack", group: "B", position: { offset: 0 } }],
    ["ack A 1:4", { kind: "ack", group: "A", position: { partition: 1, offset: 4 } }],
    ["reset A", { kind: "reset", group: "A", target: { to: "earliest" } }],
    ["reset B latest", { kind: "reset", group: "B", target: { to: "latest" } }],
    ["reset A EARLIEST", { kind: "reset", group: "A", target: { to: "earliest" } }],
    ["reset A 3", { kind: "reset", group: "A", target: { to: "offset", position: { offset: 3 } } }],
    ["reset A 0:3", { kind: "reset", group: "A", target: { to: "offset", position: { partition: 0, offset: 3 } } }],
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
    ["reset A somewhere", /^"somewhere" is not earliest, latest or an offset/],
    ["reset A 4 5", /^reset takes a group and one target/],
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
