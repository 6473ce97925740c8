import { describe, expect, test } from "vitest";
import { refuseForeignMembers } from "./foreign-members.js";

const member = (memberId: string, clientId: string) => ({ memberId, clientId, assignment: [] });

describe("refuseForeignMembers", () => {
  test("a group whose members are all ours, or that has none, may be reset", () => {
    expect(() => refuseForeignMembers("A", [member("m1", "consumer-A"), member("m2", "consumer-A2")], ["m1", "m2"])).not.toThrow();
    expect(() => refuseForeignMembers("A", [], [])).not.toThrow();
  });

  test("a member not started here makes the group live: refused, naming it", () => {
    expect(() => refuseForeignMembers("A", [member("m1", "consumer-A"), member("x", "billing")], ["m1"])).toThrow(
      'group A is live: it has a member not started here (client id "billing"), and the broker refuses a reset while a group has members; stop that consumer first',
    );
  });
});
