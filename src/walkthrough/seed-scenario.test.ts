import { describe, expect, test } from "vitest";
import { parseCommand } from "./parse-command.js";
import { seedScenario } from "./seed-scenario.js";

describe("seedScenario", () => {
  test("is the original demo's session: 10 messages, A acks 0-4, B acks 0-2, status", () => {
    const commands = seedScenario(0).flatMap((step) => step.run);
    expect(commands.filter((c) => c.startsWith("produce"))).toHaveLength(10);
    expect(commands.filter((c) => !c.startsWith("produce"))).toEqual(["status", "ack A 4", "status", "ack B 2", "status"]);
  });

  test("every step is a command the parser accepts, as a person could type it", () => {
    for (const line of seedScenario(0).flatMap((step) => step.run)) {
      expect(parseCommand(line), line).toMatchObject({ ok: true });
    }
    expect(parseCommand(seedScenario(0)[0]!.run[0]!)).toEqual({
      ok: true,
      command: { kind: "produce", text: "order 0 placed", key: "order-0" },
    });
  });

  test("on a topic that already has messages, the acks name the offsets the ten messages will get", () => {
    const steps = seedScenario(11);
    expect(steps.flatMap((step) => step.run).filter((c) => c.startsWith("ack"))).toEqual(["ack A 15", "ack B 13"]);
    expect(steps[0]!.say).toContain("offsets 11-20");
    expect(steps.at(-1)!.say).toContain("A at 16 (lag 5), B at 14 (lag 7)");
  });
});
